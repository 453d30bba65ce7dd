package org.opencity.mobile.ui;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.opencity.mobile.I18n;
import org.opencity.model.request.Action;
import org.opencity.model.request.RequestDetail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A technician's jobs as the phone last knew them, grouped by urgency (overdue, due within two
 * hours, later today, later) rather than by calendar day, each with a countdown that ticks, its
 * emergency priority, address and category, and whether an action on it still waits to be sent.
 */
final class JobsView {

    private final AppModel model;
    private final Shell shell;
    private final VBox box = Ui.page();
    private final List<Runnable> tickers = new ArrayList<>();
    private final Timeline clock;

    JobsView(AppModel model, Shell shell) {
        this.model = model;
        this.shell = shell;
        box.setId("jobsView");
        clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> tickers.forEach(Runnable::run)));
        clock.setCycleCount(Timeline.INDEFINITE);
        box.sceneProperty().addListener((o, old, scene) -> {
            if (scene == null) {
                clock.stop();
            } else {
                clock.play();
            }
        });
        model.onDataChanged(box, this::load);
        load();
    }

    Node node() {
        return box;
    }

    private void load() {
        record Loaded(List<RequestDetail> jobs, Map<java.util.UUID, List<Action>> pending) {
        }
        Ui.async(model.background(), () -> {
            List<RequestDetail> jobs = model.service().jobs();
            Map<java.util.UUID, List<Action>> pending = new java.util.HashMap<>();
            jobs.forEach(j -> pending.put(j.summary().id(), model.service().pending(j.summary().id())));
            return new Loaded(jobs, pending);
        }, loaded -> render(loaded.jobs(), loaded.pending()), e -> { });
    }

    /** How soon a job needs the technician; the groups of the list, most urgent first. */
    enum Urgency {
        OVERDUE("overdueJobs", "jobs.overdue.title"),
        SOON("soonJobs", "jobs.soon"),
        TODAY("todayJobs", "jobs.today"),
        LATER("laterJobs", "jobs.later"),
        DONE("doneJobs", "jobs.done");

        final String id;
        final String heading;

        Urgency(String id, String heading) {
            this.id = id;
            this.heading = heading;
        }
    }

    /** Within this a job is "soon" whatever day it falls on: an emergency due after midnight is not "later". */
    static final java.time.Duration SOON = java.time.Duration.ofHours(2);

    static Urgency urgency(RequestDetail job, Instant now, ZoneId zone) {
        Instant due = job.summary().dueAt();
        if (job.summary().status() == org.opencity.model.request.Status.DONE) {
            return Urgency.DONE;
        }
        if (due == null) {
            return Urgency.TODAY;
        }
        if (due.isBefore(now)) {
            return Urgency.OVERDUE;
        }
        if (!due.isAfter(now.plus(SOON))) {
            return Urgency.SOON;
        }
        return LocalDate.ofInstant(due, zone).isAfter(LocalDate.ofInstant(now, zone)) ? Urgency.LATER : Urgency.TODAY;
    }

    static List<RequestDetail> ordered(List<RequestDetail> jobs, Instant now) {
        return jobs.stream().sorted(Comparator
                .comparing((RequestDetail j) -> j.summary().dueAt() == null || !j.summary().dueAt().isBefore(now))
                .thenComparing(j -> j.summary().dueAt() == null ? Instant.MAX : j.summary().dueAt())).toList();
    }

    private void render(List<RequestDetail> jobs, Map<java.util.UUID, List<Action>> pending) {
        I18n i18n = model.i18n();
        box.getChildren().clear();
        javafx.application.Platform.runLater(model::contentShown);   // after this pulse has laid it out
        tickers.clear();
        if (jobs.isEmpty()) {
            box.getChildren().add(Ui.muted(i18n.t("jobs.none")));
            return;
        }
        Instant now = model.clock().instant();
        Map<Urgency, VBox> groups = new java.util.EnumMap<>(Urgency.class);
        for (Urgency u : Urgency.values()) {
            VBox group = new VBox(8);
            group.setId(u.id);
            groups.put(u, group);
        }
        for (RequestDetail job : ordered(jobs, now)) {
            groups.get(urgency(job, now, ZoneId.systemDefault()))
                    .getChildren().add(card(job, pending.getOrDefault(job.summary().id(), List.of())));
        }
        groups.forEach((u, group) -> add(u.heading, group));
    }

    private void add(String heading, VBox jobs) {
        if (!jobs.getChildren().isEmpty()) {
            box.getChildren().add(Ui.section(model.i18n().t(heading), jobs));
        }
    }

    private Node card(RequestDetail job, List<Action> pending) {
        I18n i18n = model.i18n();
        Label countdown = new Label();
        countdown.getStyleClass().add("oc-countdown");
        Runnable tick = () -> {
            Instant now = model.clock().instant();
            countdown.setText(Ui.countdown(i18n, job.summary().dueAt(), now));
            countdown.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("overdue"),
                                              job.summary().dueAt() != null && now.isAfter(job.summary().dueAt()));
        };
        tick.run();
        tickers.add(tick);
        VBox text = Ui.cardText(job.summary().categoryName(), job.summary().number(), job.summary().address(),
                                Ui.status(i18n, job.summary().status()));
        if (job.summary().priority() == org.opencity.model.request.Priority.EMERGENCY) {
            Label emergency = Ui.chip(i18n.t("job.emergency"), "oc-chip-emergency");
            emergency.setId("emergency-" + job.summary().number());
            text.getChildren().add(1, emergency);
        }
        text.getChildren().add(countdown);
        for (Action p : pending) {
            text.getChildren().add(Ui.chip(i18n.t("job.pending", i18n.t("action." + p.name())), "oc-chip-waiting"));
        }
        Button card = new Button(null, Ui.row(Ui.categoryIcon(job.summary().categoryCode()), text));
        card.setId("job-" + job.summary().number());
        card.getStyleClass().add("oc-card");
        card.setMaxWidth(Double.MAX_VALUE);
        card.setOnAction(e -> shell.open(job.summary().number(), new RequestView(model, shell, job.summary().id(), false).node()));
        return card;
    }
}
