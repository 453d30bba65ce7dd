package org.opencity.model.request;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of a request's history: who did what, when, from which status to which, and why.
 * Internal entries (staff comments, routing details) are shown to staff only. {@code kind},
 * {@code actorRole} and {@code detail} are codes for machines; {@code text} (what happened) and
 * {@code actorLabel} (who: a name, or a role in words) are in the reader's language, for people.
 */
public record TimelineEntry(UUID id, Instant at, String kind, Status fromStatus, Status toStatus, String actorName,
                            String actorRole, boolean internal, Map<String, String> detail, String text, String actorLabel) {
    public TimelineEntry {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }
}
