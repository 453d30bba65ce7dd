package org.opencity.model.admin;

import org.opencity.model.Role;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A user as administrators see them. Residents show their phone masked. */
public record UserView(UUID id, String kind, String login, String phone, String displayName, Set<Role> roles,
                       Set<String> skills, UUID organisationId, String locale, boolean active, boolean totpEnabled,
                       Instant lockedUntil, Instant createdAt) {
    public UserView {
        roles = Set.copyOf(roles);
        skills = Set.copyOf(skills);
    }
}
