package org.opencity.mobile.platform;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Makes a photo fit to send from a basement: the long edge at most {@link #LONG_EDGE} pixels,
 * turned upright as the camera's EXIF orientation says, re-encoded as JPEG at quality
 * {@link #QUALITY} (which also drops the EXIF, location included). A photo already small enough is
 * re-encoded all the same, so every photo is a JPEG.
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
        BufferedImage image = decode(original);
        int w = image.getWidth();
        int h = image.getHeight();
        double scale = Math.min(1.0, (double) LONG_EDGE / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage target = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(java.awt.Color.WHITE);   // transparent PNG areas become white, not black
        g.fillRect(0, 0, tw, th);
        g.drawImage(image, 0, 0, tw, th, null);
        g.dispose();
        return jpeg(ExifOrientation.upright(target, ExifOrientation.of(original)), QUALITY);
    }

    /** The image as a baseline JPEG at this quality (0–1). */
    static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * Decodes the picture, reading only every n-th pixel of a big one (still at least twice the
     * target size, so the final scaling keeps the detail) to keep memory low on the phone.
     */
    private static BufferedImage decode(byte[] original) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(original))) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a JPEG or PNG photo");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w * h > MAX_PIXELS) {
                    throw new IOException("the picture is too large (" + w + " × " + h + ")");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.max(1, Math.max(w, h) / (2L * LONG_EDGE));
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } catch (RuntimeException e) {
                throw new IOException("the picture cannot be read: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }
}
