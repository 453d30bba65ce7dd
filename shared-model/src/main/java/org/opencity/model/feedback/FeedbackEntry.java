package org.opencity.model.feedback;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Feedback as city staff read it. */
public record FeedbackEntry(UUID id, FeedbackKind kind, String text, String contact, Instant createdAt, Instant readAt) {

    /** A page of feedback, newest first; {@code next} continues it. */
    public record Page(List<FeedbackEntry> items, String next, long unread) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
