package org.opencity.mobile.platform;

import javafx.stage.Window;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where photos come from: the camera through Gluon Attach on a phone, a file chooser on the desktop.
 * The photo arrives later (the user takes it), as the raw bytes of a JPEG or PNG.
 */
public interface PhotoSource {

    /** Asks for one photo; {@code onPhoto} runs on the FX thread with the bytes, or not at all if the user gives up. */
    void take(Window owner, Consumer<byte[]> onPhoto);

    /** What the user sees on the button (camera or file). */
    default Optional<String> hint() {
        return Optional.empty();
    }
}
