package org.opencity.model.request;

import java.time.Instant;
import java.util.UUID;

/**
 * A request someone else reported that a resident follows instead of reporting the same problem
 * again. Carries no personal data of the reporter.
 */
public record FollowedRequest(UUID id, String number, Status status, String categoryCode, String categoryName,
                              String address, Instant followedAt) {
}
