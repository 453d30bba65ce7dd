package org.opencity.model.auth;

import org.opencity.model.Role;

import java.util.Set;
import java.util.UUID;

/**
 * Who is signed in. {@code totpEnrollmentRequired} means the account's role demands two-factor
 * sign-in and it is not set up yet: until it is, only enrollment is allowed.
 */
public record Me(UUID id, String kind, String displayName, Set<Role> roles, UUID organisationId, String locale,
                 boolean totpEnabled, boolean totpEnrollmentRequired, UUID deviceId) {
    public Me {
        roles = Set.copyOf(roles);
    }
}
