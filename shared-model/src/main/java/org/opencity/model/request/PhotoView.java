package org.opencity.model.request;

import java.time.Instant;
import java.util.UUID;

/**
 * A photo of a request; {@code stored} is false while the bytes have not arrived yet, and
 * {@code refused} says why they never will (a damaged or unacceptable file, or an upload the device
 * never finished).
 */
public record PhotoView(UUID id, PhotoKind kind, boolean stored, Instant capturedAt, UUID uploadedBy, String refused) {

    /** Still expected from the device. */
    public boolean pending() {
        return !stored && refused == null;
    }
}
