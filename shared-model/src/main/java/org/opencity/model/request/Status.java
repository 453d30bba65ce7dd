package org.opencity.model.request;

import java.util.EnumSet;
import java.util.Set;

/** Where a request is in its life (design §3). */
public enum Status {
    /** Just received; routing happens in the same transaction, so nobody sees this for long. */
    NEW,
    /** Sent to the one responsible organisation, waiting for it to accept. */
    ROUTED,
    /** No single responsible organisation (none, several, or it said "not ours"): the city dispatcher decides. */
    TRIAGE,
    /** The organisation took it on. */
    ACCEPTED,
    /** A technician has the job. */
    ASSIGNED,
    /** The technician is working on it. */
    IN_PROGRESS,
    /** The technician finished; waiting for the resident to confirm (or for the confirmation window to pass). */
    DONE,
    /** The resident disputed the fix; back with the same organisation. */
    REOPENED,
    /** Finished and confirmed (by the resident or by time). */
    CLOSED,
    /** Withdrawn before work started. */
    CANCELLED,
    /** The same problem as another request, which carries on instead. */
    DUPLICATE;

    private static final Set<Status> FINAL = EnumSet.of(CLOSED, CANCELLED, DUPLICATE);

    /** No further transition is possible. */
    public boolean terminal() {
        return FINAL.contains(this);
    }

    /** Still needs someone to act (everything but final states and DONE, which only waits for the resident). */
    public boolean open() {
        return !terminal() && this != DONE;
    }

    /** All statuses that are not final. */
    public static Set<Status> active() {
        return EnumSet.complementOf(EnumSet.copyOf(FINAL));
    }
}
