package org.opencity.mobile.platform;

import com.gluonhq.attach.pictures.PicturesService;
import javafx.application.Platform;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The camera through Gluon Attach where there is one (Android, iOS); on the desktop, where Attach
 * has no pictures service, a file chooser for JPEG and PNG images.
 */
public final class DevicePhotoSource implements PhotoSource {

    private static final Logger LOG = Logger.getLogger(DevicePhotoSource.class.getName());

    private final Optional<PicturesService> camera;

    public DevicePhotoSource() {
        Optional<PicturesService> found;
        try {
            found = PicturesService.create();
        } catch (RuntimeException | LinkageError e) {
            found = Optional.empty();
        }
        this.camera = found;
    }

    @Override
    public void take(Window owner, Consumer<byte[]> onPhoto) {
        camera.ifPresentOrElse(c -> fromCamera(c, onPhoto), () -> fromFile(owner, onPhoto));
    }

    private static void fromCamera(PicturesService camera, Consumer<byte[]> onPhoto) {
        javafx.beans.value.ChangeListener<javafx.scene.image.Image> once = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.image.Image> o, javafx.scene.image.Image old,
                                javafx.scene.image.Image image) {
                camera.imageProperty().removeListener(this);
                camera.getImageFile().ifPresent(file -> read(file, onPhoto));
            }
        };
        camera.imageProperty().addListener(once);
        camera.asyncTakePhoto(false);
    }

    private static void fromFile(Window owner, Consumer<byte[]> onPhoto) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Photos", "*.jpg", "*.jpeg", "*.png"));
        File file = chooser.showOpenDialog(owner);
        if (file != null) {
            read(file, onPhoto);
        }
    }

    private static void read(File file, Consumer<byte[]> onPhoto) {
        try {
            byte[] bytes = Files.readAllBytes(file.toPath());
            Platform.runLater(() -> onPhoto.accept(bytes));
        } catch (IOException e) {
            LOG.warning("cannot read the photo " + file + ": " + e.getMessage());
        }
    }

    @Override
    public Optional<String> hint() {
        return camera.isPresent() ? Optional.empty() : Optional.of("file");
    }
}
