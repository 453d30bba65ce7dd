package org.opencity.model.request;

/** How a request reached the city. */
public enum Channel {
    MOBILE, WEB, CALL_CENTRE, API, OPEN311
}
