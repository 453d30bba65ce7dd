package org.opencity.mobile.platform;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Test photos shaped as phone cameras write them: the sensor's pixels stored as they fell, an
 * EXIF block (camera make and the orientation tag) right after the start of the image, and a
 * scene with a coloured quadrant in each corner so a test can see which way is up. ImageIO is
 * used here, in test code only, to make inputs and to read outputs independently of the app.
 */
final class CameraJpegs {

    static final Color TOP_LEFT = new Color(220, 30, 30);
    static final Color TOP_RIGHT = new Color(30, 200, 40);
    static final Color BOTTOM_LEFT = new Color(30, 40, 220);
    static final Color BOTTOM_RIGHT = new Color(240, 240, 240);

    private CameraJpegs() {
    }

    /** The scene as the person saw it: four quadrants, one colour each. */
    static BufferedImage scene(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(TOP_LEFT);
        g.fillRect(0, 0, width / 2, height / 2);
        g.setColor(TOP_RIGHT);
        g.fillRect(width / 2, 0, width - width / 2, height / 2);
        g.setColor(BOTTOM_LEFT);
        g.fillRect(0, height / 2, width / 2, height - height / 2);
        g.setColor(BOTTOM_RIGHT);
        g.fillRect(width / 2, height / 2, width - width / 2, height - height / 2);
        g.dispose();
        return image;
    }

    /**
     * The quadrant scene with a camera's grain over it (a seeded noise of ±16 per channel and a
     * gradient), so its JPEG has the size and entropy-decoding cost of a real photo, not of flat colour.
     */
    static BufferedImage grainyScene(int width, int height) {
        BufferedImage image = scene(width, height);
        java.util.Random random = new java.util.Random(12);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int shade = (x + y) * 24 / (width + height) - 12;
                int r = clamp(((rgb >> 16) & 0xFF) + shade + random.nextInt(33) - 16);
                int g = clamp(((rgb >> 8) & 0xFF) + shade + random.nextInt(33) - 16);
                int b = clamp((rgb & 0xFF) + shade + random.nextInt(33) - 16);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /**
     * The camera file for this upright scene and orientation: the stored pixels are laid out as
     * the EXIF specification defines each value by where the stored 0th row and 0th column lie
     * in the scene (e.g. 6: row 0 is the scene's right edge, column 0 its top).
     */
    static byte[] photo(BufferedImage upright, int orientation, boolean littleEndian) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        boolean swap = orientation >= 5;
        BufferedImage stored = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < stored.getHeight(); r++) {
            for (int c = 0; c < stored.getWidth(); c++) {
                int x;
                int y;
                switch (orientation) {
                    case 1 -> { x = c; y = r; }                    // row 0 top, column 0 left
                    case 2 -> { x = w - 1 - c; y = r; }            // row 0 top, column 0 right
                    case 3 -> { x = w - 1 - c; y = h - 1 - r; }    // row 0 bottom, column 0 right
                    case 4 -> { x = c; y = h - 1 - r; }            // row 0 bottom, column 0 left
                    case 5 -> { x = r; y = c; }                    // row 0 left, column 0 top
                    case 6 -> { x = w - 1 - r; y = c; }            // row 0 right, column 0 top
                    case 7 -> { x = w - 1 - r; y = h - 1 - c; }    // row 0 right, column 0 bottom
                    case 8 -> { x = r; y = h - 1 - c; }            // row 0 left, column 0 bottom
                    default -> throw new IllegalArgumentException("orientation " + orientation);
                }
                stored.setRGB(c, r, upright.getRGB(x, y));
            }
        }
        return withExif(jpeg(stored, 0.92f), orientation, littleEndian);
    }

    static byte[] jpeg(BufferedImage image, float quality) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (var stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            var param = writer.getDefaultWriteParam();
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The JPEG with an APP1 EXIF block first: IFD0 with Make ("TestPhone") and Orientation. */
    static byte[] withExif(byte[] plain, int orientation, boolean littleEndian) {
        byte[] make = "TestPhone\0".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4 + make.length)
                .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        tiff.put((byte) (littleEndian ? 'I' : 'M')).put((byte) (littleEndian ? 'I' : 'M')).putShort((short) 42).putInt(8);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x010F).putShort((short) 2).putInt(make.length).putInt(8 + 2 + 2 * 12 + 4);   // Make, ASCII
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        tiff.put(make);
        byte[] exif = new byte[6 + tiff.capacity()];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xFF);
        out.write(exif, 0, exif.length);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    static BufferedImage read(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (image == null) {
                throw new IllegalStateException("ImageIO reads no image from " + jpeg.length + " bytes");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the pixel is within a JPEG's error of the colour. */
    static boolean near(int rgb, Color colour) {
        Color c = new Color(rgb);
        return Math.abs(c.getRed() - colour.getRed()) < 40 && Math.abs(c.getGreen() - colour.getGreen()) < 40
                && Math.abs(c.getBlue() - colour.getBlue()) < 40;
    }
}
