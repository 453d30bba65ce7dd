package org.opencity.mobile.platform;

/**
 * An opaque picture as plain numbers: {@code width × height} pixels, row by row, each
 * {@code 0xRRGGBB} (the top byte is ignored). Plain Java, so turning and encoding a photo needs
 * nothing that a phone's native image lacks.
 */
record Pixels(int width, int height, int[] rgb) {

    Pixels {
        if (width < 1 || height < 1 || rgb.length != width * height) {
            throw new IllegalArgumentException("pixels " + width + " × " + height + " with " + rgb.length + " values");
        }
    }

    int at(int x, int y) {
        return rgb[y * width + x];
    }
}
