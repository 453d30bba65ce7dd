package org.opencity.backend.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.accounts.Sessions;
import org.opencity.backend.errors.Forbidden;
import org.opencity.backend.errors.TooManyRequests;
import org.opencity.backend.errors.Unauthorized;
import org.opencity.backend.integrations.ApiClient;
import org.opencity.backend.integrations.ApiClients;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves {@code Authorization: Bearer <access token>} — or, from the web view, the access token
 * cookie with its CSRF header on unsafe methods (see {@link WebCookies}) — to the {@link Caller}
 * for the rest of the request, and {@code X-Api-Key} to the {@link ApiClient} of another system. A request without the header is anonymous (the access policy decides whether that is
 * enough); a request with a token that is not live — expired, signed out, user disabled, device
 * revoked — is refused with 401, so the client knows to refresh or sign in again. Refused
 * credentials are counted per address: past the limit the address is answered 429 before its
 * credentials are even looked up, so nobody can try tokens or keys at the API's full rate.
 * {@code /metrics} reads its own bearer token (see {@code Metrics}) and is left alone here.
 */
public final class Authentication implements Filter {

    private static final Set<Method> SAFE = Set.of(Method.GET, Method.HEAD, Method.OPTIONS);
    private static final io.helidon.http.HeaderName API_KEY = io.helidon.http.HeaderNames.create("X-Api-Key");
    private static final String METRICS = "/metrics";
    private final Sessions sessions;
    private final ApiClients apiClients;
    private final RateLimiter refused;

    public Authentication(Sessions sessions, ApiClients apiClients, RateLimiter refused) {
        this.sessions = sessions;
        this.apiClients = apiClients;
        this.refused = refused;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (path.equals(METRICS) || path.startsWith(METRICS + "/")) {
            chain.proceed();
            return;
        }
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        Optional<String> key = req.headers().first(API_KEY);
        String address = ClientAddress.of(req);
        if (header.isPresent() || key.isPresent()) {
            Optional<Duration> wait = refused.exhausted(address);
            if (wait.isPresent()) {
                throw tooMany(wait.get());
            }
        }
        if (header.isPresent()) {
            String value = header.get();
            if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw refuse(address, new Unauthorized("use Authorization: Bearer <access token>"));
            }
            Caller caller = sessions.authenticate(value.substring(7).strip())
                    .orElseThrow(() -> refuse(address, new Unauthorized("the access token is not valid; refresh it or sign in again",
                                                                        "/problems/token-invalid")));
            req.context().register(Caller.class, caller);
        } else {
            Optional<String> cookie = WebCookies.access(req);
            if (cookie.isPresent()) {
                // the web session routes judge their own cookies: an expired session may still refresh or sign out
                boolean sessionRoute = req.path().path().startsWith(WebCookies.SESSION_PATH + "/");
                Optional<Caller> caller = sessions.authenticate(cookie.get());
                if (caller.isEmpty() && !sessionRoute) {
                    throw new Unauthorized("the web session has expired; refresh it or sign in again", "/problems/token-invalid");
                }
                if (caller.isPresent() && !sessionRoute && !SAFE.contains(req.prologue().method())
                        && !WebCookies.csrfMatches(req, sessions.csrf(), caller.get().familyId())) {
                    throw new Forbidden("send the " + WebCookies.CSRF_HEADER + " header with the value of the "
                                        + WebCookies.CSRF + " cookie", "/problems/csrf");
                }
                caller.ifPresent(c -> req.context().register(Caller.class, c));
            }
        }
        if (key.isPresent()) {
            ApiClient client = apiClients.authenticate(key.get().strip())
                    .orElseThrow(() -> refuse(address, new Unauthorized("the API key is not valid", "/problems/api-key-invalid")));
            req.context().register(ApiClient.class, client);
        }
        chain.proceed();
    }

    /** Counts a refusal against the address: the 401, or a 429 once the address has been refused too often. */
    private RuntimeException refuse(String address, Unauthorized refusal) {
        return refused.acquire(address).<RuntimeException>map(Authentication::tooMany).orElse(refusal);
    }

    private static TooManyRequests tooMany(Duration wait) {
        return new TooManyRequests("too many refused credentials from this address; wait before trying again", wait);
    }
}
