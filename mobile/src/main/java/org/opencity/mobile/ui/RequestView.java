package org.opencity.mobile.ui;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.opencity.mobile.I18n;
import org.opencity.model.request.Action;
import org.opencity.model.request.ActionRequest;
import org.opencity.model.request.PhotoKind;
import org.opencity.model.request.PhotoView;
import org.opencity.model.request.RequestDetail;
import org.opencity.model.request.TimelineEntry;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One request as the phone last knew it — for a technician the job (address with entrance, floor
 * and flat, the resident's photos, history), for a resident their report — with exactly the
 * actions the state machine allows this person now. An action is saved on the phone and shown as
 * waiting until sync sends it; starting and completing work offline is the normal case.
 */
final class RequestView {

    private final AppModel model;
    private final Shell shell;
    private final UUID id;
    private final VBox box = Ui.page();
    private final boolean focusRating;

    /**
     * What the user is typing or has picked (a note, stars, photos taken) survives the screen being
     * redrawn when sync brings news: each input is made once and reused by every render.
     */
    private final java.util.Map<String, Object> inputs = new java.util.HashMap<>();
    /** Thumbnails already loaded for this screen (only touched on the JavaFX thread). */
    private final java.util.Map<UUID, byte[]> thumbnails = new java.util.HashMap<>();

    RequestView(AppModel model, Shell shell, UUID id, boolean focusRating) {
        this.model = model;
        this.shell = shell;
        this.id = id;
        this.focusRating = focusRating;
        box.setId("requestView");
        model.onDataChanged(box, this::load);
        load();
    }

    Node node() {
        return box;
    }

    @SuppressWarnings("unchecked")
    private <T> T kept(String key, java.util.function.Supplier<T> make) {
        return (T) inputs.computeIfAbsent(key, k -> make.get());
    }

    private void load() {
        record Loaded(Optional<RequestDetail> detail, List<Action> pending, List<UUID> photos) {
        }
        Ui.async(model.background(), () -> new Loaded(model.service().request(id), model.service().pending(id),
                                                      model.service().pendingPhotos(id)),
                 loaded -> render(loaded.detail(), loaded.pending(), loaded.photos()), e -> { });
    }

    private void render(Optional<RequestDetail> found, List<Action> pending, List<UUID> pendingPhotos) {
        I18n i18n = model.i18n();
        box.getChildren().clear();
        if (found.isEmpty()) {
            box.getChildren().add(Ui.muted(i18n.t("requests.waiting")));
            return;
        }
        RequestDetail r = found.get();
        Label number = Ui.title(r.summary().number() + " · " + r.summary().categoryName());
        number.setId("requestTitle");
        Label status = Ui.status(i18n, r.summary().status());
        status.setId("requestStatus");
        Label deadline = Ui.muted(deadline(i18n, r));
        deadline.setId("requestDeadline");
        box.getChildren().addAll(Ui.row(Ui.categoryIcon(r.summary().categoryCode()), number), status, deadline);
        if (r.evidencePending()) {
            box.getChildren().add(Ui.chip(i18n.t("job.evidencePending"), "oc-chip-action"));
        }
        for (Action p : pending) {
            Label waiting = Ui.chip(i18n.t("job.pending", i18n.t("action." + p.name())), "oc-chip-waiting");
            waiting.setId("pending" + p.name());
            box.getChildren().add(waiting);
        }
        box.getChildren().add(Ui.section(i18n.t("job.address"), Ui.text(address(i18n, r))));
        box.getChildren().add(Ui.section(i18n.t("job.description"), Ui.text(r.description())));
        List<UUID> photos = new java.util.ArrayList<>(r.photos().stream().filter(p -> p.refused() == null).map(PhotoView::id).toList());
        photos.addAll(pendingPhotos);
        box.getChildren().add(Ui.section(i18n.t("job.photos"), photos(photos)));
        if (r.rating() != null) {
            box.getChildren().add(Ui.text(i18n.t("request.rated", r.rating())));
        }
        box.getChildren().add(actions(r, OfflineActions.available(r, pending, model.me().get())));
        box.getChildren().add(Ui.section(i18n.t("job.history"), timeline(r.timeline())));
        if (OfflineActions.available(r, pending, model.me().get()).contains(Action.CANCEL)) {
            box.getChildren().add(cancelForm());
        }
    }

    /** What the running deadline is for and when it falls ("the organisation must accept by …"), then the time left. */
    private String deadline(I18n i18n, RequestDetail r) {
        String left = Ui.countdown(i18n, r.summary().dueAt(), model.clock().instant());
        String stage = r.summary().stage();
        if (r.summary().dueAt() == null || stage == null) {
            return left;
        }
        return i18n.t("deadline." + stage, Ui.time(r.summary().dueAt())) + " · " + left;
    }

    private static String address(I18n i18n, RequestDetail r) {
        StringBuilder s = new StringBuilder(r.summary().address());
        if (r.entrance() != null) {
            s.append(", ").append(i18n.t("job.entrance", r.entrance()));
        }
        if (r.floor() != null) {
            s.append(", ").append(i18n.t("job.floor", r.floor()));
        }
        if (r.flat() != null && !r.summary().address().contains(r.flat())) {
            s.append(", ").append(i18n.t("job.flat", r.flat()));
        }
        return s.toString();
    }

    private Node photos(List<UUID> photos) {
        if (photos.isEmpty()) {
            return Ui.muted(model.i18n().t("job.noPhotos"));
        }
        FlowPane pane = new FlowPane(8, 8);
        pane.setId("requestPhotos");
        for (UUID p : photos) {
            byte[] known = thumbnails.get(p);
            if (known != null) {
                pane.getChildren().add(PhotoStrip.thumb(known));   // a redraw reads no file and asks no server again
                continue;
            }
            Ui.async(model.background(), () -> model.service().thumbnail(p), bytes -> bytes.ifPresent(b -> {
                thumbnails.put(p, b);
                pane.getChildren().add(PhotoStrip.thumb(b));
            }), e -> { });
        }
        return pane;
    }

    private Node timeline(List<TimelineEntry> entries) {
        VBox list = new VBox(8);
        list.setId("timeline");
        for (TimelineEntry e : entries.reversed()) {
            // older routing entries kept the server's own English reason, which the entry's text now says in words
            boolean machineReason = List.of("ROUTED", "TRIAGED", "REROUTED", "AUTO_CLOSED").contains(e.kind())
                    && !e.detail().containsKey("routedBy");
            String text = e.detail().getOrDefault("text", e.detail().getOrDefault("note",
                    machineReason ? "" : e.detail().getOrDefault("reason", "")));
            String actor = e.actorLabel() != null ? e.actorLabel() : e.actorName();
            String who = actor == null ? "" : " · " + actor;
            String what = e.text() == null || e.text().isBlank() ? kind(e) : e.text();   // the server's words, in the app's language
            VBox item = new VBox(2, Ui.muted(Ui.time(e.at()) + who), Ui.text(what + (text.isBlank() ? "" : ": " + text)));
            item.getStyleClass().add("oc-timeline-item");
            list.getChildren().add(item);
        }
        return list;
    }

    private String kind(TimelineEntry e) {
        I18n i18n = model.i18n();
        return e.toStatus() != null ? i18n.t("status." + e.toStatus().name())
                : e.kind().equals("COMMENT") ? i18n.t("action.COMMENT") : e.kind().replace('_', ' ').toLowerCase();
    }

    // ---------------------------------------------------------------- actions

    private Node actions(RequestDetail r, List<Action> available) {
        I18n i18n = model.i18n();
        VBox actions = new VBox(10);
        actions.setId("actions");
        if (available.contains(Action.START)) {
            PhotoStrip before = kept("before", () -> new PhotoStrip(model, PhotoKind.BEFORE, i18n.t("start.beforePhoto"), "beforePhoto",
                                                                     () -> Optional.empty()));
            Button start = Ui.button(i18n.t("action.START"), Material2MZ.PLAY_ARROW, "start");
            start.getStyleClass().add(Styles.ACCENT);
            start.setOnAction(e -> act(ActionRequest.of(Action.START), before));
            actions.getChildren().addAll(before.node(), start);
        }
        if (available.contains(Action.COMPLETE)) {
            actions.getChildren().add(completeForm());
        }
        if (available.contains(Action.CONFIRM)) {
            Button confirm = Ui.button(i18n.t("action.CONFIRM"), Material2AL.CHECK_CIRCLE, "confirm");
            confirm.getStyleClass().add(Styles.SUCCESS);
            confirm.setOnAction(e -> act(ActionRequest.of(Action.CONFIRM), null));
            actions.getChildren().add(confirm);
        }
        if (available.contains(Action.DISPUTE)) {
            actions.getChildren().add(reasonForm("dispute", "dispute.reason", "dispute.send", Action.DISPUTE));
        }
        if (available.contains(Action.RATE)) {
            actions.getChildren().add(rateForm());
        }
        if (available.contains(Action.COMMENT)) {
            actions.getChildren().add(commentForm());
        }
        return actions;
    }

    private Node completeForm() {
        I18n i18n = model.i18n();
        TextArea note = kept("completeNote", () -> {
            TextArea t = new TextArea();
            t.setId("completeNote");
            t.setPromptText(i18n.t("complete.note"));
            t.setPrefRowCount(3);
            t.setWrapText(true);
            return t;
        });
        PhotoStrip after = kept("after", () -> new PhotoStrip(model, PhotoKind.AFTER, i18n.t("complete.afterPhoto"), "afterPhoto",
                                                               () -> Optional.empty()));
        Label problem = kept("completeProblem", () -> {
            Label l = new Label();
            l.getStyleClass().add(Styles.DANGER);
            l.setId("completeProblem");
            return l;
        });
        Button done = Ui.button(i18n.t("complete.send"), Material2AL.DONE_ALL, "complete");
        done.getStyleClass().add(Styles.SUCCESS);
        done.setOnAction(e -> {
            if (after.photos().isEmpty()) {
                problem.setText(i18n.t("complete.needPhoto"));
                return;
            }
            act(new ActionRequest(Action.COMPLETE, null, null, null, null, note.getText().strip(), null, null, null, null, null), after);
        });
        return Ui.section(i18n.t("complete.title"), note, after.node(), problem, done);
    }

    /**
     * Cancelling is the one action that cannot be undone, so it stands apart at the end of the page
     * as a quiet link, and asks for the reason and a confirmation before anything is sent.
     */
    private Node cancelForm() {
        I18n i18n = model.i18n();
        Button ask = Ui.button(i18n.t("cancel.ask"), Material2AL.CANCEL, "cancelAsk");
        ask.getStyleClass().addAll(Styles.FLAT, Styles.DANGER);
        ask.setMaxWidth(Region.USE_PREF_SIZE);
        TextField reason = kept("cancelReason", () -> {
            TextField t = new TextField();
            t.setId("cancelReason");
            t.setPromptText(i18n.t("cancel.reason"));
            return t;
        });
        Button confirm = Ui.button(i18n.t("cancel.confirm"), Material2AL.CANCEL, "cancel");
        confirm.getStyleClass().add(Styles.DANGER);
        Button keep = Ui.button(i18n.t("cancel.keep"), Material2AL.ARROW_BACK, "cancelKeep");
        keep.getStyleClass().add(Styles.BUTTON_OUTLINED);
        VBox confirmation = new VBox(6, Ui.text(i18n.t("cancel.question")), reason, confirm, keep);
        confirmation.setId("cancelConfirmation");
        confirmation.getStyleClass().add("oc-confirm");
        VBox apart = new VBox(6, new Separator(), ask);
        apart.setPadding(new Insets(24, 0, 0, 0));
        ask.setOnAction(e -> apart.getChildren().setAll(new Separator(), confirmation));
        keep.setOnAction(e -> apart.getChildren().setAll(new Separator(), ask));
        confirm.setOnAction(e -> {
            if (!reason.getText().isBlank()) {
                act(new ActionRequest(Action.CANCEL, reason.getText().strip(), null, null, null, null, null, null, null, null, null), null);
            }
        });
        return apart;
    }

    private Node reasonForm(String id, String promptKey, String buttonKey, Action action) {
        I18n i18n = model.i18n();
        TextField reason = kept(id + "Reason", () -> {
            TextField t = new TextField();
            t.setId(id + "Reason");
            t.setPromptText(i18n.t(promptKey));
            return t;
        });
        Button send = Ui.button(i18n.t(buttonKey), Material2MZ.REPORT_PROBLEM, id);
        send.getStyleClass().add(Styles.BUTTON_OUTLINED);
        send.setOnAction(e -> {
            if (!reason.getText().isBlank()) {
                act(new ActionRequest(action, reason.getText().strip(), null, null, null, null, null, null, null, null, null), null);
            }
        });
        return new VBox(6, reason, send);
    }

    private Node rateForm() {
        I18n i18n = model.i18n();
        ToggleGroup stars = kept("stars", ToggleGroup::new);
        HBox row = new HBox(4);
        for (int i = 1; i <= 5; i++) {
            int value = i;
            row.getChildren().add(kept("star" + i, () -> {
                ToggleButton star = new ToggleButton(Integer.toString(value), Ui.icon(Material2MZ.STAR));
                star.setId("star" + value);
                star.setUserData(value);
                star.setToggleGroup(stars);
                return star;
            }));
        }
        TextField comment = kept("rateComment", () -> {
            TextField t = new TextField();
            t.setId("rateComment");
            t.setPromptText(i18n.t("rate.comment"));
            return t;
        });
        Button send = Ui.button(i18n.t("rate.send"), Material2MZ.STAR_RATE, "rate");
        send.setOnAction(e -> {
            if (stars.getSelectedToggle() != null) {
                int value = (int) stars.getSelectedToggle().getUserData();
                act(new ActionRequest(Action.RATE, null, null, null, null, null, null,
                                      comment.getText().isBlank() ? null : comment.getText().strip(), value, null, null), null);
            }
        });
        VBox form = Ui.section(i18n.t("rate.title"), row, comment, send);
        form.setId("rateForm");
        if (focusRating) {
            form.getStyleClass().add("oc-highlight");
        }
        return form;
    }

    private Node commentForm() {
        I18n i18n = model.i18n();
        TextField text = kept("commentText", () -> {
            TextField t = new TextField();
            t.setId("commentText");
            t.setPromptText(i18n.t("comment.placeholder"));
            return t;
        });
        Button send = Ui.button(i18n.t("comment.send"), Material2MZ.SEND, "comment");
        send.setOnAction(e -> {
            if (!text.getText().isBlank()) {
                act(new ActionRequest(Action.COMMENT, null, null, null, null, null, null, text.getText().strip(), null, null, null), null);
                text.clear();   // saved on the phone: the field is free for the next one
            }
        });
        return new VBox(6, text, send);
    }

    /** Saves the action on the phone (with its photos), then lets sync send it. */
    private void act(ActionRequest action, PhotoStrip photos) {
        Ui.async(model.background(), () -> {
            model.service().act(id, action, photos == null ? List.of() : photos.photos());
            return true;
        }, ok -> model.changed(), e -> box.getChildren().add(Ui.muted(model.i18n().t("error.generic", e.getMessage()))));
    }
}
