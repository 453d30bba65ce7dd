package org.opencity.mobile;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.opencity.mobile.platform.LocationSource;
import org.opencity.mobile.platform.PhotoSource;
import org.opencity.mobile.platform.PushRegistrar;
import org.opencity.mobile.sync.UrlConnectionTransport;
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
            this.real = new UrlConnectionTransport(backend);   // what phones use; the sync tests cover HttpTransport
        }

        private final java.util.Set<Transport.Stream> streams = java.util.concurrent.ConcurrentHashMap.newKeySet();

        /** No network: exchanges fail, and open streams drop as a lost connection would drop them. */
        public void down() {
            up.set(false);
            streams.forEach(Transport.Stream::close);
            streams.clear();
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

        @Override
        public Stream open(Call call) throws IOException {
            if (!up.get()) {
                throw new java.net.ConnectException("network unreachable (test)");
            }
            Stream stream = real.open(call);
            streams.add(stream);
            return stream;
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

    private final org.testfx.api.FxRobot robot = new org.testfx.api.FxRobot();
    private final Path folder;
    private final Network network;
    private final Camera camera = new Camera();
    private AppAssembly app;
    private Stage stage;

    public AppDriver(URI backend, Path folder) {
        this.folder = folder;
        this.network = new Network(backend);
    }

    /** Starts the JavaFX toolkit once per JVM, through TestFX (headless under Monocle when the test JVM says so). */
    public static void startFx() {
        try {
            org.testfx.api.FxToolkit.registerPrimaryStage();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the JavaFX toolkit did not start", e);
        }
        Platform.setImplicitExit(false);
        // map tiles cannot load without the internet: the map says so; that is not a test failure
        org.testfx.util.WaitForAsyncUtils.autoCheckException = false;
        org.testfx.util.WaitForAsyncUtils.printException = false;
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

    /**
     * Presses a button, as a tap would, once it shows and is enabled (fired directly: deterministic
     * whatever moves on the screen meanwhile). Gestures where the place matters — the map — go
     * through the robot ({@link #tap}, {@link #drag}).
     */
    public void click(String id) {
        Node node = await(id, n -> !n.isDisabled());
        reveal(node);
        onFx(() -> {
            if (node instanceof ButtonBase b) {
                b.fire();
            } else {
                throw new AssertionError("#" + id + " is not a button");
            }
            return null;
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    /** Taps the middle of a node (a map) with the robot, after scrolling it into view. */
    public void tap(String id) {
        Node node = await(id);
        reveal(node);
        settle(node);
        robot.clickOn(node);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    /** Drags a node by the given distance with the robot: press on it, move in steps, release. */
    public void drag(String id, double dx, double dy) {
        Node node = await(id);
        settle(node);
        javafx.geometry.Point2D from = onFx(() -> {
            javafx.geometry.Bounds b = node.localToScreen(node.getBoundsInLocal());
            return new javafx.geometry.Point2D(b.getCenterX(), b.getCenterY());
        });
        robot.moveTo(from);
        robot.press(javafx.scene.input.MouseButton.PRIMARY);
        for (int step = 1; step <= 4; step++) {
            robot.moveTo(new javafx.geometry.Point2D(from.getX() + dx * step / 4, from.getY() + dy * step / 4));
        }
        robot.release(javafx.scene.input.MouseButton.PRIMARY);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until the node stops moving (a list above it still filling, a scroll still running). */
    private void settle(Node node) {
        javafx.geometry.Bounds last = null;
        for (int i = 0; i < 40; i++) {
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            javafx.geometry.Bounds now = onFx(() -> node.localToScene(node.getBoundsInLocal()));
            if (now.equals(last)) {
                return;
            }
            last = now;
            sleep(50);
        }
    }

    /** Scrolls the screen so that the node with this id is in view. */
    public void reveal(String id) {
        reveal(await(id));
    }

    /** Scrolls the screen so that the node is in view, as a user would before tapping it. */
    private void reveal(Node node) {
        onFx(() -> {
            for (Node p = node.getParent(); p != null; p = p.getParent()) {
                if (p instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
                    Node content = sp.getContent();
                    javafx.geometry.Bounds at = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                    double contentHeight = content.getBoundsInLocal().getHeight();
                    double viewHeight = sp.getViewportBounds().getHeight();
                    if (contentHeight > viewHeight) {
                        double wanted = (at.getMinY() - (viewHeight - at.getHeight()) / 2) / (contentHeight - viewHeight);
                        sp.setVvalue(sp.getVmin() + Math.max(0, Math.min(1, wanted)) * (sp.getVmax() - sp.getVmin()));
                        sp.layout();
                    }
                    break;
                }
            }
            return null;
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    public void type(String id, String text) {
        Node node = await(id, n -> !n.isDisabled());
        onFx(() -> {
            ((TextInputControl) node).setText(text);
            return null;
        });
    }

    /** Chooses an item of a list, as a tap on it would. */
    public <T> void select(String listId, Predicate<T> which) {
        Node node = await(listId, n -> ((javafx.scene.control.ListView<?>) n).getItems().stream().anyMatch(i -> which.test(cast(i))));
        onFx(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.ListView<T> list = (javafx.scene.control.ListView<T>) node;
            T item = list.getItems().stream().filter(which).findFirst().orElseThrow();
            list.getSelectionModel().select(item);
            list.scrollTo(item);
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    /** The text a label, button or field shows. */
    public String text(String id) {
        Node node = await(id);
        return onFx(() -> text(node));
    }

    /** Waits until the node with this id shows text containing {@code part}. */
    public void awaitText(String id, String part) {
        await(id, n -> onFx(() -> text(n)).contains(part));
    }

    private static String text(Node n) {
        if (n instanceof TextInputControl t) {
            return t.getText();
        }
        StringBuilder all = new StringBuilder();
        if (n instanceof javafx.scene.control.Labeled l) {
            all.append(l.getText() == null ? "" : l.getText()).append(' ');
            if (l.getGraphic() != null) {
                all.append(text(l.getGraphic()));
            }
        } else if (n instanceof javafx.scene.Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                all.append(text(child)).append(' ');
            }
        }
        return all.toString();
    }

    /** Waits until no node with this id shows. */
    public void awaitGone(String id) {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            if (find(id).filter(n -> onFx(n::isVisible)).isEmpty()) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("#" + id + " still shows after 30 s");
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
