package org.opencity.model;

/** The kinds of organisation taking part, as the report builder groups them. */
public enum OrganisationKind {
    /** Runs residential buildings (an "управляющая компания"). */
    MANAGEMENT_COMPANY,
    /** Does specialised work across the city (lifts, refuse). */
    CONTRACTOR,
    /** Supplies water, heat or power up to the building. */
    RESOURCE_SUPPLIER,
    /** The city's housing committee: triage, oversight, escalations. */
    CITY_COMMITTEE,
    /** Takes calls and files requests on behalf of callers. */
    CALL_CENTRE
}
