package org.opencity.backend.open311;

import org.opencity.model.request.Status;

import java.util.Set;

/**
 * Our lifecycle in Open311's words. GeoReport v2 knows only {@code open} and {@code closed}:
 * a request is closed once the work is done or it ended otherwise (done, closed, cancelled,
 * duplicate) and open again if the resident disputes the fix. The mySociety extension's statuses
 * used in service request updates are finer; {@code NOT_COUNCILS_RESPONSIBILITY} is never sent,
 * because no request ends that way here — an organisation's "not ours" sends it back to the
 * city's triage, which finds the right one.
 */
final class Open311Statuses {

    /** The extended statuses an update may carry (ours and what other systems post). */
    static final Set<String> EXTENDED = Set.of("OPEN", "CLOSED", "FIXED", "IN_PROGRESS", "ACTION_SCHEDULED", "INVESTIGATING",
                                               "DUPLICATE", "NOT_COUNCILS_RESPONSIBILITY", "NO_FURTHER_ACTION",
                                               "INTERNAL_REFERRAL", "REOPEN", "UNABLE_TO_RESPOND");

    private Open311Statuses() {
    }

    static boolean closed(Status status) {
        return status == Status.DONE || status.terminal();
    }

    /** {@code open} or {@code closed}. */
    static String simple(Status status) {
        return closed(status) ? "closed" : "open";
    }

    static String extended(Status status) {
        return switch (status) {
            case NEW, ROUTED, TRIAGE -> "OPEN";
            case ACCEPTED -> "INVESTIGATING";
            case ASSIGNED -> "ACTION_SCHEDULED";
            case IN_PROGRESS -> "IN_PROGRESS";
            case DONE, CLOSED -> "FIXED";
            case REOPENED -> "REOPEN";
            case DUPLICATE -> "DUPLICATE";
            case CANCELLED -> "CLOSED";
        };
    }
}
