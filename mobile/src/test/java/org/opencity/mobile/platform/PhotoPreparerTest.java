package org.opencity.mobile.platform;

import javafx.scene.image.Image;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestImages;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhotoPreparerTest {

    @Test
    void aCameraPhotoIsScaledToALongEdgeOf1600KeepingItsProportions() throws IOException {
        BufferedImage landscape = CameraJpegs.read(PhotoPreparer.prepare(TestImages.jpeg(4000, 3000)));
        assertThat(landscape.getWidth()).isEqualTo(1600);
        assertThat(landscape.getHeight()).isEqualTo(1200);
        BufferedImage portrait = CameraJpegs.read(PhotoPreparer.prepare(TestImages.jpeg(3000, 4000)));
        assertThat(portrait.getWidth()).isEqualTo(1200);
        assertThat(portrait.getHeight()).isEqualTo(1600);
        BufferedImage huge = CameraJpegs.read(PhotoPreparer.prepare(TestImages.jpeg(12000, 9000)));
        assertThat(huge.getWidth()).as("decoded reduced, still 1600 in the end").isEqualTo(1600);
        assertThat(huge.getHeight()).isEqualTo(1200);
    }

    @Test
    void aTwelveMegapixelPhotoIsDecodedAtReducedSizeNeverAsAFullBitmap() throws IOException {
        byte[] camera = CameraJpegs.photo(CameraJpegs.scene(4000, 3000), 6, true);
        PhotoPreparer.prepare(camera);                                       // warm the loader up
        long fullDecode = allocatedBy(() -> new Image(new ByteArrayInputStream(camera)));
        long prepared = allocatedBy(() -> PhotoPreparer.prepare(camera));

        assertThat(fullDecode).as("a full decode holds at least the 12-megapixel RGB bitmap")
                .isGreaterThan(4000L * 3000 * 3);
        assertThat(prepared).as("preparing allocates less than the 12-megapixel RGB bitmap alone (%d vs full decode %d)",
                prepared, fullDecode).isLessThan(4000L * 3000 * 3);
        BufferedImage upright = CameraJpegs.read(PhotoPreparer.prepare(camera));
        assertThat(upright.getWidth()).isEqualTo(1600);
        assertThat(CameraJpegs.near(upright.getRGB(100, 100), CameraJpegs.TOP_LEFT)).isTrue();
    }

    @Test
    void aSmallPhotoIsNotEnlargedAndEveryPhotoBecomesAJpeg() throws IOException {
        byte[] prepared = PhotoPreparer.prepare(TestImages.png(800, 600));
        assertThat(prepared[0] & 0xff).isEqualTo(0xFF);
        assertThat(prepared[1] & 0xff).as("a JPEG start-of-image").isEqualTo(0xD8);
        BufferedImage image = CameraJpegs.read(prepared);
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(600);
    }

    @Test
    void transparentAreasOfAPngBecomeWhite() throws IOException {
        BufferedImage clear = new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB);
        var png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(clear, "png", png);
        BufferedImage image = CameraJpegs.read(PhotoPreparer.prepare(png.toByteArray()));
        assertThat(CameraJpegs.near(image.getRGB(32, 24), java.awt.Color.WHITE)).isTrue();
    }

    @Test
    void theJpegQualityIsAboutPointEight() throws IOException {
        byte[] prepared = PhotoPreparer.prepare(TestImages.jpeg(1600, 1200));
        BufferedImage same = CameraJpegs.read(prepared);
        assertThat(prepared.length).as("smaller than at quality 0.95").isLessThan(CameraJpegs.jpeg(same, 0.95f).length)
                .as("larger than at quality 0.6").isGreaterThan(CameraJpegs.jpeg(same, 0.6f).length);
    }

    @Test
    void whatIsNotAPictureOrTooLargeToDecodeIsRefusedWithAReason() {
        assertThatThrownBy(() -> PhotoPreparer.prepare("not a photo".getBytes())).isInstanceOf(IOException.class)
                .hasMessageContaining("not a JPEG or PNG");
        assertThatThrownBy(() -> PhotoPreparer.prepare(TestImages.pixelFloodPng(20_000, 20_000))).isInstanceOf(IOException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> PhotoPreparer.prepare(TestImages.malformedJpeg())).isInstanceOf(IOException.class);
        byte[] cut = TestImages.jpeg(400, 300);
        assertThatThrownBy(() -> PhotoPreparer.prepare(java.util.Arrays.copyOf(cut, 40))).as("cut before its frame header")
                .isInstanceOf(IOException.class);
    }

    interface Work {
        Object run() throws IOException;
    }

    /** Bytes allocated on the heap by this thread while the work runs (JavaFX decodes on the calling thread). */
    private static long allocatedBy(Work work) throws IOException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Object result = work.run();
        long after = threads.getCurrentThreadAllocatedBytes();
        assertThat(result).isNotNull();
        return after - before;
    }
}
