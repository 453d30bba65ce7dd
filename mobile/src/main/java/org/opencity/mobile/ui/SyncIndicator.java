package org.opencity.mobile.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.InvalidationListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.opencity.mobile.I18n;
import org.opencity.mobile.sync.SyncClient;
import org.opencity.mobile.sync.SyncLoop;

/**
 * Always in the top bar: online or offline, how much waits to be sent, when the last sync
 * succeeded, and whether the server refused something — a tap opens the details.
 */
final class SyncIndicator {

    private final Button button = new Button();
    private final AppModel model;

    SyncIndicator(AppModel model, Runnable open) {
        this.model = model;
        button.setId("syncIndicator");
        button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);   // the title gives way, never the sync state
        button.getStyleClass().addAll(Styles.FLAT, "oc-sync");
        button.setOnAction(e -> open.run());
        InvalidationListener update = o -> update();
        model.lastSync().addListener(update);
        model.status().addListener(update);
        model.syncing().addListener(update);
        model.i18nProperty().addListener(update);
        update();
    }

    Node node() {
        return button;
    }

    private void update() {
        I18n i18n = model.i18n();
        SyncLoop.Outcome last = model.lastSync().get();
        SyncClient.Status status = model.status().get();
        boolean online = last != null && last.online();
        int waiting = status == null ? 0 : status.pendingOps() + status.pendingPhotos();
        boolean refused = status != null && !status.failures().isEmpty();
        String text;
        if (model.syncing().get()) {
            text = i18n.t("sync.syncing");
        } else if (online && waiting == 0) {
            text = i18n.t("sync.online");
        } else {
            text = (online ? i18n.t("sync.online") : i18n.t("sync.offline")) + (waiting > 0 ? " · " + waiting : "");
        }
        button.setText(text);
        button.setGraphic(Ui.icon(refused ? Material2MZ.SYNC_PROBLEM : online ? Material2AL.CLOUD_DONE : Material2AL.CLOUD_OFF));
        button.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("offline"), !online);
        button.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("refused"), refused);
    }
}
