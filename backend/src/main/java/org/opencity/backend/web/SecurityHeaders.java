package org.opencity.backend.web;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.List;
import java.util.Optional;

/**
 * Headers every response carries, and the cross-origin policy. API answers are never cached by
 * default and cannot be framed or sniffed; pages get a strict Content-Security-Policy (no inline
 * script or style). Browsers on other origins may call the API only from the configured origins
 * ({@code CORS_ORIGINS}); the API uses bearer tokens, never cookies, so no credentials are shared.
 */
public final class SecurityHeaders implements Filter {

    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
    static final String PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: "
            + "https://*.tile.openstreetmap.org; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";
    private static final HeaderName FRAME_OPTIONS = HeaderNames.create("X-Frame-Options");
    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName PERMISSIONS_POLICY = HeaderNames.create("Permissions-Policy");
    private static final HeaderName COOP = HeaderNames.create("Cross-Origin-Opener-Policy");
    private static final HeaderName CORP = HeaderNames.create("Cross-Origin-Resource-Policy");
    private static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");

    private final List<String> allowedOrigins;

    public SecurityHeaders(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        boolean api = req.prologue().uriPath().path().startsWith("/api/");
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(FRAME_OPTIONS, "DENY");
        res.header(REFERRER_POLICY, "no-referrer");
        res.header(COOP, "same-origin");
        res.header(PERMISSIONS_POLICY, "camera=(), microphone=(), geolocation=(self), payment=()");
        res.header(HeaderNames.STRICT_TRANSPORT_SECURITY, "max-age=31536000");
        res.header(CSP, api ? API_CSP : PAGE_CSP);
        if (api) {
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
        }
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN).filter(allowedOrigins::contains);
        if (origin.isPresent() && api) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
            res.header(HeaderNames.VARY, "Origin");
            if (req.prologue().method().text().equals("OPTIONS")) {
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PUT, PATCH, DELETE");
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, X-Request-Id");
                res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
                res.status(Status.NO_CONTENT_204).send();
                return;
            }
        } else {
            res.header(CORP, "same-origin");
        }
        chain.proceed();
    }
}
