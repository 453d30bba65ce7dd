package org.opencity.model.request;

import org.opencity.model.Bounds;
import org.opencity.model.GeoPoint;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A photo a command refers to, announced before (or without) its bytes: the upload that follows
 * is checked against this hash and size. Capture time and position are recorded by the device at
 * capture, not read from EXIF.
 */
public record PhotoAnnouncement(UUID id, PhotoKind kind, String sha256, long size, Instant capturedAt, GeoPoint position) {

    /** Largest photo accepted, in bytes. */
    public static final long MAX_SIZE = 15L * 1024 * 1024;

    public PhotoAnnouncement {
        Objects.requireNonNull(id, "photo id is required");
        Objects.requireNonNull(kind, "photo kind is required");
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
        Bounds.instant("capturedAt", capturedAt);
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("photo size must be 1 byte to " + MAX_SIZE + " bytes");
        }
    }
}
