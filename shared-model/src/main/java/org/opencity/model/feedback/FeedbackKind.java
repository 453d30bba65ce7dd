package org.opencity.model.feedback;

/** What a piece of feedback to the city is. */
public enum FeedbackKind {
    COMMENT, RECOMMENDATION, CRITICISM
}
