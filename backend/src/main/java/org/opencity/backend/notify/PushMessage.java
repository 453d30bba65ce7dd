package org.opencity.backend.notify;

import org.opencity.model.notify.NotificationKind;
import org.opencity.model.notify.PushProvider;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** One push to one device: what the gateway needs and nothing else. */
public record PushMessage(long deliveryId, PushProvider provider, String token, UUID notificationId, NotificationKind kind,
                          Optional<UUID> requestId, String title, String body, Duration ttl, boolean highPriority,
                          Optional<String> collapseKey) {
}
