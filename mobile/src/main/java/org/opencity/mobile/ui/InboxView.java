package org.opencity.mobile.ui;

import atlantafx.base.theme.Styles;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;
import org.opencity.mobile.I18n;
import org.opencity.model.notify.NotificationView;

import java.util.List;

/**
 * Unread notifications as of the last sync (the same ones pushes and the live stream carry). A
 * tap marks one read and opens its request — the rating form for "done: confirm and rate".
 */
final class InboxView {

    private final AppModel model;
    private final Shell shell;
    private final VBox box = Ui.page();

    InboxView(AppModel model, Shell shell) {
        this.model = model;
        this.shell = shell;
        box.setId("inboxView");
        model.onDataChanged(box, this::load);
        load();
    }

    Node node() {
        return box;
    }

    private void load() {
        Ui.async(model.background(), () -> model.service().notifications(), this::render, e -> { });
    }

    private void render(List<NotificationView> items) {
        I18n i18n = model.i18n();
        box.getChildren().clear();
        if (items.isEmpty()) {
            box.getChildren().add(Ui.muted(i18n.t("inbox.none")));
            return;
        }
        for (NotificationView n : items) {
            VBox text = new VBox(2, Ui.line(n.title()), Ui.mutedLine(n.body()), Ui.mutedLine(Ui.time(n.createdAt())));
            text.getChildren().getFirst().getStyleClass().add(Styles.TEXT_BOLD);
            Button card = new Button(null, text);
            card.setId("notification-" + n.kind().name());
            card.getStyleClass().add("oc-card");
            card.setMaxWidth(Double.MAX_VALUE);
            card.setOnAction(e -> shell.openAbout(n));
            box.getChildren().add(card);
        }
    }
}
