package org.opencity.model.admin;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A sign-in, failure, denial or token reuse, without secrets or full phone numbers. */
public record SecurityEventView(UUID id, Instant at, String kind, UUID userId, UUID deviceId, String ip,
                                Map<String, String> detail) {
    public SecurityEventView {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }
}
