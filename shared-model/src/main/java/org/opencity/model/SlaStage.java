package org.opencity.model;

/**
 * The stages whose duration the city regulates; each service category has a deadline for each.
 * The clock of a stage starts when the request enters it and is stored as a due time then.
 */
public enum SlaStage {
    /** From routing to acceptance by the responsible organisation. */
    ACCEPT,
    /** From acceptance to a technician starting work. */
    START,
    /** From the start of work to its completion. */
    COMPLETE,
    /** From completion to the resident's confirmation (after which the request closes by itself). */
    CONFIRM
}
