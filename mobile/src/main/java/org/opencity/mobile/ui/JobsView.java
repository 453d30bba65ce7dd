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
 * A technician's jobs as the phone last knew them: overdue first, then by deadline, today's apart
 * from later ones, each with a countdown that ticks, its address and category, and whether an
 * action on it still waits to be sent.
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
        LocalDate today = LocalDate.ofInstant(now, ZoneId.systemDefault());
        VBox overdue = new VBox(8);
        overdue.setId("overdueJobs");
        VBox todayBox = new VBox(8);
        todayBox.setId("todayJobs");
        VBox laterBox = new VBox(8);
        laterBox.setId("laterJobs");
        VBox doneBox = new VBox(8);
        doneBox.setId("doneJobs");
        for (RequestDetail job : ordered(jobs, now)) {
            Instant due = job.summary().dueAt();
            VBox target = job.summary().status() == org.opencity.model.request.Status.DONE ? doneBox
                    : due != null && due.isBefore(now) ? overdue
                    : due == null || !LocalDate.ofInstant(due, ZoneId.systemDefault()).isAfter(today) ? todayBox : laterBox;
            target.getChildren().add(card(job, pending.getOrDefault(job.summary().id(), List.of())));
        }
        add("jobs.overdue.title", overdue);
        add("jobs.today", todayBox);
        add("jobs.later", laterBox);
        add("jobs.done", doneBox);
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
