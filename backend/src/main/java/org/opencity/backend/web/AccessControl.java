package org.opencity.backend.web;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.accounts.SecurityEvents;
import org.opencity.backend.errors.Forbidden;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.Unauthorized;
import org.opencity.backend.integrations.ApiClient;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Enforces the {@link AccessPolicy} on the paths the application owns ({@code /api/}, {@code /dev/},
 * {@code /metrics}); static pages, health and the API description are public. An unlisted route
 * answers 404, a route that needs sign-in answers 401 to an anonymous caller, and a role that is
 * not admitted answers 403. An account that must set up two-factor sign-in may only do that.
 */
public final class AccessControl implements Filter {

    private static final Set<String> GUARDED_PREFIXES = Set.of("/api/", "/dev/", "/metrics");

    private final AccessPolicy policy;
    private final SecurityEvents events;

    public AccessControl(AccessPolicy policy, SecurityEvents events) {
        this.policy = policy;
        this.events = events;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.prologue().uriPath().path();
        if (GUARDED_PREFIXES.stream().noneMatch(path::startsWith) || req.prologue().method().text().equals("OPTIONS")) {
            chain.proceed();
            return;
        }
        AccessPolicy.Rule rule = policy.find(req.prologue().method(), req.prologue().uriPath())
                .orElseThrow(() -> new NotFound("no API resource at " + path));
        Optional<Caller> caller = Callers.of(req.context());
        if (rule.audience() == AccessPolicy.Audience.API_CLIENT) {
            if (ApiClient.of(req.context()).isEmpty()) {
                throw new Unauthorized("send the system's key in X-Api-Key");
            }
        } else if (rule.audience() != AccessPolicy.Audience.PUBLIC) {
            Caller who = caller.orElseThrow(() -> new Unauthorized("sign in to do this"));
            if (who.enrollmentRequired() && rule.audience() != AccessPolicy.Audience.ENROLLING) {
                throw new Forbidden("set up two-factor sign-in first (POST /api/v1/me/totp)",
                                    "/problems/totp-enrollment-required");
            }
            if (!rule.admits(who.roles())) {
                events.record(SecurityEvents.Kind.ACCESS_DENIED, who.userId(), who.deviceId(), ClientAddress.of(req),
                              Map.of("route", rule.method().text() + " " + rule.path()));
                throw new Forbidden("your role may not do this");
            }
        }
        chain.proceed();
    }
}
