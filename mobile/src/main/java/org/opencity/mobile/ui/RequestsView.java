package org.opencity.mobile.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.opencity.mobile.I18n;
import org.opencity.mobile.service.AppException;
import org.opencity.mobile.service.CityService;
import org.opencity.mobile.sync.SyncClient;
import org.opencity.model.request.FollowedRequest;
import org.opencity.model.request.RequestDetail;

import java.util.List;

/**
 * A resident's requests: reports still on the phone (waiting for the network, sent with their
 * number, or refused with the reason), the ones the server knows with status and deadline, and
 * the ones they follow instead of reporting again.
 */
final class RequestsView {

    private final AppModel model;
    private final Shell shell;
    private final VBox box = Ui.page();

    RequestsView(AppModel model, Shell shell) {
        this.model = model;
        this.shell = shell;
        box.setId("requestsView");
        model.onDataChanged(box, this::load);
        load();
    }

    Node node() {
        return box;
    }

    private record Loaded(List<SyncClient.LocalReport> local, List<RequestDetail> known, List<FollowedRequest> followed) {
    }

    private void load() {
        Ui.async(model.background(), () -> {
            List<FollowedRequest> followed;
            try {
                followed = model.service().following();
            } catch (AppException offline) {
                followed = List.of();
            }
            return new Loaded(model.service().localReports(), model.service().myRequests(), followed);
        }, this::render, e -> { });
    }

    private void render(Loaded l) {
        I18n i18n = model.i18n();
        box.getChildren().clear();
        javafx.application.Platform.runLater(model::contentShown);   // after this pulse has laid it out
        if (l.local().isEmpty() && l.known().isEmpty() && l.followed().isEmpty()) {
            box.getChildren().add(Ui.muted(i18n.t("requests.none")));
        }
        for (SyncClient.LocalReport r : l.local()) {
            String state = switch (r.state()) {
                case SyncClient.LocalReport.WAITING -> i18n.t("requests.waiting");
                case SyncClient.LocalReport.SENT -> r.number() == null ? i18n.t("requests.sentNoNumber") : i18n.t("requests.sent", r.number());
                default -> i18n.t("requests.refused", r.failure());
            };
            Label stateLabel = Ui.chip(state, SyncClient.LocalReport.REFUSED.equals(r.state()) ? "oc-chip-refused" : "oc-chip-waiting");
            stateLabel.setId("local-" + r.request().id());
            VBox card = new VBox(4, Ui.row(Ui.categoryIcon(r.request().categoryCode()), Ui.line(r.request().description())), stateLabel);
            card.getStyleClass().add("oc-card");
            box.getChildren().add(card);
        }
        for (RequestDetail r : l.known()) {
            Label status = Ui.status(i18n, r.summary().status());
            VBox text = Ui.cardText(r.summary().categoryName(), r.summary().number(), r.summary().address(), status);
            if (r.summary().dueAt() != null) {
                text.getChildren().add(Ui.mutedLine(i18n.t("requests.due", Ui.time(r.summary().dueAt()))));
            }
            Button card = new Button(null, Ui.row(Ui.categoryIcon(r.summary().categoryCode()), text));
            card.setId("request-" + r.summary().number());
            card.getStyleClass().add("oc-card");
            card.setMaxWidth(Double.MAX_VALUE);
            card.setOnAction(e -> shell.open(r.summary().number(), new RequestView(model, shell, r.summary().id(), false).node()));
            box.getChildren().add(card);
        }
        for (FollowedRequest f : l.followed()) {
            VBox card = Ui.cardText(f.categoryName(), f.number(), f.address(), Ui.status(i18n, f.status()),
                                    Ui.mutedLine(i18n.t("requests.following")));
            card.setId("followed-" + f.number());
            card.getStyleClass().add("oc-card");
            box.getChildren().add(card);
        }
    }
}
