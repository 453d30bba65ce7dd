package org.opencity.model.admin;

import org.opencity.model.Bounds;
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
        Bounds.text("login", login, Bounds.SHORT);
        Bounds.text("password", password, Bounds.NAME);
        Bounds.text("displayName", displayName, Bounds.NAME);
        Bounds.text("locale", locale, Bounds.SHORT);
        Bounds.size("roles", roles, Bounds.LIST);
        Bounds.size("skills", skills, Bounds.LIST);
        if (skills != null) {
            skills.forEach(skill -> Bounds.text("skills", skill, Bounds.SHORT));
        }
        skills = skills == null ? Set.of() : Set.copyOf(skills);
        roles = Set.copyOf(roles);
    }
}
