package org.opencity.backend.web;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.errors.TooManyRequests;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-IP and per-user request limits on the API, answering 429 with {@code Retry-After}. The
 * per-user limit follows the signed-in user across addresses; the per-IP limit also covers
 * anonymous callers; Open311 is limited per address here and per client key in its service.
 * Health checks and static files are not limited.
 */
public final class RateLimits implements Filter {

    private final RateLimiter perIp;
    private final RateLimiter perUser;

    public RateLimits(RateLimiter perIp, RateLimiter perUser) {
        this.perIp = perIp;
        this.perUser = perUser;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.prologue().uriPath().path();
        if (path.startsWith("/api/") || path.startsWith("/open311/")) {
            Optional<Duration> wait = perIp.acquire(ClientAddress.of(req));
            if (wait.isEmpty()) {
                wait = Callers.of(req.context()).flatMap(c -> perUser.acquire(c.userId().toString()));
            }
            if (wait.isPresent()) {
                throw new TooManyRequests("too many requests; slow down", wait.get());
            }
        }
        chain.proceed();
    }
}
