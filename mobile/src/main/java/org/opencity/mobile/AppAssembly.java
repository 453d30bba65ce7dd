package org.opencity.mobile;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.opencity.mobile.platform.LocationSource;
import org.opencity.mobile.platform.PhotoSource;
import org.opencity.mobile.platform.PushRegistrar;
import org.opencity.mobile.service.ApiClient;
import org.opencity.mobile.service.LiveStream;
import org.opencity.mobile.service.SyncedCityService;
import org.opencity.mobile.sync.DurableStore;
import org.opencity.mobile.sync.SyncClient;
import org.opencity.mobile.sync.SyncLoop;
import org.opencity.mobile.sync.Transport;
import org.opencity.mobile.ui.AppModel;
import org.opencity.mobile.ui.Shell;
import org.opencity.mobile.ui.SignInView;
import org.opencity.model.auth.Me;
import org.opencity.model.notify.NotificationKind;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * The app put together: the local store in its folder, the sync client and its background loop,
 * the service, and the screens in a stage. {@link OpenCityApp} builds it with the device's camera,
 * position and network; tests build it with stand-ins behind the same interfaces.
 */
public final class AppAssembly implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AppAssembly.class.getName());

    /** What the user chose in settings. */
    public record Preferences(String language, double textScale) {
    }

    private final DurableStore store;
    private final SyncClient sync;
    private final SyncedCityService service;
    private final SyncLoop loop;
    private final LiveStream live;
    private final AppModel model;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final PushRegistrar push;
    private Stage stage;
    private Shell shell;

    public AppAssembly(Path folder, Transport transport, PhotoSource photos, LocationSource location, PushRegistrar push, Clock clock,
                       org.opencity.model.Platform platform) {
        this.store = new DurableStore(folder);
        this.push = push;
        Preferences prefs = store.readJson("preferences.json", Preferences.class).orElse(new Preferences(I18n.systemLanguage(), 1.0));
        this.sync = new SyncClient(store, transport, clock, new SecureRandom());
        sync.language(prefs.language());
        this.service = new SyncedCityService(store, sync, new ApiClient(transport, sync), platform, prefs.language());
        this.model = new AppModel(service, new I18n(prefs.language()), background, photos, location, clock, this::syncNow);
        model.textScale().set(prefs.textScale());
        this.loop = new SyncLoop(sync, clock, model::synced);
        model.onFirstContent(() -> LOG.info("interactive " + (System.currentTimeMillis()
                - ManagementFactory.getRuntimeMXBean().getStartTime()) + " ms after the JVM started"));
        this.live = new LiveStream(transport, sync, n -> Platform.runLater(() -> {
            syncNow();   // the pull brings the notification into the inbox and the request's new state
            if (shell != null) {
                shell.announce(n);
            }
        }));
        model.i18nProperty().addListener((o, old, i18n) -> {
            sync.language(i18n.language());
            service.language(i18n.language());
            savePreferences();
            model.syncNow();
            rebuild();
            shell.showTab("navSettings");   // the user stays where they changed it
        });
        model.textScale().addListener((o, old, scale) -> {
            savePreferences();
            applyTextScale();
        });
    }

    public AppModel model() {
        return model;
    }

    public Stage stage() {
        return stage;
    }

    /** Shows the app in the stage: the home screen if someone is signed in (offline too), else sign-in. */
    public void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        rebuild();
        stage.setTitle(model.i18n().t("app.title"));
        stage.show();
        loop.start();
        live.start();
        push.onOpened(opened -> Platform.runLater(() -> {
            syncNow();
            shell.openPushed(NotificationKind.valueOf(opened.kind()), opened.requestId().orElse(null));
        }));
        if (sync.status().signedIn()) {
            registerPush();   // at every start: tokens change, and the backend forgets stale ones
        }
    }

    private void rebuild() {
        shell = new Shell(model, this::signedOut);
        Scene scene = new Scene(shell.root(), 400, 760);
        scene.getStylesheets().add(AppAssembly.class.getResource("app.css").toExternalForm());
        stage.setScene(scene);
        applyTextScale();
        Optional<Me> me = service.me().filter(m -> sync.status().signedIn());
        if (me.isPresent()) {
            home(me.get());
        } else {
            shell.replace(model.i18n().t("signin.title"), new SignInView(model, this::signedIn).node());
        }
    }

    private void signedIn(Me me) {
        home(me);
        registerPush();
        syncNow();
    }

    private void home(Me me) {
        model.me().set(me);
        shell.home(me);
    }

    private void signedOut() {
        model.me().set(null);
        rebuild();
    }

    private void registerPush() {
        push.token().ifPresent(token -> background.execute(() -> {
            try {
                service.registerPush(token.value(), token.provider());
            } catch (Exception e) {
                LOG.info("push token not registered yet (" + e.getMessage() + "); the next start tries again");
            }
        }));
    }

    private void syncNow() {
        loop.now();
    }

    private void applyTextScale() {
        if (stage != null && stage.getScene() != null) {
            stage.getScene().getRoot().setStyle("-fx-font-size: " + Math.round(15 * model.textScale().get()) + "px;");
        }
    }

    private void savePreferences() {
        store.writeJson("preferences.json", new Preferences(model.i18n().language(), model.textScale().get()));
    }

    @Override
    public void close() {
        live.close();
        loop.close();
        background.shutdownNow();
    }
}
