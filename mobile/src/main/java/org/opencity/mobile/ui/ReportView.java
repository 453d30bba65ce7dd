package org.opencity.mobile.ui;

import atlantafx.base.theme.Styles;
import com.gluonhq.maps.MapLayer;
import com.gluonhq.maps.MapPoint;
import com.gluonhq.maps.MapView;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.opencity.mobile.I18n;
import org.opencity.mobile.service.AppException;
import org.opencity.model.GeoPoint;
import org.opencity.model.Ids;
import org.opencity.model.ServiceCategoryView;
import org.opencity.model.catalogue.BuildingView;
import org.opencity.model.request.NearbyRequest;
import org.opencity.model.request.NewRequest;
import org.opencity.model.request.PhotoKind;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reporting a problem: what (a searchable list of categories with icons), a description, photos,
 * and where — the phone's position or a pin dragged on the map, or a building picked by address
 * with entrance, floor and flat. Before sending, open requests of the same kind nearby are offered
 * ("follow this one instead"). The report is saved on the phone first and sent when possible.
 */
final class ReportView {

    private static final Logger LOG = Logger.getLogger(ReportView.class.getName());
    /** Kazan's centre: where the pin starts when the phone does not know where it is. */
    static final GeoPoint CITY_CENTRE = new GeoPoint(55.7963, 49.1088);

    private final AppModel model;
    private final Shell shell;
    private final VBox box = Ui.page();
    private final ListView<ServiceCategoryView> categories = new ListView<>();
    private final TextArea description = new TextArea();
    private final TextField entrance = new TextField();
    private final TextField floor = new TextField();
    private final TextField flat = new TextField();
    private final Label problem = new Label();
    private final Label where = new Label();
    private final VBox nearby = new VBox(8);
    private final PhotoStrip photos;
    private List<ServiceCategoryView> all = List.of();
    private BuildingView building;
    private GeoPoint pin;

    ReportView(AppModel model, Shell shell) {
        this.model = model;
        this.shell = shell;
        I18n i18n = model.i18n();
        box.setId("reportView");
        TextField search = new TextField();
        search.setId("categorySearch");
        search.setPromptText(i18n.t("report.search"));
        search.textProperty().addListener((o, a, text) -> filter(text));
        categories.setId("categories");
        categories.setPrefHeight(220);
        categories.setCellFactory(v -> new CategoryCell());
        description.setId("description");
        description.setPromptText(i18n.t("report.descriptionHint"));
        description.setPrefRowCount(3);
        description.setWrapText(true);
        photos = new PhotoStrip(model, PhotoKind.REPORT, i18n.t("photo.add"), "reportPhoto", () -> Optional.ofNullable(pin));
        entrance.setId("entrance");
        entrance.setPromptText(i18n.t("report.entrance"));
        floor.setId("floor");
        floor.setPromptText(i18n.t("report.floor"));
        flat.setId("flat");
        flat.setPromptText(i18n.t("report.flat"));
        problem.setId("reportProblem");
        problem.getStyleClass().add(Styles.DANGER);
        problem.setWrapText(true);
        where.setId("where");
        where.setWrapText(true);
        nearby.setId("nearby");
        Button send = Ui.button(i18n.t("report.send"), Material2MZ.SEND, "sendReport");
        send.getStyleClass().add(Styles.ACCENT);
        send.setOnAction(e -> checkNearbyThenSend());
        box.getChildren().addAll(Ui.section(i18n.t("report.category"), search, categories),
                                 Ui.section(i18n.t("report.description"), description),
                                 Ui.section(i18n.t("job.photos"), photos.node()),
                                 Ui.section(i18n.t("report.where"), place()),
                                 problem, nearby, send);
        Ui.async(model.background(), () -> model.service().categories(), list -> {
            all = list;
            filter(search.getText());
        }, e -> { });
    }

    Node node() {
        return box;
    }

    private void filter(String text) {
        String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        categories.getItems().setAll(all.stream().filter(c -> q.isEmpty() || c.name().toLowerCase(Locale.ROOT).contains(q)
                || c.code().contains(q)).toList());
    }

    // ---------------------------------------------------------------- where

