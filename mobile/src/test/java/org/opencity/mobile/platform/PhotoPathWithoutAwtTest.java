package org.opencity.mobile.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The photo path run in a JVM whose boot layer has no {@code java.desktop} module at all, so AWT,
 * ImageIO, Swing and java.beans cannot be loaded — as on a phone. The ArchUnit guard shows the
 * app's classes do not name them; this shows that nothing they call (JavaFX's image loading
 * included) needs them either.
 */
class PhotoPathWithoutAwtTest {

    /** Runs in the child JVM: prepares the photo in one file into another. */
    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[1]), PhotoPreparer.prepare(Files.readAllBytes(Path.of(args[0]))));
        System.out.println("prepared without java.desktop");
    }

    @Test
    void aCameraPhotoIsPreparedWithNoJavaDesktopModuleInTheJvm(@TempDir Path folder) throws Exception {
        Path in = folder.resolve("camera.jpg");
        Path out = folder.resolve("prepared.jpg");
        Files.write(in, CameraJpegs.photo(CameraJpegs.scene(4000, 3000), 6, false));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Process child = new ProcessBuilder(java, "--limit-modules", "java.base,java.logging,jdk.unsupported,java.xml",
                                           "-cp", System.getProperty("java.class.path"), PhotoPathWithoutAwtTest.class.getName(),
                                           in.toString(), out.toString())
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("prepared without java.desktop");

        BufferedImage upright = CameraJpegs.read(Files.readAllBytes(out));
        assertThat(List.of(upright.getWidth(), upright.getHeight())).containsExactly(1600, 1200);   // the scene as seen: landscape, stored turned
        assertThat(CameraJpegs.near(upright.getRGB(100, 100), CameraJpegs.TOP_LEFT)).isTrue();
        assertThat(CameraJpegs.near(upright.getRGB(1500, 1100), CameraJpegs.BOTTOM_RIGHT)).isTrue();
    }

    @Test
    void inSuchAJvmAwtReallyCannotBeLoaded() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--limit-modules", "java.base,java.logging,jdk.unsupported,java.xml",
                                           "-cp", System.getProperty("java.class.path"), AwtProbe.class.getName())
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).contains("no AWT");
    }

    /** Runs in the child JVM: tries to load an AWT class. */
    public static final class AwtProbe {
        public static void main(String[] args) {
            try {
                Class.forName("java.awt.image.BufferedImage");
                System.out.println("AWT loaded");
            } catch (ClassNotFoundException e) {
                System.out.println("no AWT");
            }
        }
    }
}
