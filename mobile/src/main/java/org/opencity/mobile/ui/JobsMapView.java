package org.opencity.mobile.ui;

import com.gluonhq.maps.MapLayer;
import com.gluonhq.maps.MapPoint;
import com.gluonhq.maps.MapView;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2MZ;
import org.opencity.model.request.RequestDetail;

import java.util.ArrayList;
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
                map.setZoom(13);
                Pins pins = new Pins(model, shell, jobs);
                map.addLayer(pins);
                jobs.stream().findFirst().ifPresent(j -> map.setCenter(j.location().lat(), j.location().lon()));
                map.setPrefHeight(600);
                javafx.scene.layout.VBox.setVgrow(map, javafx.scene.layout.Priority.ALWAYS);
                box.getChildren().setAll(map);
            } catch (RuntimeException | LinkageError e) {
                LOG.warning("no map here: " + e);
                box.getChildren().setAll(Ui.page(Ui.muted(model.i18n().t("jobs.mapTitle") + ": " + jobs.size())));
            }
        }, e -> { });
    }

    Node node() {
        return box;
    }

    /** A pin per job, placed where the job is. */
    private static final class Pins extends MapLayer {
        private final List<Point> points = new ArrayList<>();

        private record Point(MapPoint where, Node pin) {
        }

        Pins(AppModel model, Shell shell, List<RequestDetail> jobs) {
            for (RequestDetail job : jobs) {
                Button pin = new Button(job.summary().number(), Ui.icon(Material2MZ.PLACE));
                pin.getStyleClass().add("oc-pin");
                pin.setOnAction(e -> shell.open(job.summary().number(), new RequestView(model, shell, job.summary().id(), false).node()));
                points.add(new Point(new MapPoint(job.location().lat(), job.location().lon()), pin));
                getChildren().add(pin);
            }
        }

        @Override
        protected void layoutLayer() {
            for (Point p : points) {
                Point2D at = getMapPoint(p.where().getLatitude(), p.where().getLongitude());
                p.pin().autosize();
                p.pin().setTranslateX(at.getX() - p.pin().getLayoutBounds().getWidth() / 2);
                p.pin().setTranslateY(at.getY() - p.pin().getLayoutBounds().getHeight());
            }
        }
    }
}
