package org.opencity.backend.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.accounts.Sessions;
import org.opencity.backend.errors.Unauthorized;

import java.util.Optional;

/**
 * Resolves {@code Authorization: Bearer <access token>} to the {@link Caller} for the rest of the
 * request. A request without the header is anonymous (the access policy decides whether that is
 * enough); a request with a token that is not live — expired, signed out, user disabled, device
 * revoked — is refused with 401, so the client knows to refresh or sign in again.
 */
public final class Authentication implements Filter {

    private final Sessions sessions;

    public Authentication(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isPresent()) {
            String value = header.get();
            if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new Unauthorized("use Authorization: Bearer <access token>");
            }
            Caller caller = sessions.authenticate(value.substring(7).strip())
                    .orElseThrow(() -> new Unauthorized("the access token is not valid; refresh it or sign in again",
                                                        "/problems/token-invalid"));
            req.context().register(Caller.class, caller);
        }
        chain.proceed();
    }
}
