package org.opencity.model.sync;

import org.opencity.model.request.Status;

import java.util.UUID;

/**
 * What became of one op: {@code APPLIED}; {@code REJECTED} with a reason (it will never apply:
 * drop it and tell the user); {@code CONFLICT} with the request's current state (the server's
 * state machine decided otherwise, e.g. the job was reassigned meanwhile). A replayed op gets the
 * result it got the first time.
 */
public record OpResult(UUID opId, long seq, Outcome outcome, String reason, UUID requestId, String number,
                       Status currentStatus, Integer currentVersion) {

    /** The three outcomes. */
    public enum Outcome {
        APPLIED, REJECTED, CONFLICT
    }
}
