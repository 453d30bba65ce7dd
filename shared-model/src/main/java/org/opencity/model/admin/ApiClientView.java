package org.opencity.model.admin;

import java.time.Instant;
import java.util.UUID;

/** A system allowed to call the API with its own key. */
public record ApiClientView(UUID id, String name, boolean active, Instant createdAt, Instant revokedAt) {
}
