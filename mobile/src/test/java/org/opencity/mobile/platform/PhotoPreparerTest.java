package org.opencity.mobile.platform;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestImages;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhotoPreparerTest {

    @Test
    void aCameraPhotoIsScaledToALongEdgeOf1600KeepingItsProportions() throws IOException {
        BufferedImage landscape = read(PhotoPreparer.prepare(TestImages.jpeg(4000, 3000)));
        assertThat(landscape.getWidth()).isEqualTo(1600);
        assertThat(landscape.getHeight()).isEqualTo(1200);
        BufferedImage portrait = read(PhotoPreparer.prepare(TestImages.jpeg(3000, 4000)));
        assertThat(portrait.getWidth()).isEqualTo(1200);
        assertThat(portrait.getHeight()).isEqualTo(1600);
        BufferedImage huge = read(PhotoPreparer.prepare(TestImages.jpeg(12000, 9000)));
        assertThat(huge.getWidth()).as("read subsampled, still 1600 in the end").isEqualTo(1600);
        assertThat(huge.getHeight()).isEqualTo(1200);
    }

    @Test
    void aSmallPhotoIsNotEnlargedAndEveryPhotoBecomesAJpeg() throws IOException {
        byte[] prepared = PhotoPreparer.prepare(TestImages.png(800, 600));
        assertThat(prepared[0] & 0xff).isEqualTo(0xFF);
        assertThat(prepared[1] & 0xff).as("a JPEG start-of-image").isEqualTo(0xD8);
        BufferedImage image = read(prepared);
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(600);
    }

    @Test
    void theJpegQualityIsAboutPointEight() throws IOException {
        byte[] prepared = PhotoPreparer.prepare(TestImages.jpeg(1600, 1200));
        BufferedImage same = read(prepared);
        assertThat(prepared.length).as("smaller than at quality 0.95").isLessThan(PhotoPreparer.jpeg(same, 0.95f).length)
                .as("larger than at quality 0.6").isGreaterThan(PhotoPreparer.jpeg(same, 0.6f).length);
    }

    @Test
    void whatIsNotAPictureOrTooLargeToDecodeIsRefusedWithAReason() {
        assertThatThrownBy(() -> PhotoPreparer.prepare("not a photo".getBytes())).isInstanceOf(IOException.class)
                .hasMessageContaining("not a JPEG or PNG");
        assertThatThrownBy(() -> PhotoPreparer.prepare(TestImages.pixelFloodPng(20_000, 20_000))).isInstanceOf(IOException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> PhotoPreparer.prepare(TestImages.malformedJpeg())).isInstanceOf(IOException.class);
    }

    private static BufferedImage read(byte[] jpeg) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }
}
