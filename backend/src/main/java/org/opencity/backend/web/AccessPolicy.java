package org.opencity.backend.web;

import io.helidon.common.uri.UriPath;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import org.opencity.model.Role;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The role × route table: for every route the application registers, who may call it. A route
 * missing here is refused for everyone (deny by default), and a test fails when the table and
 * the registered routes differ. Finer rules — which objects — live in the data layer's scope.
 */
public final class AccessPolicy {

    /** Who may call a route. */
    public enum Audience {
        /** Anyone, signed in or not. */
        PUBLIC,
        /** Any signed-in user, including one who still has to set up two-factor sign-in. */
        ENROLLING,
        /** Any signed-in user. */
        SIGNED_IN,
        /** Signed-in users holding one of the listed roles. */
        ROLES,
        /** Other systems presenting their API key. */
        API_CLIENT
    }

    /** One line of the table. */
    public record Rule(Method method, String path, Audience audience, Set<Role> roles, PathMatcher matcher) {
        public boolean admits(Set<Role> callerRoles) {
            return audience != Audience.ROLES || callerRoles.stream().anyMatch(roles::contains);
        }
    }

    private final List<Rule> rules;

    private AccessPolicy(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The rule for a request, if the table has one. */
    public Optional<Rule> find(Method method, UriPath path) {
        for (Rule rule : rules) {
            if (rule.method.equals(method) && rule.matcher.match(path).accepted()) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** Builds the table line by line. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();

        public Builder publicRoute(Method method, String path) {
            return add(method, path, Audience.PUBLIC, Set.of());
        }

        public Builder enrolling(Method method, String path) {
            return add(method, path, Audience.ENROLLING, Set.of());
        }

        public Builder signedIn(Method method, String path) {
            return add(method, path, Audience.SIGNED_IN, Set.of());
        }

        public Builder apiClient(Method method, String path) {
            return add(method, path, Audience.API_CLIENT, Set.of());
        }

        public Builder roles(Method method, String path, Role first, Role... more) {
            return add(method, path, Audience.ROLES, EnumSet.of(first, more));
        }

        public AccessPolicy build() {
            return new AccessPolicy(rules);
        }

        private Builder add(Method method, String path, Audience audience, Set<Role> roles) {
            rules.add(new Rule(method, path, audience, Set.copyOf(roles), PathMatchers.create(path)));
            return this;
        }
    }
}
