package org.opencity.mobile.platform;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * The EXIF orientation of a camera JPEG, and the image turned upright. Phones store the sensor's
 * pixels as they are and say in the EXIF block how to turn them (tag 0x0112, values 1–8); Java's
 * image reader ignores it, so without this a photo taken holding the phone upright arrives lying
 * on its side. Anything unexpected in the file reads as "already upright".
 */
final class ExifOrientation {

    static final int UPRIGHT = 1;
    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {
    }

    /** The orientation (1–8) from the first EXIF block of a JPEG, or {@link #UPRIGHT}. */
    static int of(byte[] jpeg) {
        try {
            if (jpeg.length < 4 || u8(jpeg, 0) != 0xFF || u8(jpeg, 1) != 0xD8) {
                return UPRIGHT;
            }
            int at = 2;
            while (at + 4 <= jpeg.length && u8(jpeg, at) == 0xFF) {
                int marker = u8(jpeg, at + 1);
                if (marker == 0xDA || marker == 0xD9) {
                    return UPRIGHT;   // the image data starts: no EXIF before it
                }
                int length = (u8(jpeg, at + 2) << 8) | u8(jpeg, at + 3);
                int body = at + 4;
                if (marker == 0xE1 && length >= 8 && body + 6 <= jpeg.length && "Exif".equals(new String(jpeg, body, 4,
                        java.nio.charset.StandardCharsets.ISO_8859_1))) {
                    return fromTiff(jpeg, body + 6, Math.min(jpeg.length, at + 2 + length));
                }
                at += 2 + length;
            }
        } catch (RuntimeException malformed) {
            return UPRIGHT;
        }
        return UPRIGHT;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return UPRIGHT;
        }
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        boolean big = b[tiff] == 'M' && b[tiff + 1] == 'M';
        if (!little && !big || u16(b, tiff + 2, little) != 42) {
            return UPRIGHT;
        }
        long ifd = u32(b, tiff + 4, little);
        if (ifd < 8 || tiff + ifd + 2 > end) {
            return UPRIGHT;
        }
        int entries = u16(b, tiff + (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = tiff + (int) ifd + 2 + i * 12;
            if (entry + 12 > end) {
                return UPRIGHT;
            }
            if (u16(b, entry, little) == ORIENTATION_TAG) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }

    /** The image turned as its orientation says (2–8 flip and/or turn it; 5–8 swap width and height). */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation <= UPRIGHT || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);        // mirrored
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);       // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);        // mirrored upside down
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);         // mirrored, turned
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);        // turn a quarter clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);       // mirrored, turned the other way
            default -> new AffineTransform(0, -1, 1, 0, 0, w);       // 8: a quarter anticlockwise
        };
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, t, null);
        g.dispose();
        return out;
    }

    private static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? u8(b, at) | (u8(b, at + 1) << 8) : (u8(b, at) << 8) | u8(b, at + 1);
    }

    private static long u32(byte[] b, int at, boolean little) {
        return little ? (u16(b, at, true) & 0xFFFFL) | ((long) u16(b, at + 2, true) << 16)
                : ((long) u16(b, at, false) << 16) | (u16(b, at + 2, false) & 0xFFFFL);
    }
}
