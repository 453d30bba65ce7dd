package org.opencity.backend.web;

import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.model.auth.Session;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The cookies of a browser session. The access and refresh tokens are {@code HttpOnly}, so no
 * script ever reads them; all three are {@code Secure} and {@code SameSite=Strict}. The refresh
 * token is sent only to the web refresh and sign-out routes. The CSRF token is readable by the
 * page, which echoes it in {@value #CSRF_HEADER} on every unsafe request (double submit): another
 * site can make the browser send cookies, but cannot read ours to copy the token into a header.
 */
public final class WebCookies {

    public static final String ACCESS = "oc_access";
    public static final String REFRESH = "oc_refresh";
    public static final String CSRF = "oc_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** The web session routes (sign-in, refresh, sign-out), the only place the refresh cookie goes. */
    public static final String SESSION_PATH = "/api/v1/auth/web";

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebCookies() {
    }

    /** Sets the cookies for a session that was just opened or refreshed. */
    public static void issue(ServerResponse res, Session session, Clock clock) {
        Duration refresh = positive(Duration.between(clock.instant(), session.refreshExpiresAt()));
        byte[] csrf = new byte[24];
        RANDOM.nextBytes(csrf);
        // the access cookie lives as long as the session, not the token: an expired token then
        // gets a clear 401 ("refresh"), where a vanished cookie would look like a signed-out browser
        res.headers().addCookie(cookie(ACCESS, session.accessToken(), "/", refresh, true));
        res.headers().addCookie(cookie(REFRESH, session.refreshToken(), SESSION_PATH, refresh, true));
        res.headers().addCookie(cookie(CSRF, Base64.getUrlEncoder().withoutPadding().encodeToString(csrf), "/", refresh, false));
    }

    /** Clears them all (sign-out, or a refresh that was refused). */
    public static void clear(ServerResponse res) {
        res.headers().addCookie(cookie(ACCESS, "", "/", Duration.ZERO, true));
        res.headers().addCookie(cookie(REFRESH, "", SESSION_PATH, Duration.ZERO, true));
        res.headers().addCookie(cookie(CSRF, "", "/", Duration.ZERO, false));
    }

    public static Optional<String> access(ServerRequest req) {
        return value(req, ACCESS);
    }

    public static Optional<String> refresh(ServerRequest req) {
        return value(req, REFRESH);
    }

    /** Whether the request carries the CSRF header matching its CSRF cookie. */
    public static boolean csrfMatches(ServerRequest req) {
        Optional<String> cookie = value(req, CSRF);
        Optional<String> header = req.headers().first(io.helidon.http.HeaderNames.create(CSRF_HEADER)).filter(s -> !s.isBlank());
        return cookie.isPresent() && header.isPresent()
                && MessageDigest.isEqual(cookie.get().getBytes(StandardCharsets.UTF_8), header.get().strip().getBytes(StandardCharsets.UTF_8));
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
