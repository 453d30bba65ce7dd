package org.opencity.model.request;

/** What an action needs besides the right status and actor. */
public enum Requirement {
    /** A reason in words (reject, dispute, pause). */
    REASON,
    /** At least one AFTER photo announced (complete). */
    AFTER_PHOTO,
    /** A technician with the category's skill (assign). */
    TECHNICIAN,
    /** The organisation to send it to (re-route). */
    ORGANISATION,
    /** The request it duplicates (mark duplicate). */
    DUPLICATE_TARGET,
    /** Still within the window in which the resident may dispute. */
    WITHIN_CONFIRMATION_WINDOW,
    /** Not rated yet (a request is rated once). */
    NOT_RATED,
    /** Text (a comment). */
    TEXT,
    /** 1 to 5 stars. */
    STARS,
    /** The deadline clock is running (pause). */
    CLOCK_RUNNING,
    /** The deadline clock is paused (resume). */
    CLOCK_PAUSED,
    /** Not an emergency yet (raise priority). */
    ROUTINE_PRIORITY,
    /** Something is flagged for the dispatcher's attention (acknowledge). */
    ATTENTION
}
