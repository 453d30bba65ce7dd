package org.opencity.mobile.ui;

import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.opencity.mobile.I18n;
import org.opencity.model.request.Status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** Small shared pieces of the screens: icons, labels, chips, durations, and running work off the FX thread. */
public final class Ui {

    private static final Map<String, Ikon> CATEGORY_ICONS = Map.ofEntries(
            Map.entry("water-leak", Material2MZ.WATER_DAMAGE), Map.entry("plumbing", Material2MZ.PLUMBING),
            Map.entry("hot-water", Material2AL.HOT_TUB), Map.entry("cold-water", Material2AL.LOCAL_DRINK),
            Map.entry("sewer", Material2AL.BATHTUB), Map.entry("heating", Material2MZ.WHATSHOT), Map.entry("power", Material2MZ.POWER),
            Map.entry("lighting", Material2AL.LIGHTBULB), Map.entry("lift", Material2AL.ELEVATOR), Map.entry("roof", Material2MZ.ROOFING),
            Map.entry("intercom", Material2AL.LOCAL_PHONE), Map.entry("cleaning", Material2AL.DELETE_SWEEP),
            Map.entry("yard", Material2AL.GRASS), Map.entry("refuse", Material2AL.DELETE), Map.entry("snow", Material2AL.AC_UNIT),
            // category codes that differ from their icon names
            Map.entry("power-outage", Material2MZ.POWER), Map.entry("entrance-lighting", Material2AL.LIGHTBULB),
            Map.entry("entrance-cleaning", Material2AL.DELETE_SWEEP));
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM HH:mm");

    private Ui() {
    }

    public static FontIcon icon(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("oc-icon");
        return icon;
    }

    public static FontIcon categoryIcon(String code) {
        return icon(CATEGORY_ICONS.getOrDefault(code, Material2AL.BUILD));
    }

    public static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_3);
        l.setWrapText(true);
        return l;
    }

    public static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setWrapText(true);
        return l;
    }

    public static Label text(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }

    /** One line that shortens with an ellipsis instead of wrapping (inside cards). */
    public static Label line(String text) {
        Label l = new Label(text);
        l.setMinWidth(0);
        return l;
    }

    public static Label mutedLine(String text) {
        Label l = line(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    public static Label chip(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().addAll("oc-chip", style);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** The chip colour for a status. */
    public static Label status(I18n i18n, Status status) {
        String style = switch (status) {
            case DONE -> "oc-chip-action";
            case CLOSED, CANCELLED, DUPLICATE -> "oc-chip-closed";
            case IN_PROGRESS, ASSIGNED -> "oc-chip-working";
            default -> "oc-chip-open";
        };
        return chip(i18n.t("status." + status.name()), style);
    }

    public static Button button(String text, Ikon ikon, String id) {
        Button b = new Button(text, ikon == null ? null : icon(ikon));
        b.setId(id);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setWrapText(true);
        return b;
    }

    public static VBox section(String heading, Node... content) {
        Label h = new Label(heading);
        h.getStyleClass().add("oc-section");
        VBox box = new VBox(6, h);
        box.getChildren().addAll(content);
        return box;
    }

    /**
     * The text of a request card: what (the category) first, then the number and the place, then
     * the status with whatever else belongs on the last line (a countdown, a deadline). Nothing on
     * a line competes for width with the number, so it is never cut.
     */
    public static VBox cardText(String category, String number, String address, Node... statusLine) {
        Label title = line(category);
        title.getStyleClass().add("oc-card-title");
        VBox text = new VBox(2, title, mutedLine(number), mutedLine(address));
        if (statusLine.length > 0) {
            HBox status = new HBox(8, statusLine);
            status.setAlignment(Pos.CENTER_LEFT);
            text.getChildren().add(status);
        }
        return text;
    }

    public static HBox row(Node... nodes) {
        HBox box = new HBox(8, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    public static Region grow() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    public static VBox page(Node... nodes) {
        VBox box = new VBox(12, nodes);
        box.setPadding(new Insets(16));
        box.setFillWidth(true);
        return box;
    }

    /** "2 h 13 min" — a human length of time. */
    public static String duration(I18n i18n, Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 60) {
            return i18n.t("duration.min", minutes);
        }
        if (minutes < 24 * 60) {
            return i18n.t("duration.hmin", minutes / 60, minutes % 60);
        }
        return i18n.t("duration.dh", minutes / (24 * 60), (minutes % (24 * 60)) / 60);
    }

    /** "5 h 10 min left" or "overdue by 25 min". */
    public static String countdown(I18n i18n, Instant due, Instant now) {
        if (due == null) {
            return i18n.t("jobs.noDeadline");
        }
        return now.isAfter(due) ? i18n.t("jobs.overdue", duration(i18n, Duration.between(due, now)))
                : i18n.t("jobs.left", duration(i18n, Duration.between(now, due)));
    }

    public static String time(Instant at) {
        return at == null ? "" : TIME.format(at.atZone(ZoneId.systemDefault()));
    }

    /** Runs {@code work} off the FX thread and hands its result (or failure) back on it. */
    public static <T> void async(Executor background, Work<T> work, Consumer<T> done, Consumer<Exception> failed) {
        background.execute(() -> {
            try {
                T result = work.run();
                Platform.runLater(() -> done.accept(result));
            } catch (Exception e) {
                Platform.runLater(() -> failed.accept(e));
            }
        });
    }

    /** Work that may fail. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }
}
