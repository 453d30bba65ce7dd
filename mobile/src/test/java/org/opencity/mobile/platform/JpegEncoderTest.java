package org.opencity.mobile.platform;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The app's own JPEG encoder writes files that an independent decoder (ImageIO) reads back faithfully. */
class JpegEncoderTest {

    @Test
    void aSmoothPictureDecodesBackCloseToTheOriginal() {
        int w = 333;
        int h = 211;                                   // not multiples of 16: the edge MCUs are padded
        int[] rgb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                rgb[y * w + x] = ((x * 255 / w) << 16) | ((y * 255 / h) << 8) | ((x + y) * 255 / (w + h));
            }
        }
        BufferedImage decoded = CameraJpegs.read(JpegEncoder.encode(new Pixels(w, h, rgb), 0.8f));

        assertThat(decoded.getWidth()).isEqualTo(w);
        assertThat(decoded.getHeight()).isEqualTo(h);
        double error = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = rgb[y * w + x];
                int b = decoded.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    error += Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF));
                }
            }
        }
        assertThat(error / (w * h * 3)).as("mean error per channel").isLessThan(3.0);
    }

    @Test
    void noiseAndSharpEdgesUseTheWholeHuffmanAlphabetAndStillDecode() {
        int w = 256;
        int h = 160;
        int[] rgb = new int[w * h];
        Random random = new Random(19);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (i / w / 8 + i % w / 8) % 2 == 0 ? random.nextInt(0x1000000) : 0xFFFFFF;
        }
        for (float quality : new float[] {0.05f, 0.5f, 0.8f, 1.0f}) {
            byte[] jpeg = JpegEncoder.encode(new Pixels(w, h, rgb), quality);
            BufferedImage decoded = CameraJpegs.read(jpeg);
            assertThat(decoded.getWidth()).isEqualTo(w);
            assertThat(decoded.getRGB(12, 4) & 0xFFFFFF).as("a white square stays white at quality %s", quality)
                    .isGreaterThan(0xE0E0E0);
        }
    }

    @Test
    void higherQualityMeansLargerFilesAndTheTablesAreScaledAsLibjpegDoes() {
        int[] rgb = new int[640 * 480];
        Random random = new Random(7);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (i % 640) * 0x010101 / 3 + random.nextInt(16);
        }
        Pixels picture = new Pixels(640, 480, rgb);
        assertThat(JpegEncoder.encode(picture, 0.6f).length).isLessThan(JpegEncoder.encode(picture, 0.8f).length);
        assertThat(JpegEncoder.encode(picture, 0.8f).length).isLessThan(JpegEncoder.encode(picture, 0.95f).length);
        int[] luma80 = JpegEncoder.scaled(new int[] {16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16,
                24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
                92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99}, 0.8f);
        assertThat(luma80[0]).as("16 × 40 %").isEqualTo(6);
        assertThat(luma80[63]).as("99 × 40 %, the last in zigzag order").isEqualTo(40);
        assertThatThrownBy(() -> JpegEncoder.encode(picture, 0f)).isInstanceOf(IllegalArgumentException.class);
    }
}
