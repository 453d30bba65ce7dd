package org.opencity.backend.web;

import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.accounts.CsrfTokens;
import org.opencity.model.auth.Session;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The cookies of a browser session. The access and refresh tokens are {@code HttpOnly}, so no
 * script ever reads them; all are {@code Secure} and {@code SameSite=Strict}. The refresh token
 * (and the device id that lets a lost refresh be retried) is sent only to the web refresh and
 * sign-out routes. The CSRF token is readable by the page, which echoes it in
 * {@value #CSRF_HEADER} on every unsafe request (double submit): another site can make the browser
 * send cookies, but cannot read ours to copy the token into a header. The token is also bound to
 * the session ({@link CsrfTokens}), so one obtained for another session — or a cookie planted by
 * a sibling subdomain — is refused.
 */
public final class WebCookies {

    public static final String ACCESS = "oc_access";
    public static final String REFRESH = "oc_refresh";
    public static final String CSRF = "oc_csrf";
    /** The browser's device id, sent with the refresh cookie so that a refresh whose answer was lost may be retried. */
    public static final String DEVICE = "oc_device";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** The web session routes (sign-in, refresh, sign-out), the only place the refresh cookie goes. */
    public static final String SESSION_PATH = "/api/v1/auth/web";

    private WebCookies() {
    }

    /** Sets the cookies for a session that was just opened or refreshed. */
    public static void issue(ServerResponse res, Session session, String csrf, Clock clock) {
        Duration refresh = positive(Duration.between(clock.instant(), session.refreshExpiresAt()));
        // the access cookie lives as long as the session, not the token: an expired token then
        // gets a clear 401 ("refresh"), where a vanished cookie would look like a signed-out browser
        res.headers().addCookie(cookie(ACCESS, session.accessToken(), "/", refresh, true));
        res.headers().addCookie(cookie(REFRESH, session.refreshToken(), SESSION_PATH, refresh, true));
        res.headers().addCookie(cookie(DEVICE, session.me().deviceId().toString(), SESSION_PATH, refresh, true));
        res.headers().addCookie(cookie(CSRF, csrf, "/", refresh, false));
    }

    /** Clears them all (sign-out, or a refresh that was refused). */
    public static void clear(ServerResponse res) {
        res.headers().addCookie(cookie(ACCESS, "", "/", Duration.ZERO, true));
        res.headers().addCookie(cookie(REFRESH, "", SESSION_PATH, Duration.ZERO, true));
        res.headers().addCookie(cookie(DEVICE, "", SESSION_PATH, Duration.ZERO, true));
        res.headers().addCookie(cookie(CSRF, "", "/", Duration.ZERO, false));
    }

    public static Optional<String> access(ServerRequest req) {
        return value(req, ACCESS);
    }

    public static Optional<String> refresh(ServerRequest req) {
        return value(req, REFRESH);
    }

    /** The device the browser signed in as, if its cookie is there and well formed. */
    public static Optional<UUID> device(ServerRequest req) {
        return value(req, DEVICE).flatMap(v -> {
            try {
                return Optional.of(UUID.fromString(v));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** Whether the request carries the CSRF header matching its CSRF cookie, issued to this session family. */
    public static boolean csrfMatches(ServerRequest req, CsrfTokens tokens, UUID family) {
        Optional<String> cookie = value(req, CSRF);
        Optional<String> header = req.headers().first(io.helidon.http.HeaderNames.create(CSRF_HEADER)).filter(s -> !s.isBlank());
        return cookie.isPresent() && header.isPresent()
                && MessageDigest.isEqual(cookie.get().getBytes(StandardCharsets.UTF_8), header.get().strip().getBytes(StandardCharsets.UTF_8))
                && tokens.valid(header.get().strip(), family);
    }

    private static Optional<String> value(ServerRequest req, String name) {
        return req.headers().cookies().first(name).asOptional().map(String::strip).filter(s -> !s.isEmpty());
    }

    private static SetCookie cookie(String name, String value, String path, Duration maxAge, boolean httpOnly) {
        SetCookie.Builder cookie = SetCookie.builder(name, value).path(path);
        if (maxAge.isZero()) {
            cookie.expires(java.time.Instant.EPOCH);   // a Max-Age of 0 is left out by the builder
        } else {
            cookie.maxAge(maxAge);
        }
        return cookie.secure(true)
                .httpOnly(httpOnly)
                .sameSite(SetCookie.SameSite.STRICT)
                .build();
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
