package org.opencity.mobile.platform;

import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Makes a photo fit to send from a basement: the long edge at most {@link #LONG_EDGE} pixels,
 * turned upright as the camera's EXIF orientation says, re-encoded as JPEG at quality
 * {@link #QUALITY} (which also drops the EXIF, location included). A photo already small enough is
 * re-encoded all the same, so every photo is a JPEG.
 *
 * <p>Only what a phone's native image has is used: the size comes from the file's header, JavaFX
 * decodes straight to the reduced size (its JPEG loader scales while decoding, so a 12-megapixel
 * photo never exists as a full bitmap), and turning and encoding are plain Java.
 */
public final class PhotoPreparer {

    public static final int LONG_EDGE = 1600;
    public static final float QUALITY = 0.8f;

    /** Larger pictures are refused rather than decoded (a 20,000 × 20,000 PNG is 1.6 GB once decoded). */
    public static final long MAX_PIXELS = 120_000_000L;

    private PhotoPreparer() {
    }

    /** The prepared JPEG, or an exception saying why the bytes are not a photo. */
    public static byte[] prepare(byte[] original) throws IOException {
        PhotoHeader header = PhotoHeader.of(original);
        if (header.pixels() > MAX_PIXELS) {
            throw new IOException("the picture is too large (" + header.width() + " × " + header.height() + ")");
        }
        double scale = Math.min(1.0, (double) LONG_EDGE / Math.max(header.width(), header.height()));
        int width = Math.max(1, (int) Math.round(header.width() * scale));
        int height = Math.max(1, (int) Math.round(header.height() * scale));
        Pixels decoded = decode(original, width, height);
        int orientation = header.jpeg() ? ExifOrientation.of(original) : ExifOrientation.UPRIGHT;
        return JpegEncoder.encode(ExifOrientation.upright(decoded, orientation), QUALITY);
    }

    /** The picture decoded at this size, transparent areas made white (a JPEG has no transparency). */
    private static Pixels decode(byte[] original, int width, int height) throws IOException {
        Image image;
        try {
            image = new Image(new ByteArrayInputStream(original), width, height, false, true);
        } catch (RuntimeException e) {
            throw new IOException("the picture cannot be read: " + e.getMessage(), e);
        }
        if (image.isError() || image.getPixelReader() == null) {
            Exception why = image.getException();
            throw new IOException("the picture cannot be read" + (why == null ? "" : ": " + why.getMessage()), why);
        }
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        if (w < 1 || h < 1) {
            throw new IOException("the picture cannot be read: it decodes to " + w + " × " + h);
        }
        int[] argb = new int[w * h];
        PixelReader reader = image.getPixelReader();
        reader.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        for (int i = 0; i < argb.length; i++) {
            argb[i] = overWhite(argb[i]);
        }
        return new Pixels(w, h, argb);
    }

    private static int overWhite(int argb) {
        int a = argb >>> 24;
        if (a == 0xFF) {
            return argb & 0xFFFFFF;
        }
        int white = 255 - a;
        int r = (((argb >> 16) & 0xFF) * a + 255 * white + 127) / 255;
        int g = (((argb >> 8) & 0xFF) * a + 255 * white + 127) / 255;
        int b = ((argb & 0xFF) * a + 255 * white + 127) / 255;
        return (r << 16) | (g << 8) | b;
    }
}
