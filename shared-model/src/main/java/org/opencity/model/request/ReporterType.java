package org.opencity.model.request;

/** Who reported: a person, or a legal entity (a shop, a homeowners' association). */
public enum ReporterType {
    INDIVIDUAL, LEGAL_ENTITY
}
