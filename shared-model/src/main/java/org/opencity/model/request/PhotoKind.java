package org.opencity.model.request;

/** What a photo shows: the problem as reported, or the work before and after. */
public enum PhotoKind {
    REPORT, BEFORE, AFTER
}
