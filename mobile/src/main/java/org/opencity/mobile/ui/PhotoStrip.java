package org.opencity.mobile.ui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.opencity.mobile.platform.PhotoPreparer;
import org.opencity.mobile.sync.SyncClient;
import org.opencity.model.GeoPoint;
import org.opencity.model.request.PhotoKind;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Photos being taken for a report or an action: each is downscaled, re-encoded and kept in memory
 * until the user saves, then handed to the sync client with the command (which writes it to the
 * phone's storage before the command itself).
 */
final class PhotoStrip {

    private final AppModel model;
    private final PhotoKind kind;
    private final Supplier<Optional<GeoPoint>> where;
    private final List<SyncClient.LocalPhoto> photos = new ArrayList<>();
    private final FlowPane thumbs = new FlowPane(8, 8);
    private final Label error = new Label();
    private final VBox box;

    PhotoStrip(AppModel model, PhotoKind kind, String buttonText, String id, Supplier<Optional<GeoPoint>> where) {
        this.model = model;
        this.kind = kind;
        this.where = where;
        Button add = Ui.button(buttonText, Material2AL.ADD_A_PHOTO, id);
        add.setOnAction(e -> model.photos().take(add.getScene().getWindow(), this::accept));
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        thumbs.setId(id + "Thumbs");
        box = new VBox(8, thumbs, add, error);
    }

    Node node() {
        return box;
    }

    List<SyncClient.LocalPhoto> photos() {
        return List.copyOf(photos);
    }

    private void accept(byte[] original) {
        Ui.async(model.background(), () -> PhotoPreparer.prepare(original), jpeg -> {
            error.setText("");
            photos.add(new SyncClient.LocalPhoto(UUID.randomUUID(), kind, jpeg, model.clock().instant(), where.get().orElse(null)));
            thumbs.getChildren().add(thumb(jpeg));
        }, e -> error.setText(model.i18n().t("error.generic", e.getMessage())));
    }

    static Node thumb(byte[] jpeg) {
        ImageView view = new ImageView(new Image(new ByteArrayInputStream(jpeg), 96, 96, true, true));
        StackPane frame = new StackPane(view);
        frame.setAlignment(Pos.CENTER);
        frame.getStyleClass().add("oc-thumb");
        return frame;
    }
}
