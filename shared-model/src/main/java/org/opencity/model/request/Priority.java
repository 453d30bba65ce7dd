package org.opencity.model.request;

/** Emergencies run on clock time; routine requests on the city's working hours. */
public enum Priority {
    EMERGENCY, ROUTINE
}
