package org.opencity.model.request;

import java.time.Instant;
import java.util.UUID;

/**
 * A request as lists show it. {@code stage}/{@code dueAt} describe the deadline running now, if any;
 * {@code technicianName} is the assigned technician's display name, if one is assigned.
 */
public record RequestSummary(UUID id, String number, Status status, Priority priority, Channel channel,
                             String categoryCode, String categoryName, String address, String districtCode,
                             UUID organisationId, String organisationName, UUID technicianId, Instant createdAt,
                             String stage, Instant dueAt, boolean overdue, boolean dueSoon, boolean clockPaused,
                             String technicianName) {
}
