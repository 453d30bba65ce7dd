package org.opencity.mobile.platform;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestImages;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

/** Phone photos arrive upright whatever way the phone was held. */
class ExifOrientationTest {

    @Test
    void aPhotoTakenWithThePhoneUprightIsTurnedAQuarterClockwise() throws IOException {
        BufferedImage upright = read(PhotoPreparer.prepare(withOrientation(redLeftBlueRight(), 6, false)));
        assertThat(upright.getWidth()).isEqualTo(200);
        assertThat(upright.getHeight()).isEqualTo(400);
        assertThat(isRed(upright.getRGB(100, 50))).as("the left side is now on top").isTrue();
        assertThat(isBlue(upright.getRGB(100, 350))).isTrue();
    }

    @Test
    void theOtherTurnsAndMirrorsAreUndoneAndByteOrderDoesNotMatter() throws IOException {
        BufferedImage anticlockwise = read(PhotoPreparer.prepare(withOrientation(redLeftBlueRight(), 8, true)));
        assertThat(anticlockwise.getWidth()).isEqualTo(200);
        assertThat(isBlue(anticlockwise.getRGB(100, 50))).as("the right side is now on top").isTrue();
        BufferedImage upsideDown = read(PhotoPreparer.prepare(withOrientation(redLeftBlueRight(), 3, false)));
        assertThat(upsideDown.getWidth()).isEqualTo(400);
        assertThat(isBlue(upsideDown.getRGB(50, 100))).isTrue();
        BufferedImage mirrored = read(PhotoPreparer.prepare(withOrientation(redLeftBlueRight(), 2, true)));
        assertThat(isBlue(mirrored.getRGB(50, 100))).isTrue();
        assertThat(isRed(mirrored.getRGB(350, 100))).isTrue();
    }

    @Test
    void noOrOddExifLeavesThePhotoAsItIs() throws IOException {
        assertThat(ExifOrientation.of(encode(redLeftBlueRight()))).isEqualTo(ExifOrientation.UPRIGHT);
        assertThat(ExifOrientation.of(TestImages.jpegWithExif(400, 200))).as("an EXIF block without an orientation")
                .isEqualTo(ExifOrientation.UPRIGHT);
        assertThat(ExifOrientation.of(withOrientation(redLeftBlueRight(), 9, false))).as("not a valid value").isEqualTo(1);
        assertThat(ExifOrientation.of(TestImages.malformedJpeg())).isEqualTo(ExifOrientation.UPRIGHT);
        assertThat(ExifOrientation.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0x7F})).isEqualTo(1);
        BufferedImage same = read(PhotoPreparer.prepare(TestImages.jpegWithExif(400, 200)));
        assertThat(same.getWidth()).isEqualTo(400);
        assertThat(same.getHeight()).isEqualTo(200);
    }

    private static BufferedImage redLeftBlueRight() {
        BufferedImage image = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 200, 200);
        g.setColor(Color.BLUE);
        g.fillRect(200, 0, 200, 200);
        g.dispose();
        return image;
    }

    /** The JPEG with an EXIF block holding only the orientation tag, as a camera writes it. */
    private static byte[] withOrientation(BufferedImage image, int orientation, boolean littleEndian) throws IOException {
        byte[] plain = encode(image);
        ByteBuffer tiff = ByteBuffer.allocate(26).order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        tiff.put((byte) (littleEndian ? 'I' : 'M')).put((byte) (littleEndian ? 'I' : 'M')).putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);                                             // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);                                                       // no next IFD
        byte[] exif = new byte[6 + tiff.capacity()];
        System.arraycopy("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xFF);
        out.write(exif);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        return PhotoPreparer.jpeg(image, 0.95f);
    }

    private static BufferedImage read(byte[] jpeg) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    private static boolean isRed(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 200 && c.getBlue() < 60;
    }

    private static boolean isBlue(int rgb) {
        Color c = new Color(rgb);
        return c.getBlue() > 200 && c.getRed() < 60;
    }
}
