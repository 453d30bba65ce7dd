package org.opencity.backend.photos;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Checks an uploaded photo and makes the copies that are shown: only JPEG and PNG by their first
 * bytes (a file named .jpg that is HTML or SVG is refused), dimensions read from the header and
 * limited before anything is decoded (no pixel floods), a decode that must finish without
 * warnings (no truncated files), then a display copy (long edge 1600 px) and a thumbnail (320 px),
 * both re-encoded as JPEG without any metadata — no EXIF, no GPS, no hidden payload.
 */
public final class PhotoProcessor {

    static final long MAX_PIXELS = 50_000_000L;
    static final int MAX_SIDE = 12_000;
    static final int DISPLAY_EDGE = 1600;
    static final int THUMBNAIL_EDGE = 320;
    /** Decode at most about this many pixels (subsampling big originals) to bound memory. */
    private static final long DECODE_PIXELS = 6_000_000L;
    private static final Semaphore AT_ONCE = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

    /** The outcome of checking one photo. */
    public sealed interface Result {
        record Accepted(String contentType, int width, int height, byte[] display, byte[] thumbnail) implements Result {
        }

        record Refused(String reason) implements Result {
        }
    }

    public Result process(byte[] original) {
        String format;
        if (startsWith(original, 0xFF, 0xD8, 0xFF)) {
            format = "jpeg";
        } else if (startsWith(original, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            format = "png";
        } else {
            return new Result.Refused("only JPEG and PNG photos are accepted (by their content, not their name)");
        }
        AT_ONCE.acquireUninterruptibly();
        try {
            return decode(original, format);
        } finally {
            AT_ONCE.release();
        }
    }

    private Result decode(byte[] original, String format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            return new Result.Refused("no reader for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(original))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
                return new Result.Refused("the photo is " + width + " x " + height + " pixels; at most " + MAX_SIDE
                                                  + " px a side and " + MAX_PIXELS / 1_000_000 + " megapixels");
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener(new IIOReadWarningListener() {
                @Override
                public void warningOccurred(ImageReader source, String warning) {
                    warnings.add(warning);
                }
            });
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (int) Math.ceil(Math.sqrt((double) width * height / DECODE_PIXELS));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            if (!warnings.isEmpty()) {
                return new Result.Refused("the photo is truncated or damaged");
            }
            return new Result.Accepted("image/" + format, width, height, jpeg(scale(image, DISPLAY_EDGE), 0.85f),
                                       jpeg(scale(image, THUMBNAIL_EDGE), 0.8f));
        } catch (IOException | RuntimeException e) {
            return new Result.Refused("the photo cannot be read: it is damaged or in an unsupported variant");
        } finally {
            reader.dispose();
        }
    }

    /** Scales so the long edge is at most {@code edge}, onto an opaque RGB canvas (transparency becomes white). */
    static BufferedImage scale(BufferedImage source, int edge) {
        double factor = Math.min(1.0, (double) edge / Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(source.getHeight() * factor));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
