package org.opencity.model.admin;

import org.opencity.model.Role;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A staff account to create. The organisation admin may only create accounts in their own
 * organisation with organisation roles; the city admin may create any.
 */
public record NewStaffUser(String login, String password, String displayName, Set<Role> roles, Set<String> skills,
                           UUID organisationId, String locale) {
    public NewStaffUser {
        Objects.requireNonNull(roles, "roles are required");
        skills = skills == null ? Set.of() : Set.copyOf(skills);
        roles = Set.copyOf(roles);
    }
}
