package org.opencity.mobile.ui;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.opencity.model.Role;
import org.opencity.model.auth.Me;
import org.opencity.model.notify.NotificationKind;
import org.opencity.model.notify.NotificationView;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The frame of every screen: a top bar (back, title, the sync indicator), the screen, and the
 * bottom navigation of the persona — a resident's requests, report, inbox and settings, or a
 * technician's jobs, map, inbox and settings. Screens opened from a list stack up; back pops.
 */
public final class Shell {

    private final AppModel model;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final Label title = new Label();
    private final Button back = new Button();
    private final Deque<Page> stack = new ArrayDeque<>();
    private final Runnable onSignedOut;
    private final Node indicator;
    private final Button banner = new Button();
    private final javafx.animation.PauseTransition bannerTimeout = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(12));

    private record Page(String title, Node node) {
    }

    public Shell(AppModel model, Runnable onSignedOut) {
        this.model = model;
        this.onSignedOut = onSignedOut;
        root.getStyleClass().add("oc-root");
        title.getStyleClass().addAll(Styles.TITLE_4, "oc-bar-title");
        back.setGraphic(Ui.icon(Material2AL.ARROW_BACK));
        back.getStyleClass().addAll(Styles.FLAT, Styles.BUTTON_ICON);
        back.setId("back");
        back.setOnAction(e -> back());
        indicator = new SyncIndicator(model, this::openSync).node();
        title.setMinWidth(0);
        HBox bar = new HBox(8, back, title, Ui.grow(), indicator);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 8));
        bar.getStyleClass().add("oc-bar");
        banner.setId("banner");
        banner.getStyleClass().add("oc-banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setVisible(false);
        banner.setManaged(false);
        root.setTop(new javafx.scene.layout.VBox(bar, banner));
        root.setCenter(content);
    }

    public BorderPane root() {
        return root;
    }

    /** Shows the signed-in person's home: a technician's jobs or a resident's requests. */
    public void home(Me me) {
        boolean technician = me.roles().contains(Role.TECHNICIAN);
        ToggleGroup group = new ToggleGroup();
        HBox nav = new HBox();
        nav.getStyleClass().add("oc-nav");
        if (technician) {
            nav.getChildren().addAll(tab(group, "nav.jobs", Material2AL.ASSIGNMENT, "navJobs", () -> new JobsView(model, this).node()),
                                     tab(group, "nav.map", Material2MZ.MAP, "navMap", () -> new JobsMapView(model, this).node()));
        } else {
            nav.getChildren().addAll(tab(group, "nav.requests", Material2AL.LIST_ALT, "navRequests",
                                         () -> new RequestsView(model, this).node()),
                                     tab(group, "nav.report", Material2AL.ADD_LOCATION_ALT, "navReport",
                                         () -> new ReportView(model, this).node()));
        }
        nav.getChildren().addAll(tab(group, "nav.inbox", Material2AL.INBOX, "navInbox", () -> new InboxView(model, this).node()),
                                 tab(group, "nav.settings", Material2MZ.SETTINGS, "navSettings",
                                     () -> new SettingsView(model, this, onSignedOut).node()));
        root.setBottom(nav);
        indicator.setVisible(true);
        ((ToggleButton) nav.getChildren().getFirst()).fire();
    }

    /** Switches to a tab of the bottom navigation by its id, when it is there. */
    public void showTab(String id) {
        if (root.getBottom() instanceof HBox nav) {
            nav.getChildren().stream().filter(n -> id.equals(n.getId())).findFirst()
                    .ifPresent(n -> ((ToggleButton) n).fire());
        }
    }

    private ToggleButton tab(ToggleGroup group, String key, Ikon ikon, String id, Supplier<Node> view) {
        ToggleButton b = new ToggleButton(model.i18n().t(key), Ui.icon(ikon));
        b.setId(id);
        b.setToggleGroup(group);
        b.getStyleClass().add("oc-tab");
        b.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(b, Priority.ALWAYS);
        b.setOnAction(e -> {
            b.setSelected(true);
            stack.clear();
            show(model.i18n().t(key), view.get());
        });
        return b;
    }

    /** Replaces the whole screen (sign-in). */
    public void replace(String heading, Node node) {
        root.setBottom(null);
        indicator.setVisible(false);
        stack.clear();
        show(heading, node);
    }

    /** Opens a screen on top of the current one. */
    public void open(String heading, Node node) {
        show(heading, node);
    }

    public void back() {
        if (stack.size() > 1) {
            stack.pop();
            Page previous = stack.peek();
            display(previous);
        }
    }

    private void show(String heading, Node node) {
        Page page = new Page(heading, scroll(node));
        stack.push(page);
        display(page);
    }

    private void display(Page page) {
        title.setText(page.title());
        back.setVisible(stack.size() > 1);
        back.setManaged(stack.size() > 1);
        content.getChildren().setAll(page.node());
    }

    private static Node scroll(Node node) {
        if (node instanceof ScrollPane || node.getProperties().containsKey("noScroll")) {
            return node;
        }
        ScrollPane sp = new ScrollPane(node);
        sp.setFitToWidth(true);
        sp.getStyleClass().add("oc-scroll");
        return sp;
    }

    /**
     * A notification that arrived while the app is open (the live stream): a banner under the top
     * bar for a few seconds; a tap opens what it is about.
     */
    public void announce(NotificationView n) {
        if (model.me().get() == null) {
            return;
        }
        javafx.scene.layout.VBox text = new javafx.scene.layout.VBox(2, Ui.line(n.title()), Ui.mutedLine(n.body()));
        text.getChildren().getFirst().getStyleClass().add(Styles.TEXT_BOLD);
        banner.setGraphic(Ui.row(Ui.icon(Material2MZ.NOTIFICATIONS_ACTIVE), text));
        banner.getProperties().put("kind", n.kind().name());
        banner.setOnAction(e -> {
            hideBanner();
            openAbout(n);
        });
        banner.setVisible(true);
        banner.setManaged(true);
        bannerTimeout.setOnFinished(e -> hideBanner());
        bannerTimeout.playFromStart();
    }

    private void hideBanner() {
        banner.setVisible(false);
        banner.setManaged(false);
    }

    /** Opens what a notification is about (from the inbox, the banner or a tapped push), marking it read. */
    public void openAbout(NotificationView n) {
        Ui.async(model.background(), () -> {
            model.service().markRead(n.id());
            return true;
        }, ok -> model.syncNow(), e -> { });
        if (n.requestId() != null) {
            open(n.requestNumber() == null ? n.title() : n.requestNumber(),
                 new RequestView(model, this, n.requestId(), n.kind() == NotificationKind.CONFIRM_AND_RATE).node());
        }
    }

    /** Opens what a tapped push is about, before the inbox has it (the app was closed). */
    public void openPushed(NotificationKind kind, java.util.UUID requestId) {
        if (model.me().get() != null && requestId != null) {
            open(model.i18n().t("app.title"), new RequestView(model, this, requestId, kind == NotificationKind.CONFIRM_AND_RATE).node());
        }
    }

    private void openSync() {
        open(model.i18n().t("sync.title"), new SyncView(model).node());
    }
}
