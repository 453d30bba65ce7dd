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
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Time per photo on one 12-megapixel camera JPEG (4032 × 3024, EXIF orientation 6): the device
 * path ({@link PhotoPreparer}) against the ImageIO/AWT path it replaced, kept here verbatim in
 * test code for the comparison only. Prints ms/photo, heap allocated per photo and output size.
 * Run: see docs/mobile-native.md.
 */
public final class PhotoBenchmark {

    private PhotoBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        byte[] camera = CameraJpegs.photo(CameraJpegs.grainyScene(4032, 3024), 6, true);
        System.out.printf(Locale.ROOT, "input: 4032 x 3024 camera JPEG, orientation 6, %d bytes; %d rounds after 3 warm-up%n",
                camera.length, rounds);
        for (int round = 0; round < 2; round++) {
            report("device path (JavaFX decode at size + own encoder)", camera, rounds, () -> PhotoPreparer.prepare(camera));
            report("old path (ImageIO + AWT)", camera, rounds, () -> ImageIoPath.prepare(camera));
        }
        Pixels upright = PhotoDecoding.uprightPixels(CameraJpegs.read(PhotoPreparer.prepare(camera)));
        report("  of which: own encoder alone, 1200 x 1600", camera, rounds, () -> JpegEncoder.encode(upright, PhotoPreparer.QUALITY));
        BufferedImage same = CameraJpegs.read(PhotoPreparer.prepare(camera));
        report("  old: ImageIO encoder alone, 1200 x 1600", camera, rounds, () -> ImageIoPath.jpeg(same, PhotoPreparer.QUALITY));
        System.exit(0);
    }

    /** Test-side conversion of an ImageIO picture to the encoder's input. */
    static final class PhotoDecoding {
        static Pixels uprightPixels(BufferedImage image) {
            int w = image.getWidth();
            int h = image.getHeight();
            return new Pixels(w, h, image.getRGB(0, 0, w, h, null, 0, w));
        }
    }

    interface Work {
        byte[] run() throws IOException;
    }

    private static void report(String name, byte[] camera, int rounds, Work work) throws IOException {
        for (int i = 0; i < 3; i++) {
            work.run();
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        int size = 0;
        for (int i = 0; i < rounds; i++) {
            size = work.run().length;
        }
        double ms = (System.nanoTime() - start) / 1e6 / rounds;
        double mb = (threads.getCurrentThreadAllocatedBytes() - allocated) / 1e6 / rounds;
        System.out.printf(Locale.ROOT, "%-52s %7.1f ms/photo  %6.1f MB allocated/photo  %7d bytes out%n", name, ms, mb, size);
    }

    /** The photo path as it was before the device rewrite (PhotoPreparer + ExifOrientation with ImageIO and Java2D). */
    static final class ImageIoPath {

        static byte[] prepare(byte[] original) throws IOException {
            BufferedImage image = decode(original);
            int w = image.getWidth();
            int h = image.getHeight();
            double scale = Math.min(1.0, (double) PhotoPreparer.LONG_EDGE / Math.max(w, h));
            int tw = Math.max(1, (int) Math.round(w * scale));
            int th = Math.max(1, (int) Math.round(h * scale));
            BufferedImage target = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = target.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, tw, th);
            g.drawImage(image, 0, 0, tw, th, null);
            g.dispose();
            return jpeg(upright(target, ExifOrientation.of(original)), PhotoPreparer.QUALITY);
        }

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

        private static BufferedImage decode(byte[] original) throws IOException {
            try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(original))) {
                ImageReader reader = ImageIO.getImageReaders(in).next();
                try {
                    reader.setInput(in, true, true);
                    long w = reader.getWidth(0);
                    long h = reader.getHeight(0);
                    ImageReadParam param = reader.getDefaultReadParam();
                    int step = (int) Math.max(1, Math.max(w, h) / (2L * PhotoPreparer.LONG_EDGE));
                    param.setSourceSubsampling(step, step, 0, 0);
                    return reader.read(0, param);
                } finally {
                    reader.dispose();
                }
            }
        }

        private static BufferedImage upright(BufferedImage image, int orientation) {
            if (orientation <= 1 || orientation > 8) {
                return image;
            }
            int w = image.getWidth();
            int h = image.getHeight();
            boolean swap = orientation >= 5;
            AffineTransform t = switch (orientation) {
                case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
                case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
                case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
                case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
                case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
                case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
                default -> new AffineTransform(0, -1, 1, 0, 0, w);
            };
            BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.drawImage(image, t, null);
            g.dispose();
            return out;
        }
    }
}
