package org.opencity.mobile;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.opencity.mobile.platform.LocationSource;
import org.opencity.mobile.platform.PhotoSource;
import org.opencity.mobile.platform.PushRegistrar;
import org.opencity.mobile.sync.HttpTransport;
import org.opencity.mobile.sync.Transport;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * One running app for a test: the real assembly in a real stage (headless under Monocle, or on
 * Xvfb), talking to a real backend through a transport the test can cut ("offline"), with a
 * camera stand-in that hands over a generated photo. Drives the screens by the ids of their
 * controls, waits for what sync brings, and takes snapshots.
 */
public final class AppDriver implements AutoCloseable {

    /** The network, which the test can switch off. */
    public static final class Network implements Transport {
        private final Transport real;
        private final AtomicBoolean up = new AtomicBoolean(true);

        public Network(URI backend) {
            this.real = new HttpTransport(backend);
        }

        public void down() {
            up.set(false);
        }

        public void up() {
            up.set(true);
        }

        @Override
        public Reply exchange(Call call) throws IOException {
            if (!up.get()) {
                throw new java.net.ConnectException("network unreachable (test)");
            }
            return real.exchange(call);
        }
    }

    /** A camera that returns the photo the test made. */
    public static final class Camera implements PhotoSource {
        private volatile byte[] next;

        public void load(byte[] photo) {
            next = photo;
        }

        @Override
        public void take(javafx.stage.Window owner, java.util.function.Consumer<byte[]> onPhoto) {
            byte[] photo = next;
            if (photo != null) {
                Platform.runLater(() -> onPhoto.accept(photo));
            }
        }
    }

    private final Path folder;
    private final Network network;
    private final Camera camera = new Camera();
    private AppAssembly app;
    private Stage stage;

    public AppDriver(URI backend, Path folder) {
        this.folder = folder;
        this.network = new Network(backend);
    }

    public static void startFx() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // one toolkit per JVM
        }
        Platform.setImplicitExit(false);
    }

    /** Starts (or restarts, after {@link #kill}) the app on its folder. */
    public AppDriver start() {
        onFx(() -> {
            stage = new Stage();
            app = new AppAssembly(folder, network, camera, new LocationSource(), PushRegistrar.NONE, Clock.systemUTC(),
                                  org.opencity.model.Platform.ANDROID);
            app.start(stage);
            return null;
        });
        return this;
    }

    /** The process dies: the stage goes, nothing is saved that was not saved already. */
    public void kill() {
        onFx(() -> {
            app.close();
            stage.close();
            return null;
        });
    }

    public Network network() {
        return network;
    }

    public Camera camera() {
        return camera;
    }

    public AppAssembly app() {
        return app;
    }

    public Optional<Node> find(String id) {
        return onFx(() -> Optional.ofNullable(stage.getScene()).map(s -> lookup(s, id)));
    }

    private static Node lookup(Scene scene, String id) {
        return scene.getRoot().lookup("#" + id);
    }

    /** Waits until a node with this id is showing, and answers it. */
    public Node await(String id) {
        return await(id, n -> true);
    }

    public Node await(String id, Predicate<Node> condition) {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            Optional<Node> node = find(id).filter(n -> onFx(() -> n.isVisible() && condition.test(n)));
            if (node.isPresent()) {
                return node.get();
            }
            sleep(100);
        }
        throw new AssertionError("#" + id + " did not show up as expected within 30 s");
    }

    public void click(String id) {
        Node node = await(id, n -> !n.isDisabled());
        onFx(() -> {
            if (node instanceof ToggleButton t) {
                t.fire();
            } else if (node instanceof ButtonBase b) {
                b.fire();
            } else {
                throw new AssertionError("#" + id + " is not a button");
            }
            return null;
        });
    }

    public void type(String id, String text) {
        Node node = await(id, n -> !n.isDisabled());
        onFx(() -> {
            ((TextInputControl) node).setText(text);
            return null;
        });
    }

    public <T> T onFx(Callable<T> work) {
        if (Platform.isFxApplicationThread()) {
            try {
                return work.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes what the screen shows as a PNG. */
    public void snapshot(Path file) {
        WritableImage image = onFx(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            return stage.getScene().snapshot(null);
        });
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (app != null) {
            kill();
        }
    }
}
