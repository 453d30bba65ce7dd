package org.opencity.model.report;

import org.opencity.model.request.Status;

import java.time.Instant;
import java.util.UUID;

/**
 * One request behind a report's figure. For a stage subset the stage fields describe the stage
 * fact that was counted (a request disputed and restarted may appear once per START stage):
 * {@code stageMinutes} is its duration in the stage's own time (null while it runs), {@code stageLate}
 * whether it ended past due or is running past due now. For request subsets they are null.
 */
public record DrillDownItem(UUID id, String number, Status status, String category, String address, String district,
                            String organisation, Instant createdAt, String stage, Instant stageStartedAt, Instant stageEndedAt,
                            Double stageMinutes, Boolean stageLate) {
}
