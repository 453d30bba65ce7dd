package org.opencity.mobile.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.InvalidationListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2MZ;
import org.opencity.mobile.I18n;
import org.opencity.mobile.sync.SyncClient;
import org.opencity.mobile.sync.SyncLoop;

/** The sync details: online or not, what waits, the last success, what the server refused and why, and "sync now". */
final class SyncView {

    private final AppModel model;
    private final VBox box = Ui.page();

    SyncView(AppModel model) {
        this.model = model;
        InvalidationListener update = o -> render();
        model.lastSync().addListener(update);
        model.status().addListener(update);
        box.sceneProperty().addListener((o, old, scene) -> {
            if (scene == null) {
                model.lastSync().removeListener(update);
                model.status().removeListener(update);
            }
        });
        render();
    }

    Node node() {
        return box;
    }

    private void render() {
        I18n i18n = model.i18n();
        SyncLoop.Outcome last = model.lastSync().get();
        SyncClient.Status status = model.status().get();
        box.getChildren().clear();
        boolean online = last != null && last.online();
        box.getChildren().add(Ui.title(online ? i18n.t("sync.online") : i18n.t("sync.offline")));
        if (last != null && !online && last.problem() != null) {
            box.getChildren().add(Ui.muted(last.problem()));
        }
        if (status != null) {
            box.getChildren().add(Ui.text(i18n.t("sync.waiting", status.pendingOps(), status.pendingPhotos())));
            box.getChildren().add(Ui.section(i18n.t("sync.lastSync"), Ui.text(status.lastSuccessfulSync() == null ? i18n.t("sync.never")
                                                                                  : Ui.time(status.lastSuccessfulSync()))));
            if (!status.failures().isEmpty()) {
                VBox failures = new VBox(6);
                failures.setId("syncFailures");
                status.failures().stream().sorted((a, b) -> Long.compare(b.seq(), a.seq())).limit(20)
                        .forEach(f -> failures.getChildren().add(Ui.text("• " + f.what() + ": " + f.reason())));
                box.getChildren().add(Ui.section(i18n.t("sync.failures"), failures));
            }
        }
        Button now = Ui.button(i18n.t("sync.now"), Material2MZ.SYNC, "syncNow");
        now.getStyleClass().add(Styles.ACCENT);
        now.setOnAction(e -> model.syncNow());
        box.getChildren().add(now);
    }
}
