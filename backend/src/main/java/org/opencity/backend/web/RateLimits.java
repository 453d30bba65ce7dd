package org.opencity.backend.web;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.errors.TooManyRequests;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Per-IP and per-user request limits on the API, answering 429 with {@code Retry-After}. Two
 * filters: the per-address one runs before {@link Authentication}, so every request counts —
 * also one whose credentials are then refused; the per-user one runs after it and follows the
 * signed-in user across addresses. Open311 is limited per address here and per client key in its
 * service. Health checks and static files are not limited.
 */
public final class RateLimits implements Filter {

    private final RateLimiter limiter;
    private final Function<RoutingRequest, Optional<String>> key;

    private RateLimits(RateLimiter limiter, Function<RoutingRequest, Optional<String>> key) {
        this.limiter = limiter;
        this.key = key;
    }

    /** Counts every API request by the client's address; install before {@link Authentication}. */
    public static RateLimits perAddress(RateLimiter perIp) {
        return new RateLimits(perIp, req -> Optional.of(ClientAddress.of(req)));
    }

    /** Counts a signed-in user's API requests wherever they come from; install after {@link Authentication}. */
    public static RateLimits perUser(RateLimiter perUser) {
        return new RateLimits(perUser, req -> Callers.of(req.context()).map(c -> c.userId().toString()));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.prologue().uriPath().path();
        if (path.startsWith("/api/") || path.startsWith("/open311/")) {
            Optional<Duration> wait = key.apply(req).flatMap(limiter::acquire);
            if (wait.isPresent()) {
                throw new TooManyRequests("too many requests; slow down", wait.get());
            }
        }
        chain.proceed();
    }
}
