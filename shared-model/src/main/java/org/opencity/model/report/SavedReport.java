package org.opencity.model.report;

import java.time.Instant;
import java.util.UUID;

/** A report definition a user saved under a name (names are unique per user). */
public record SavedReport(UUID id, String name, ReportQuery query, Instant createdAt) {
}
