package org.opencity.model.request;

import org.opencity.model.GeoPoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything about one request that the caller may see, with the actions the caller may take now
 * (from the shared {@link Lifecycle}) and its history.
 */
public record RequestDetail(RequestSummary summary, String description, GeoPoint location, UUID buildingId,
                            String entrance, String floor, String flat, ReporterType reporterType,
                            String reporterOrganisation, UUID reporterId, UUID duplicateOf, Integer rating,
                            String ratingComment, Map<String, Instant> deadlines, String pauseReason, int version,
                            List<Action> availableActions, List<PhotoView> photos, List<TimelineEntry> timeline,
                            boolean evidencePending, String attention, Instant updatedAt) {
    public RequestDetail {
        deadlines = deadlines == null ? Map.of() : Map.copyOf(deadlines);
        availableActions = List.copyOf(availableActions);
        photos = List.copyOf(photos);
        timeline = List.copyOf(timeline);
    }
}
