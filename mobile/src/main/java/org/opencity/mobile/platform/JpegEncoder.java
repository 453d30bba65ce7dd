package org.opencity.mobile.platform;

import java.util.Arrays;

/**
 * A baseline JPEG encoder in plain Java, because a phone's native image has no ImageIO: JFIF,
 * YCbCr with the chroma halved both ways (4:2:0, as cameras and ImageIO write it), the example
 * quantisation tables of the JPEG standard (Annex K) scaled for a quality as libjpeg scales them,
 * a floating-point AAN forward DCT, and the standard Huffman tables. No metadata is written, so a
 * re-encoded photo carries no EXIF (and no location).
 */
final class JpegEncoder {

    /** The zigzag position of each coefficient in natural (row by row) order. */
    private static final int[] ZIGZAG = {
            0, 1, 5, 6, 14, 15, 27, 28, 2, 4, 7, 13, 16, 26, 29, 42, 3, 8, 12, 17, 25, 30, 41, 43, 9, 11, 18, 24, 31, 40,
            44, 53, 10, 19, 23, 32, 39, 45, 52, 54, 20, 22, 33, 38, 46, 51, 55, 60, 21, 34, 37, 47, 50, 56, 59, 61, 35, 36,
            48, 49, 57, 58, 62, 63};

    private static final int[] LUMINANCE_QT = {
            16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29,
            51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120,
            101, 72, 92, 95, 98, 112, 100, 103, 99};

    private static final int[] CHROMINANCE_QT = {
            17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99,
            99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
            99, 99, 99, 99, 99, 99, 99, 99};

    private static final double[] AAN_SCALE = {1.0, 1.387039845, 1.306562965, 1.175875602, 1.0, 0.785694958, 0.541196100,
            0.275899379};

