package org.opencity.model.request;

import org.opencity.model.Role;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A caller's relation to one request, which is what the lifecycle table grants actions to.
 * The same person can stand in several relations (an organisation admin who is also the
 * assigned technician).
 */
public enum Actor {
    /** The resident who reported it. */
    REPORTER,
    /** The technician the job is assigned to. */
    ASSIGNED_TECHNICIAN,
    /** A dispatcher or admin of the responsible organisation. */
    ORGANISATION_STAFF,
    /** A city dispatcher or city admin. */
    CITY_DISPATCHER,
    /** A call-centre operator, acting for callers. */
    CALL_CENTRE,
    /** The backend itself (routing, deadlines, auto-close). */
    SYSTEM;

    /**
     * The relations of a caller to a request. Both the server (to decide) and the clients (to show
     * buttons) compute them with this one method.
     */
    public static Set<Actor> of(UUID callerId, Set<Role> roles, UUID callerOrganisation,
                                UUID reporterId, UUID technicianId, UUID responsibleOrganisation) {
        Set<Actor> actors = EnumSet.noneOf(Actor.class);
        if (reporterId != null && reporterId.equals(callerId)) {
            actors.add(REPORTER);
        }
        if (roles.contains(Role.TECHNICIAN) && technicianId != null && technicianId.equals(callerId)) {
            actors.add(ASSIGNED_TECHNICIAN);
        }
        if ((roles.contains(Role.ORG_DISPATCHER) || roles.contains(Role.ORG_ADMIN))
                && responsibleOrganisation != null && Objects.equals(responsibleOrganisation, callerOrganisation)) {
            actors.add(ORGANISATION_STAFF);
        }
        if (roles.contains(Role.CITY_DISPATCHER) || roles.contains(Role.CITY_ADMIN)) {
            actors.add(CITY_DISPATCHER);
        }
        if (roles.contains(Role.CALL_CENTRE_OPERATOR)) {
            actors.add(CALL_CENTRE);
        }
        return actors;
    }
}
