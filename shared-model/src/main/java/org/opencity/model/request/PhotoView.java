package org.opencity.model.request;

import java.time.Instant;
import java.util.UUID;

/** A photo of a request; {@code stored} is false while the bytes have not arrived yet. */
public record PhotoView(UUID id, PhotoKind kind, boolean stored, Instant capturedAt, UUID uploadedBy) {
}
