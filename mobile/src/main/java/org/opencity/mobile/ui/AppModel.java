package org.opencity.mobile.ui;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.opencity.mobile.I18n;
import org.opencity.mobile.platform.LocationSource;
import org.opencity.mobile.platform.PhotoSource;
import org.opencity.mobile.service.CityService;
import org.opencity.mobile.sync.SyncClient;
import org.opencity.mobile.sync.SyncLoop;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What every screen shares: the service, the language, the device's camera and position, the
 * background executor, and observable state — the last sync outcome and a data version that moves
 * whenever what the phone holds may have changed (a sync, a queued action), so open lists refresh.
 */
public final class AppModel {

    private final CityService service;
    private final Executor background;
    private final PhotoSource photos;
    private final LocationSource location;
    private final Clock clock;
    private final Runnable syncNow;
    private final ObjectProperty<I18n> i18n;
    private final ObjectProperty<SyncLoop.Outcome> lastSync = new SimpleObjectProperty<>();
    private final ObjectProperty<SyncClient.Status> status = new SimpleObjectProperty<>();
    private final IntegerProperty dataVersion = new SimpleIntegerProperty();
    private final BooleanProperty syncing = new SimpleBooleanProperty();
    private final ObjectProperty<org.opencity.model.auth.Me> me = new SimpleObjectProperty<>();
    private final javafx.beans.property.DoubleProperty textScale = new javafx.beans.property.SimpleDoubleProperty(1.0);

    public AppModel(CityService service, I18n i18n, Executor background, PhotoSource photos, LocationSource location, Clock clock,
                    Runnable syncNow) {
        this.service = service;
        this.i18n = new SimpleObjectProperty<>(i18n);
        this.background = background;
        this.photos = photos;
        this.location = location;
        this.clock = clock;
        this.syncNow = syncNow;
    }

    public CityService service() {
        return service;
    }

    public I18n i18n() {
        return i18n.get();
    }

    public ObjectProperty<I18n> i18nProperty() {
        return i18n;
    }

    public Executor background() {
        return background;
    }

    public PhotoSource photos() {
        return photos;
    }

    public LocationSource location() {
        return location;
    }

    public Clock clock() {
        return clock;
    }

    public ObjectProperty<SyncLoop.Outcome> lastSync() {
        return lastSync;
    }

    public ObjectProperty<SyncClient.Status> status() {
        return status;
    }

    public IntegerProperty dataVersion() {
        return dataVersion;
    }

    /**
     * Runs {@code reload} whenever the data changed, for as long as {@code view} exists: the
     * listener lives in the view's properties and is held weakly by the model, so a screen the
     * user left is collected instead of reloading forever.
     */
    public void onDataChanged(javafx.scene.Node view, Runnable reload) {
        javafx.beans.value.ChangeListener<Number> listener = (o, a, b) -> reload.run();
        view.getProperties().put("oc.reload", listener);
        dataVersion.addListener(new javafx.beans.value.WeakChangeListener<>(listener));
    }

    private Runnable firstContent = () -> { };

    /** Called once, when a home screen first shows its data (the cold-start measurement). */
    public void onFirstContent(Runnable action) {
        this.firstContent = action;
    }

    /** A home screen (jobs, requests) shows its data. */
    public void contentShown() {
        Runnable once = firstContent;
        firstContent = () -> { };
        once.run();
    }

    public BooleanProperty syncing() {
        return syncing;
    }

    /** Who is signed in (empty until sign-in). */
    public ObjectProperty<org.opencity.model.auth.Me> me() {
        return me;
    }

    /** 1.0, 1.25 or 1.5: the text size chosen in settings. */
    public javafx.beans.property.DoubleProperty textScale() {
        return textScale;
    }

    /** A sync finished (any thread). */
    public void synced(SyncLoop.Outcome outcome) {
        Platform.runLater(() -> {
            lastSync.set(outcome);
            status.set(outcome.status());
            syncing.set(false);
            dataVersion.set(dataVersion.get() + 1);
        });
    }

    /** The user did something that is now saved on the phone: refresh, and send it soon. */
    public void changed() {
        Ui.async(background, service::syncStatus, s -> {
            status.set(s);
            dataVersion.set(dataVersion.get() + 1);
        }, e -> { });
        syncNow();
    }

    public void syncNow() {
        syncing.set(true);
        syncNow.run();
    }
}