    // the standard Huffman tables (Annex K.3): the number of codes of each length 1–16, then the symbols
    private static final int[] DC_LUMINANCE_COUNTS = {0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
    private static final int[] DC_CHROMINANCE_COUNTS = {0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
    private static final int[] DC_SYMBOLS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    private static final int[] AC_LUMINANCE_COUNTS = {0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d};
    private static final int[] AC_LUMINANCE_SYMBOLS = {
            0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14,
            0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09,
            0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a,
            0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65,
            0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88,
            0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9,
            0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca,
            0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea,
            0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa};
    private static final int[] AC_CHROMINANCE_COUNTS = {0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77};
    private static final int[] AC_CHROMINANCE_SYMBOLS = {
            0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22, 0x32,
            0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16,
            0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39,
            0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64,
            0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86,
            0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
            0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8,
            0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9,
            0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa};

    private static final Huffman DC_LUMINANCE = new Huffman(DC_LUMINANCE_COUNTS, DC_SYMBOLS);
    private static final Huffman AC_LUMINANCE = new Huffman(AC_LUMINANCE_COUNTS, AC_LUMINANCE_SYMBOLS);
    private static final Huffman DC_CHROMINANCE = new Huffman(DC_CHROMINANCE_COUNTS, DC_SYMBOLS);
    private static final Huffman AC_CHROMINANCE = new Huffman(AC_CHROMINANCE_COUNTS, AC_CHROMINANCE_SYMBOLS);

    private JpegEncoder() {
    }

    /** The picture as a baseline JPEG at this quality (0–1, as ImageIO's; 0.8 is libjpeg's 80). */
    static byte[] encode(Pixels picture, float quality) {
        if (!(quality > 0f && quality <= 1f)) {
            throw new IllegalArgumentException("JPEG quality " + quality + " is not in (0, 1]");
        }
        int[] lumaTable = scaled(LUMINANCE_QT, quality);
        int[] chromaTable = scaled(CHROMINANCE_QT, quality);
        Output out = new Output(picture.width() * picture.height() / 4 + 1024);
        writeHeaders(out, picture, lumaTable, chromaTable);
        new Scan(out, divisors(lumaTable), divisors(chromaTable)).encode(picture);
        out.marker(0xD9);
        return out.bytes();
    }

    /** A standard table scaled as libjpeg does for quality q·100, in zigzag order. */
    static int[] scaled(int[] natural, float quality) {
        int q = Math.max(1, Math.min(100, Math.round(quality * 100)));
        int factor = q < 50 ? 5000 / q : 200 - 2 * q;
        int[] zigzag = new int[64];
        for (int i = 0; i < 64; i++) {
            zigzag[ZIGZAG[i]] = Math.max(1, Math.min(255, (natural[i] * factor + 50) / 100));
        }
        return zigzag;
    }

    /** 1 / (quantiser × the AAN DCT's output scale), in natural order: the DCT output times this is the coefficient. */
    private static float[] divisors(int[] zigzagTable) {
        float[] d = new float[64];
        for (int row = 0, k = 0; row < 8; row++) {
            for (int col = 0; col < 8; col++, k++) {
                d[k] = (float) (1.0 / (zigzagTable[ZIGZAG[k]] * AAN_SCALE[row] * AAN_SCALE[col] * 8.0));
            }
        }
        return d;
    }

    private static void writeHeaders(Output out, Pixels picture, int[] lumaTable, int[] chromaTable) {
        out.marker(0xD8);
        out.marker(0xE0);                                              // JFIF 1.1, no density, no thumbnail
        out.u16(16);
        out.bytes(new byte[] {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
        out.marker(0xDB);
        out.u16(2 + 2 * 65);
        out.u8(0);
        for (int v : lumaTable) {
            out.u8(v);
        }
        out.u8(1);
        for (int v : chromaTable) {
            out.u8(v);
        }
        out.marker(0xC0);                                              // baseline frame, 8-bit, three components
        out.u16(17);
        out.u8(8);
        out.u16(picture.height());
        out.u16(picture.width());
        out.u8(3);
        out.bytes(new byte[] {1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1});   // Y at 2×2, Cb and Cr at 1×1
        out.marker(0xC4);
        out.u16(2 + 4 * 17 + 2 * DC_SYMBOLS.length + AC_LUMINANCE_SYMBOLS.length + AC_CHROMINANCE_SYMBOLS.length);
        table(out, 0x00, DC_LUMINANCE_COUNTS, DC_SYMBOLS);
        table(out, 0x10, AC_LUMINANCE_COUNTS, AC_LUMINANCE_SYMBOLS);
        table(out, 0x01, DC_CHROMINANCE_COUNTS, DC_SYMBOLS);
        table(out, 0x11, AC_CHROMINANCE_COUNTS, AC_CHROMINANCE_SYMBOLS);
        out.marker(0xDA);
        out.u16(12);
        out.u8(3);
        out.bytes(new byte[] {1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0});
    }

    private static void table(Output out, int classAndId, int[] counts, int[] symbols) {
        out.u8(classAndId);
        for (int c : counts) {
            out.u8(c);
        }
        for (int s : symbols) {
            out.u8(s);
        }
    }

    /** The entropy-coded data: 16 × 16 MCUs of four luma blocks and one block of each chroma. */
    private static final class Scan {
        private final Output out;
        private final float[] lumaDivisors;
        private final float[] chromaDivisors;
        private final float[] y = new float[256];
        private final float[] cb = new float[64];
        private final float[] cr = new float[64];
        private final float[] block = new float[64];
        private final int[] coefficients = new int[64];
        private int lastY;
        private int lastCb;
        private int lastCr;

        Scan(Output out, float[] lumaDivisors, float[] chromaDivisors) {
            this.out = out;
            this.lumaDivisors = lumaDivisors;
            this.chromaDivisors = chromaDivisors;
        }

        void encode(Pixels p) {
            for (int top = 0; top < p.height(); top += 16) {
                for (int left = 0; left < p.width(); left += 16) {
                    load(p, left, top);
                    for (int b = 0; b < 4; b++) {
                        int offset = (b >> 1) * 128 + (b & 1) * 8;
                        for (int r = 0; r < 8; r++) {
                            System.arraycopy(y, offset + r * 16, block, r * 8, 8);
                        }
                        lastY = unit(block, lumaDivisors, lastY, DC_LUMINANCE, AC_LUMINANCE);
                    }
                    System.arraycopy(cb, 0, block, 0, 64);
                    lastCb = unit(block, chromaDivisors, lastCb, DC_CHROMINANCE, AC_CHROMINANCE);
                    System.arraycopy(cr, 0, block, 0, 64);
                    lastCr = unit(block, chromaDivisors, lastCr, DC_CHROMINANCE, AC_CHROMINANCE);
                }
            }
            out.flushBits();
        }

        /** The MCU's samples, level-shifted; pixels past the edge repeat the last row or column. */
        private void load(Pixels p, int left, int top) {
            Arrays.fill(cb, 0f);
            Arrays.fill(cr, 0f);
            int[] rgb = p.rgb();
            for (int dy = 0; dy < 16; dy++) {
                int row = Math.min(top + dy, p.height() - 1) * p.width();
                for (int dx = 0; dx < 16; dx++) {
                    int c = rgb[row + Math.min(left + dx, p.width() - 1)];
                    int r = (c >> 16) & 0xFF;
                    int g = (c >> 8) & 0xFF;
                    int b = c & 0xFF;
                    y[dy * 16 + dx] = 0.299f * r + 0.587f * g + 0.114f * b - 128f;
                    int half = (dy >> 1) * 8 + (dx >> 1);
                    cb[half] += 0.25f * (-0.168736f * r - 0.331264f * g + 0.5f * b);
                    cr[half] += 0.25f * (0.5f * r - 0.418688f * g - 0.081312f * b);
                }
            }
        }

        /** Transforms, quantises and writes one 8 × 8 block; returns its DC for the next one's difference. */
        private int unit(float[] data, float[] divisors, int lastDc, Huffman dc, Huffman ac) {
            forwardDct(data);
            for (int i = 0; i < 64; i++) {
                coefficients[ZIGZAG[i]] = Math.round(data[i] * divisors[i]);
            }
            int diff = coefficients[0] - lastDc;
            if (diff == 0) {
                dc.write(out, 0);
            } else {
                int size = magnitudeBits(diff);
                dc.write(out, size);
                out.bits(diff < 0 ? diff + (1 << size) - 1 : diff, size);
            }
            int end = 63;
            while (end > 0 && coefficients[end] == 0) {
                end--;
            }
            int zeros = 0;
            for (int i = 1; i <= end; i++) {
                int v = coefficients[i];
                if (v == 0) {
                    zeros++;
                    continue;
                }
                while (zeros >= 16) {
                    ac.write(out, 0xF0);                               // sixteen zeros
                    zeros -= 16;
                }
                int size = magnitudeBits(v);
                ac.write(out, (zeros << 4) | size);
                out.bits(v < 0 ? v + (1 << size) - 1 : v, size);
                zeros = 0;
            }
            if (end < 63) {
                ac.write(out, 0x00);                                   // end of block
            }
            return coefficients[0];
        }

        private static int magnitudeBits(int v) {
            return 32 - Integer.numberOfLeadingZeros(Math.abs(v));
        }

        /** The AAN forward DCT in place, rows then columns; outputs are scaled (undone by the divisors). */
        private static void forwardDct(float[] d) {
            for (int pass = 0; pass < 2; pass++) {
                int step = pass == 0 ? 1 : 8;
                int next = pass == 0 ? 8 : 1;
                for (int line = 0, o = 0; line < 8; line++, o += next) {
                    float tmp0 = d[o] + d[o + 7 * step];
                    float tmp7 = d[o] - d[o + 7 * step];
                    float tmp1 = d[o + step] + d[o + 6 * step];
                    float tmp6 = d[o + step] - d[o + 6 * step];
                    float tmp2 = d[o + 2 * step] + d[o + 5 * step];
                    float tmp5 = d[o + 2 * step] - d[o + 5 * step];
                    float tmp3 = d[o + 3 * step] + d[o + 4 * step];
                    float tmp4 = d[o + 3 * step] - d[o + 4 * step];

                    float tmp10 = tmp0 + tmp3;
                    float tmp13 = tmp0 - tmp3;
                    float tmp11 = tmp1 + tmp2;
                    float tmp12 = tmp1 - tmp2;
                    d[o] = tmp10 + tmp11;
                    d[o + 4 * step] = tmp10 - tmp11;
                    float z1 = (tmp12 + tmp13) * 0.707106781f;
                    d[o + 2 * step] = tmp13 + z1;
                    d[o + 6 * step] = tmp13 - z1;

                    tmp10 = tmp4 + tmp5;
                    tmp11 = tmp5 + tmp6;
                    tmp12 = tmp6 + tmp7;
                    float z5 = (tmp10 - tmp12) * 0.382683433f;
                    float z2 = 0.541196100f * tmp10 + z5;
                    float z4 = 1.306562965f * tmp12 + z5;
                    float z3 = tmp11 * 0.707106781f;
                    float z11 = tmp7 + z3;
                    float z13 = tmp7 - z3;
                    d[o + 5 * step] = z13 + z2;
                    d[o + 3 * step] = z13 - z2;
                    d[o + step] = z11 + z4;
                    d[o + 7 * step] = z11 - z4;
                }
            }
        }
    }

    /** A canonical Huffman code built from a table's code-length counts, as the decoder rebuilds it. */
    private static final class Huffman {
        private final int[] codes = new int[256];
        private final int[] lengths = new int[256];

        Huffman(int[] counts, int[] symbols) {
            int code = 0;
            int k = 0;
            for (int length = 1; length <= 16; length++) {
                for (int i = 0; i < counts[length - 1]; i++, k++) {
                    codes[symbols[k]] = code++;
                    lengths[symbols[k]] = length;
                }
                code <<= 1;
            }
            if (k != symbols.length) {
                throw new IllegalStateException("a Huffman table whose counts do not match its symbols");
            }
        }

        void write(Output out, int symbol) {
            out.bits(codes[symbol], lengths[symbol]);
        }
    }

    /** A growing byte buffer with a bit writer that stuffs a zero byte after every 0xFF in the data. */
    private static final class Output {
        private byte[] buffer;
        private int size;
        private long bitBuffer;
        private int bitCount;

        Output(int capacity) {
            buffer = new byte[capacity];
        }

        void bits(int value, int count) {
            bitBuffer = (bitBuffer << count) | (value & ((1L << count) - 1));
            bitCount += count;
            while (bitCount >= 8) {
                int b = (int) (bitBuffer >> (bitCount - 8)) & 0xFF;
                u8(b);
                if (b == 0xFF) {
                    u8(0);
                }
                bitCount -= 8;
            }
        }

        /** Pads the last byte with one bits, as the standard asks. */
        void flushBits() {
            if (bitCount > 0) {
                bits(0x7F, 8 - bitCount);
            }
            bitBuffer = 0;
        }

        void marker(int code) {
            u8(0xFF);
            u8(code);
        }

        void u16(int v) {
            u8(v >> 8);
            u8(v);
        }

        void u8(int v) {
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[size++] = (byte) v;
        }

        void bytes(byte[] b) {
            for (byte v : b) {
                u8(v);
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, size);
        }
    }
}
