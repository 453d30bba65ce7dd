package org.opencity.model.request;

import java.util.UUID;

/** An open request as the staff map shows it. */
public record MapPoint(UUID id, String number, Status status, String categoryName, String address, double lat, double lon,
                       boolean overdue, boolean dueSoon) {
}
