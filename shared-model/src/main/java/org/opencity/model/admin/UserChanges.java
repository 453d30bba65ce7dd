package org.opencity.model.admin;

import org.opencity.model.Role;

import java.util.Set;

/** Changes to a user; absent fields stay as they are. {@code active=false} ends all sessions. */
public record UserChanges(String displayName, Set<Role> roles, Set<String> skills, String locale, Boolean active,
                          String password) {
}
