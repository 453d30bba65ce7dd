package org.opencity.mobile.platform;

import java.io.IOException;

/**
 * What a photo's first bytes say before any pixel is decoded: JPEG or PNG, and its size in pixels
 * (a JPEG's start-of-frame, a PNG's IHDR). Reading it first lets the preparer refuse a pixel flood
 * and ask the decoder for the reduced size only, so a 12-megapixel bitmap is never built.
 */
record PhotoHeader(boolean jpeg, int width, int height) {

    /** The header of a JPEG or PNG, or an exception saying the bytes are neither (or are broken). */
    static PhotoHeader of(byte[] b) throws IOException {
        if (b.length >= 4 && u8(b, 0) == 0xFF && u8(b, 1) == 0xD8) {
            return jpegFrame(b);
        }
        if (b.length >= 24 && u8(b, 0) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[12] == 'I' && b[13] == 'H'
                && b[14] == 'D' && b[15] == 'R') {
            return sized(false, u32(b, 16), u32(b, 20));
        }
        throw new IOException("not a JPEG or PNG photo");
    }

    /** Walks the markers up to the first start-of-frame (SOF0–SOF15 less DHT, JPG and DAC). */
    private static PhotoHeader jpegFrame(byte[] b) throws IOException {
        int at = 2;
        while (at + 4 <= b.length) {
            if (u8(b, at) != 0xFF) {
                throw new IOException("the picture cannot be read: a broken JPEG marker");
            }
            int marker = u8(b, at + 1);
            if (marker == 0xFF) {
                at++;                                      // fill byte before a marker
                continue;
            }
            if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                at += 2;                                   // markers without a length
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break;                                     // image data or the end, and no frame before it
            }
            int length = (u8(b, at + 2) << 8) | u8(b, at + 3);
            if (length < 2) {
                break;
            }
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame && at + 9 <= b.length) {
                return sized(true, (u8(b, at + 7) << 8) | u8(b, at + 8), (u8(b, at + 5) << 8) | u8(b, at + 6));
            }
            at += 2 + length;
        }
        throw new IOException("the picture cannot be read: no JPEG frame header");
    }

    private static PhotoHeader sized(boolean jpeg, long width, long height) throws IOException {
        if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new IOException("the picture cannot be read: its size is " + width + " × " + height);
        }
        return new PhotoHeader(jpeg, (int) width, (int) height);
    }

    long pixels() {
        return (long) width * height;
    }

    private static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    private static long u32(byte[] b, int at) {
        return ((long) u8(b, at) << 24) | (u8(b, at + 1) << 16) | (u8(b, at + 2) << 8) | u8(b, at + 3);
    }
}
