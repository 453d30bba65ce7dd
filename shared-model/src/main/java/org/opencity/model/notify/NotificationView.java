package org.opencity.model.notify;

import java.time.Instant;
import java.util.UUID;

/**
 * One notification in a person's inbox. {@code id} is the same in the push message, the inbox and
 * the live stream, so a client shows each once whichever way it arrived first.
 */
public record NotificationView(UUID id, NotificationKind kind, UUID requestId, String requestNumber, String title, String body,
                               Instant createdAt, Instant readAt) {
}
