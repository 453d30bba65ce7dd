package org.opencity.model.admin;

import org.opencity.model.Bounds;
import org.opencity.model.Role;

import java.util.Set;

/** Changes to a user; absent fields stay as they are. {@code active=false} ends all sessions. */
public record UserChanges(String displayName, Set<Role> roles, Set<String> skills, String locale, Boolean active,
                          String password) {
    public UserChanges {
        Bounds.text("displayName", displayName, Bounds.NAME);
        Bounds.size("roles", roles, Bounds.LIST);
        Bounds.size("skills", skills, Bounds.LIST);
        if (skills != null) {
            skills.forEach(skill -> Bounds.text("skills", skill, Bounds.SHORT));
        }
        Bounds.text("locale", locale, Bounds.SHORT);
        Bounds.text("password", password, Bounds.NAME);
    }
}
