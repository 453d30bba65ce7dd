package org.opencity.mobile.platform;

/**
 * The EXIF orientation of a camera JPEG, and the image turned upright. Phones store the sensor's
 * pixels as they are and say in the EXIF block how to turn them (tag 0x0112, values 1–8); Java's
 * image reader ignores it, so without this a photo taken holding the phone upright arrives lying
 * on its side. Anything unexpected in the file reads as "already upright". Plain Java throughout:
 * the turn moves pixel values, so it needs no imaging library.
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

    /**
     * The picture turned as its orientation says: 2 mirrored, 3 upside down, 4 mirrored upside
     * down, 5 mirrored along the main diagonal, 6 a quarter clockwise, 7 mirrored along the other
     * diagonal, 8 a quarter anticlockwise (5–8 swap width and height).
     */
    static Pixels upright(Pixels picture, int orientation) {
        if (orientation <= UPRIGHT || orientation > 8) {
            return picture;
        }
        int w = picture.width();
        int h = picture.height();
        boolean swap = orientation >= 5;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        int[] in = picture.rgb();
        int[] out = new int[in.length];
        for (int y = 0; y < outH; y++) {
            int row = y * outW;
            for (int x = 0; x < outW; x++) {
                // the stored pixel (sx, sy) that shows at (x, y) once upright
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; }
                }
                out[row + x] = in[sy * w + sx];
            }
        }
        return new Pixels(outW, outH, out);
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
