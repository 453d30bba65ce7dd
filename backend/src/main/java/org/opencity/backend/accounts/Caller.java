package org.opencity.backend.accounts;

import org.opencity.model.Role;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The signed-in person behind a request, resolved from the access token against current
 * database state on every call (so a disabled user or revoked device is refused at once).
 *
 * @param enrollmentRequired the account's role demands two-factor sign-in that is not set up
 *                           yet: only enrollment routes are open to it
 */
public record Caller(UUID userId, UUID cityId, String kind, Set<Role> roles, Optional<UUID> organisationId, UUID deviceId,
                     UUID familyId, String locale, boolean totpEnabled, boolean enrollmentRequired) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Set<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** City roles see and may act on everything in the city. */
    public boolean cityWide() {
        return roles.stream().anyMatch(Role::cityWide);
    }

    /** The organisation this caller acts for, if it has an organisation role. */
    public Optional<UUID> actingOrganisation() {
        return roles.stream().anyMatch(Role::organisationScoped) ? organisationId : Optional.empty();
    }
}
