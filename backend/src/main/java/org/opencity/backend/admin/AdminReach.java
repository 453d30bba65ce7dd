package org.opencity.backend.admin;

import org.opencity.backend.accounts.Caller;
import org.opencity.model.Role;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * What an administrator may reach, decided from the administrator's own admin role only: a city
 * admin administers the whole city; an organisation admin administers its organisation's staff,
 * and only accounts whose every role it could grant itself. Other city roles held alongside
 * (a city dispatcher who also administers an organisation) see more requests, but never widen
 * what may be administered.
 */
final class AdminReach {

    /** The roles an organisation admin may grant. */
    static final Set<Role> ORGANISATION_ROLES = EnumSet.of(Role.TECHNICIAN, Role.ORG_DISPATCHER, Role.ORG_ADMIN);
    private static final Set<Role> STAFF_ROLES = EnumSet.complementOf(EnumSet.of(Role.RESIDENT));
    private static final UUID NOBODY = new UUID(0, 0);

    private AdminReach() {
    }

    static boolean cityAdmin(Caller caller) {
        return caller.has(Role.CITY_ADMIN);
    }

    /** The organisation an organisation admin administers; a sentinel that matches nothing for anyone else. */
    static UUID organisation(Caller caller) {
        return caller.has(Role.ORG_ADMIN) ? caller.organisationId().orElse(NOBODY) : NOBODY;
    }

    /** Whether the caller administers this organisation. */
    static boolean administers(Caller caller, UUID organisation) {
        return cityAdmin(caller) || organisation(caller).equals(organisation);
    }

    /** The roles this caller may hand out. */
    static Set<Role> grantable(Caller caller) {
        if (cityAdmin(caller)) {
            return STAFF_ROLES;
        }
        return caller.has(Role.ORG_ADMIN) ? ORGANISATION_ROLES : Set.of();
    }

    /**
     * Whether the caller may change anything of an account holding these roles: only if it could
     * have granted every one of them. A city admin also looks after residents' accounts.
     */
    static boolean mayChange(Caller caller, String kind, Set<Role> roles) {
        if ("RESIDENT".equals(kind)) {
            return cityAdmin(caller);
        }
        return grantable(caller).containsAll(roles);
    }
}
