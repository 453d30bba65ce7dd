package org.opencity.model.auth;

import org.opencity.model.Platform;

import java.time.Instant;
import java.util.UUID;

/** A device of a user as the user or an admin sees it. */
public record DeviceView(UUID id, Platform platform, String appVersion, String name, Instant createdAt,
                         Instant lastSeenAt, Instant revokedAt) {
}
