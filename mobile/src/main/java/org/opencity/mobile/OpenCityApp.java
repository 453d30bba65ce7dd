package org.opencity.mobile;

import javafx.application.Application;
import javafx.stage.Stage;
import org.opencity.mobile.platform.AppFolder;
import org.opencity.mobile.platform.DevicePhotoSource;
import org.opencity.mobile.platform.LocationSource;
import org.opencity.mobile.platform.PushRegistrar;
import org.opencity.mobile.sync.HttpTransport;
import org.opencity.mobile.sync.Transport;
import org.opencity.mobile.sync.UrlConnectionTransport;
import org.opencity.model.Platform;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * The Open City app. The backend comes from {@code --backend=URL}, else {@code OPENCITY_BACKEND},
 * else {@code http://localhost:8080}; the local store lives in the app's private storage (on the
 * desktop {@code ~/.opencity}, or {@code --data=FOLDER}).
 */
public final class OpenCityApp extends Application {

    private AppAssembly app;

    @Override
    public void start(Stage stage) {
        URI backend = URI.create(getParameters().getNamed().getOrDefault("backend",
                orDefault(System.getenv("OPENCITY_BACKEND"), "http://localhost:8080")));
        Platform platform = platform();
        app = new AppAssembly(AppFolder.resolve(Optional.ofNullable(getParameters().getNamed().get("data"))), transport(platform, backend),
                              new DevicePhotoSource(), new LocationSource(), pushRegistrar(), Clock.systemUTC(), platform);
        app.start(stage);
    }

    @Override
    public void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static Platform platform() {
        try {
            return switch (com.gluonhq.attach.util.Platform.getCurrent()) {
                case ANDROID -> Platform.ANDROID;
                case IOS -> Platform.IOS;
                default -> Platform.DESKTOP;
            };
        } catch (RuntimeException | LinkageError e) {
            return Platform.DESKTOP;
        }
    }

    /** HttpURLConnection on phones, where java.net.http is not known to work in GluonFX builds; java.net.http on the desktop. */
    private static Transport transport(Platform platform, URI backend) {
        return platform == Platform.DESKTOP ? new HttpTransport(backend) : new UrlConnectionTransport(backend);
    }

    /** Push on native builds (their profile adds an implementation over Gluon Attach); none on the desktop. */
    private static PushRegistrar pushRegistrar() {
        return java.util.ServiceLoader.load(PushRegistrar.class).findFirst().orElse(PushRegistrar.NONE);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    public static void main(String[] args) {
        launch(args);
    }
}
