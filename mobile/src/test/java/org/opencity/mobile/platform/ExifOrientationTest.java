package org.opencity.mobile.platform;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestImages;

import java.awt.image.BufferedImage;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.mobile.platform.CameraJpegs.BOTTOM_LEFT;
import static org.opencity.mobile.platform.CameraJpegs.BOTTOM_RIGHT;
import static org.opencity.mobile.platform.CameraJpegs.TOP_LEFT;
import static org.opencity.mobile.platform.CameraJpegs.TOP_RIGHT;
import static org.opencity.mobile.platform.CameraJpegs.near;

/** Phone photos arrive upright whatever way the phone was held. */
class ExifOrientationTest {

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyCameraOrientationArrivesUprightWithItsCornersInPlace(int orientation) throws IOException {
        BufferedImage scene = CameraJpegs.scene(2000, 1500);
        byte[] camera = CameraJpegs.photo(scene, orientation, orientation % 2 == 0);
        assertThat(ExifOrientation.of(camera)).isEqualTo(orientation);

        BufferedImage upright = CameraJpegs.read(PhotoPreparer.prepare(camera));

        assertThat(upright.getWidth()).as("the scene's width, scaled to the long edge").isEqualTo(1600);
        assertThat(upright.getHeight()).isEqualTo(1200);
        assertThat(near(upright.getRGB(200, 150), TOP_LEFT)).as("top left").isTrue();
        assertThat(near(upright.getRGB(1400, 150), TOP_RIGHT)).as("top right").isTrue();
        assertThat(near(upright.getRGB(200, 1050), BOTTOM_LEFT)).as("bottom left").isTrue();
        assertThat(near(upright.getRGB(1400, 1050), BOTTOM_RIGHT)).as("bottom right").isTrue();
    }

    @Test
    void aPortraitPhotoTakenWithThePhoneUprightStaysPortrait() throws IOException {
        BufferedImage scene = CameraJpegs.scene(300, 400);
        BufferedImage upright = CameraJpegs.read(PhotoPreparer.prepare(CameraJpegs.photo(scene, 6, false)));
        assertThat(upright.getWidth()).isEqualTo(300);
        assertThat(upright.getHeight()).isEqualTo(400);
        assertThat(near(upright.getRGB(30, 30), TOP_LEFT)).isTrue();
        assertThat(near(upright.getRGB(270, 370), BOTTOM_RIGHT)).isTrue();
    }

    @Test
    void turningMovesEveryPixelAsTheEightValuesSay() {
        // 3 × 2 stored pixels numbered row by row: 0 1 2 / 3 4 5
        Pixels stored = new Pixels(3, 2, new int[] {0, 1, 2, 3, 4, 5});
        assertThat(ExifOrientation.upright(stored, 1).rgb()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(ExifOrientation.upright(stored, 2).rgb()).containsExactly(2, 1, 0, 5, 4, 3);
        assertThat(ExifOrientation.upright(stored, 3).rgb()).containsExactly(5, 4, 3, 2, 1, 0);
        assertThat(ExifOrientation.upright(stored, 4).rgb()).containsExactly(3, 4, 5, 0, 1, 2);
        assertThat(ExifOrientation.upright(stored, 5).rgb()).containsExactly(0, 3, 1, 4, 2, 5);
        assertThat(ExifOrientation.upright(stored, 6).rgb()).containsExactly(3, 0, 4, 1, 5, 2);
        assertThat(ExifOrientation.upright(stored, 7).rgb()).containsExactly(5, 2, 4, 1, 3, 0);
        assertThat(ExifOrientation.upright(stored, 8).rgb()).containsExactly(2, 5, 1, 4, 0, 3);
        assertThat(ExifOrientation.upright(stored, 6).width()).isEqualTo(2);
        assertThat(ExifOrientation.upright(stored, 6).height()).isEqualTo(3);
    }

    @Test
    void noOrOddExifLeavesThePhotoAsItIs() throws IOException {
        assertThat(ExifOrientation.of(CameraJpegs.jpeg(CameraJpegs.scene(400, 200), 0.9f))).isEqualTo(ExifOrientation.UPRIGHT);
        assertThat(ExifOrientation.of(TestImages.jpegWithExif(400, 200))).as("an EXIF block without an orientation")
                .isEqualTo(ExifOrientation.UPRIGHT);
        assertThat(ExifOrientation.of(CameraJpegs.withExif(TestImages.jpeg(40, 20), 9, false))).as("not a valid value")
                .isEqualTo(1);
        assertThat(ExifOrientation.of(TestImages.malformedJpeg())).isEqualTo(ExifOrientation.UPRIGHT);
        assertThat(ExifOrientation.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0x7F})).isEqualTo(1);
        BufferedImage same = CameraJpegs.read(PhotoPreparer.prepare(TestImages.jpegWithExif(400, 200)));
        assertThat(same.getWidth()).isEqualTo(400);
        assertThat(same.getHeight()).isEqualTo(200);
    }
}
