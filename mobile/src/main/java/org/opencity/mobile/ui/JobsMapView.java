package org.opencity.mobile.ui;

import atlantafx.base.theme.Styles;
import com.gluonhq.maps.MapLayer;
import com.gluonhq.maps.MapPoint;
import com.gluonhq.maps.MapView;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2MZ;
import org.opencity.model.request.RequestDetail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.logging.Logger;

/** Today's jobs on a map (Gluon Maps, OpenStreetMap tiles); a pin opens the job. Offline, the pins stay on a blank map. */
final class JobsMapView {

    private static final Logger LOG = Logger.getLogger(JobsMapView.class.getName());
    private final VBox box = new VBox();

    JobsMapView(AppModel model, Shell shell) {
        box.setId("jobsMap");
        box.getProperties().put("noScroll", true);
        Ui.async(model.background(), () -> model.service().jobs(), jobs -> {
            try {
                MapView map = new MapView();
                map.setZoom(15);
                Pins pins = new Pins(model, shell, jobs);
                map.addLayer(pins);
                jobs.stream().findFirst().ifPresent(j -> map.setCenter(j.location().lat(), j.location().lon()));
                map.setPrefHeight(600);
                Label note = new Label(model.i18n().t("jobs.mapNote"));
                note.getStyleClass().add("oc-map-note");
                note.setWrapText(true);
                note.setMaxWidth(Double.MAX_VALUE);
                note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                note.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> model.lastSync().get() == null || !model.lastSync().get().online(), model.lastSync()));
                note.managedProperty().bind(note.visibleProperty());
                javafx.scene.layout.VBox.setVgrow(map, javafx.scene.layout.Priority.ALWAYS);
                box.getChildren().setAll(note, map);
            } catch (RuntimeException | LinkageError e) {
                LOG.warning("no map here: " + e);
                box.getChildren().setAll(Ui.page(Ui.muted(model.i18n().t("jobs.mapTitle") + ": " + jobs.size())));
            }
        }, e -> { });
    }

    Node node() {
        return box;
    }

    /** A pin per job, placed where the job is; jobs in the same building stack up above it. */
    private static final class Pins extends MapLayer {
        private final List<Point> points = new ArrayList<>();

        private record Point(MapPoint where, Node pin, int stacked) {
        }

        Pins(AppModel model, Shell shell, List<RequestDetail> jobs) {
            Map<String, Integer> atPlace = new HashMap<>();
            for (RequestDetail job : jobs) {
                Label number = new Label(job.summary().number());
                number.getStyleClass().add("oc-pin-label");
                Button pin = new Button(null, new VBox(0, number, Ui.icon(Material2MZ.PLACE)));
                ((VBox) pin.getGraphic()).setAlignment(javafx.geometry.Pos.CENTER);
                pin.getStyleClass().addAll(Styles.FLAT, "oc-pin");
                pin.setId("pin-" + job.summary().number());
                pin.setOnAction(e -> shell.open(job.summary().number(), new RequestView(model, shell, job.summary().id(), false).node()));
                int stacked = atPlace.merge(job.location().lat() + "," + job.location().lon(), 1, Integer::sum) - 1;
                points.add(new Point(new MapPoint(job.location().lat(), job.location().lon()), pin, stacked));
                getChildren().add(pin);
            }
        }

        @Override
        protected void layoutLayer() {
            for (Point p : points) {
                Point2D at = getMapPoint(p.where().getLatitude(), p.where().getLongitude());
                p.pin().autosize();
                double height = p.pin().getLayoutBounds().getHeight();
                p.pin().setTranslateX(at.getX() - p.pin().getLayoutBounds().getWidth() / 2);
                p.pin().setTranslateY(at.getY() - height - p.stacked() * (height - 16));
            }
        }
    }
}
