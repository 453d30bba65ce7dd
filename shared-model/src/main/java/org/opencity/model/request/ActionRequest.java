package org.opencity.model.request;

import org.opencity.model.Bounds;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One action on a request, with whatever it needs: a reason, a technician, an organisation, the
 * request it duplicates, a note and photos (complete), text (comments), stars (rating).
 * {@code doneAt} is the device's time for work done offline: kept as reported, never used for
 * deadlines. {@code expectedVersion}, when given, makes the action fail if the request changed
 * since the client last saw it.
 */
public record ActionRequest(Action action, String reason, UUID technicianId, UUID organisationId, UUID duplicateOf,
                            String note, List<PhotoAnnouncement> photos, String text, Integer stars, Instant doneAt,
                            Integer expectedVersion) {

    /** Longest reason, note or comment text. */
    public static final int MAX_TEXT = 2000;

    public ActionRequest {
        Objects.requireNonNull(action, "action is required");
        Bounds.text("reason", reason, MAX_TEXT);
        Bounds.text("note", note, MAX_TEXT);
        Bounds.text("text", text, MAX_TEXT);
        Bounds.size("photos", photos, Bounds.LIST);
        Bounds.instant("doneAt", doneAt);
        photos = photos == null ? List.of() : List.copyOf(photos);
    }

    public static ActionRequest of(Action action) {
        return new ActionRequest(action, null, null, null, null, null, null, null, null, null, null);
    }
}