    private Node place() {
        I18n i18n = model.i18n();
        Button mine = Ui.button(i18n.t("report.myLocation"), Material2AL.LOCATION_ON, "myLocation");
        mine.setOnAction(e -> model.location().current().ifPresentOrElse(this::pinAt,
                                                                          () -> where.setText(i18n.t("report.locationUnavailable"))));
        TextField address = new TextField();
        address.setId("buildingSearch");
        address.setPromptText(i18n.t("report.building"));
        ListView<BuildingView> found = new ListView<>();
        found.setId("buildings");
        found.setPrefHeight(120);
        found.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(BuildingView b, boolean empty) {
                super.updateItem(b, empty);
                setText(empty || b == null ? null : (model.i18n().language().equals("en") ? b.addressEn() : b.addressRu()));
            }
        });
        address.textProperty().addListener((o, a, text) -> {
            if (text != null && text.strip().length() >= 3) {
                Ui.async(model.background(), () -> model.service().buildings(text.strip()), list -> found.getItems().setAll(list),
                         e -> found.getItems().clear());
            }
        });
        found.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                building = b;
                pinAt(b.position());
                where.setText(i18n.language().equals("en") ? b.addressEn() : b.addressRu());
            }
        });
        return new VBox(8, mine, map(), where, address, found, new HBox(8, entrance, floor, flat));
    }

    private void pinAt(GeoPoint point) {
        pin = point;
        if (building == null || !building.position().equals(point)) {
            where.setText(model.i18n().t("report.pin", String.format(Locale.ROOT, "%.5f", point.lat()),
                                         String.format(Locale.ROOT, "%.5f", point.lon())));
        }
        if (pinLayer != null) {
            pinLayer.move(point);
        }
    }

    private PinLayer pinLayer;

    /** A map with a pin the user drags to the spot; without tiles (offline) the pin still works on a blank map. */
    private Node map() {
        try {
            MapView map = new MapView();
            map.setZoom(15);
            map.setCenter(CITY_CENTRE.lat(), CITY_CENTRE.lon());
            map.setPrefHeight(220);
            map.setMinHeight(220);
            pinLayer = new PinLayer(p -> {
                building = null;
                pinAt(p);
            });
            map.addLayer(pinLayer);
            map.setId("reportMap");
            // a tap (not the end of a pan) puts the pin there; the layer itself lets events through to the map
            map.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
                if (e.isStillSincePress()) {
                    pinLayer.dropAtScene(e.getSceneX(), e.getSceneY());
                }
            });
            return map;
        } catch (RuntimeException | LinkageError e) {
            LOG.warning("no map here: " + e);
            return new Label();
        }
    }

    /** The draggable pin: its tip marks the place, wherever on the pin it was grabbed. */
    private static final class PinLayer extends MapLayer {
        private final FontIcon pin = Ui.icon(Material2MZ.PLACE);
        private final java.util.function.Consumer<GeoPoint> dropped;
        private MapPoint at;
        /** From the tip to where the finger holds the pin. */
        private Point2D grab = Point2D.ZERO;

        PinLayer(java.util.function.Consumer<GeoPoint> dropped) {
            this.dropped = dropped;
            pin.getStyleClass().add("oc-map-pin");
            pin.setId("reportPin");
            pin.setPickOnBounds(true);   // grabbed anywhere in its box, not only on the ink of the glyph
            pin.setVisible(false);
            getChildren().add(pin);
            // dragging the pin moves the pin, not the map under it
            pin.setOnMousePressed(e -> {
                Point2D tip = tipInScene();
                grab = new Point2D(e.getSceneX() - tip.getX(), e.getSceneY() - tip.getY());
                e.consume();
            });
            pin.setOnMouseClicked(javafx.event.Event::consume);
            pin.setOnMouseDragged(e -> {
                place(sceneToLocal(e.getSceneX() - grab.getX(), e.getSceneY() - grab.getY()));
                e.consume();
            });
            pin.setOnMouseReleased(e -> {
                dropAtScene(e.getSceneX() - grab.getX(), e.getSceneY() - grab.getY());
                e.consume();
            });
        }

        /** Draws the pin with its tip (the bottom middle of the glyph) at this point of the layer. */
        private void place(Point2D tip) {
            javafx.geometry.Bounds b = pin.getLayoutBounds();
            pin.setTranslateX(tip.getX() - (b.getMinX() + b.getWidth() / 2));
            pin.setTranslateY(tip.getY() - b.getMaxY());
        }

        private Point2D tipInScene() {
            javafx.geometry.Bounds b = pin.getBoundsInParent();
            return localToScene(b.getCenterX(), b.getMaxY());
        }

        /** The map turns coordinates of the map view itself into a position. */
        private void dropAtScene(double sceneX, double sceneY) {
            Point2D inMap = getParent().sceneToLocal(sceneX, sceneY);
            MapPoint p = baseMap.getMapPosition(inMap.getX(), inMap.getY());
            dropped.accept(new GeoPoint(p.getLatitude(), p.getLongitude()));
        }

        void move(GeoPoint point) {
            at = new MapPoint(point.lat(), point.lon());
            pin.setVisible(true);
            markDirty();
        }

        @Override
        protected void layoutLayer() {
            if (at != null) {
                place(getMapPoint(at.getLatitude(), at.getLongitude()));
            }
        }
    }

    // ---------------------------------------------------------------- sending

    private Optional<String> invalid() {
        I18n i18n = model.i18n();
        if (categories.getSelectionModel().getSelectedItem() == null) {
            return Optional.of(i18n.t("report.needCategory"));
        }
        if (description.getText().strip().length() < NewRequest.MIN_DESCRIPTION) {
            return Optional.of(i18n.t("report.needDescription"));
        }
        if (building == null && pin == null) {
            return Optional.of(i18n.t("report.needPlace"));
        }
        return Optional.empty();
    }

    private void checkNearbyThenSend() {
        Optional<String> wrong = invalid();
        problem.setText(wrong.orElse(""));
        if (wrong.isPresent()) {
            return;
        }
        ServiceCategoryView category = categories.getSelectionModel().getSelectedItem();
        Ui.async(model.background(), () -> {
            try {
                return model.service().nearby(category.code(), Optional.ofNullable(building).map(BuildingView::id),
                                              building == null ? Optional.ofNullable(pin) : Optional.empty());
            } catch (AppException offline) {
                return List.<NearbyRequest>of();   // offline: nothing to offer, the report goes out later
            }
        }, this::offerOrSend, e -> send());
    }

    private void offerOrSend(List<NearbyRequest> open) {
        if (open.isEmpty()) {
            send();
            return;
        }
        I18n i18n = model.i18n();
        nearby.getChildren().setAll(Ui.title(i18n.t("report.nearbyTitle")));
        for (NearbyRequest n : open) {
            Button follow = Ui.button(i18n.t("report.follow"), Material2MZ.NOTIFICATIONS_ACTIVE, "follow-" + n.number());
            follow.setOnAction(e -> Ui.async(model.background(), () -> {
                model.service().follow(n.id());
                return n.number();
            }, number -> {
                nearby.getChildren().setAll(Ui.text(i18n.t("report.followed", number)));
                model.changed();
            }, ex -> problem.setText(i18n.t("error.generic", ex.getMessage()))));
            VBox card = new VBox(4, Ui.row(new Label(n.number()), Ui.status(i18n, n.status())), Ui.muted(n.address()), follow);
            card.getStyleClass().add("oc-card");
            nearby.getChildren().add(card);
        }
        Button anyway = Ui.button(i18n.t("report.sendAnyway"), Material2MZ.SEND, "sendAnyway");
        anyway.setOnAction(e -> send());
        nearby.getChildren().add(anyway);
    }

    private void send() {
        ServiceCategoryView category = categories.getSelectionModel().getSelectedItem();
        NewRequest request = new NewRequest(Ids.newId(), category.code(), description.getText().strip(),
                                            building == null ? pin : null, building == null ? null : building.id(),
                                            blank(entrance), blank(floor), blank(flat), null, null, null, null, null, List.of());
        Ui.async(model.background(), () -> model.service().report(request, photos.photos()), id -> {
            model.changed();
            shell.home(model.me().get());
        }, e -> problem.setText(model.i18n().t("error.generic", e.getMessage())));
    }

    private static String blank(TextField f) {
        return f.getText() == null || f.getText().isBlank() ? null : f.getText().strip();
    }

    /** A category with its icon, large enough to tap. */
    private static final class CategoryCell extends ListCell<ServiceCategoryView> {
        @Override
        protected void updateItem(ServiceCategoryView item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(item.name());
            setGraphic(Ui.row(Ui.categoryIcon(item.icon()), name));
            setId("category-" + item.code());
            setMinHeight(48);
        }
    }
}
