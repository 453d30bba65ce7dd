package org.opencity.model.request;

import org.opencity.model.SlaStage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What anyone may know of a request by its number, without signing in: its stage, dates and
 * deadline, the responsible organisation, the organisation's public comments and the photos of
 * the work. No personal data: no reporter, no flat, entrance or floor (the building at most), no
 * description (residents write their names and phone numbers in it), no technician's name, no
 * resident's own comments or photos (they may show people and homes).
 */
public record PublicRequest(String number, Status status, String categoryCode, String categoryName, String address,
                            String districtCode, String organisationName, Instant createdAt, Instant updatedAt,
                            SlaStage stage, Instant dueAt, boolean overdue, List<Step> history, List<Comment> comments,
                            List<Photo> photos) {

    public PublicRequest {
        history = List.copyOf(history);
        comments = List.copyOf(comments);
        photos = List.copyOf(photos);
    }

    /** The request reached a status. */
    public record Step(Instant at, Status status) {
    }

    /** A comment the organisation (or the city) made public. */
    public record Comment(Instant at, String author, String text) {
    }

    /** A photo of the work (before, after), as a display-size JPEG anyone may fetch. */
    public record Photo(UUID id, PhotoKind kind, String url) {
    }
}
