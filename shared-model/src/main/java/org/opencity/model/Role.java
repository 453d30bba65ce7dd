package org.opencity.model;

/**
 * What a person may do. One person may hold several roles (an organisation admin who also
 * dispatches). Organisation roles act within their organisation's responsibility; city roles
 * act on the whole city.
 */
public enum Role {
    RESIDENT,
    CALL_CENTRE_OPERATOR,
    TECHNICIAN,
    ORG_DISPATCHER,
    ORG_ADMIN,
    CITY_DISPATCHER,
    CITY_ADMIN;

    /** Roles whose scope is one organisation's territory and categories. */
    public boolean organisationScoped() {
        return this == TECHNICIAN || this == ORG_DISPATCHER || this == ORG_ADMIN;
    }

    /** Roles that see the whole city. */
    public boolean cityWide() {
        return this == CITY_DISPATCHER || this == CITY_ADMIN || this == CALL_CENTRE_OPERATOR;
    }
}
