package org.opencity.model.request;

/** Everything that can be done to a request; most actions move it from one status to another. */
public enum Action {
    ROUTE, SEND_TO_TRIAGE, ACCEPT, REJECT, REROUTE, ASSIGN, REASSIGN, START, COMPLETE, CONFIRM, DISPUTE, AUTO_CLOSE,
    CANCEL, MARK_DUPLICATE, COMMENT, INTERNAL_COMMENT, RATE, PAUSE_CLOCK, RESUME_CLOCK, RAISE_PRIORITY, ACKNOWLEDGE
}
