package org.opencity.model.request;

import java.time.Instant;
import java.util.UUID;

/**
 * An open request of the same kind close to where a resident is reporting, offered so that they
 * can follow it instead of filing a duplicate. Carries no personal data.
 */
public record NearbyRequest(UUID id, String number, Status status, String categoryCode, String address,
                            Instant createdAt, int distanceMetres) {
}
