package org.opencity.backend.open311;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address clients reach us at, for the absolute URLs we write out (the discovery endpoint,
 * photo links): the configured {@code PUBLIC_URL}; without one, what a trusted proxy says in
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} (only with {@code TRUST_FORWARDED_FOR});
 * else the request itself. Default ports are never written out.
 */
public final class Open311Address {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?");
    private final Optional<URI> publicUrl;
    private final boolean trustForwarded;

    public Open311Address(Optional<URI> publicUrl, boolean trustForwarded) {
        this.publicUrl = publicUrl;
        this.trustForwarded = trustForwarded;
    }

    /** {@code scheme://host[:port][/path]}, without a trailing slash. */
    String base(ServerRequest req) {
        if (publicUrl.isPresent()) {
            return publicUrl.get().toString();
        }
        String scheme = req.requestedUri().scheme();
        String authority = req.requestedUri().authority();
        if (trustForwarded) {
            scheme = first(req, "X-Forwarded-Proto").map(s -> s.toLowerCase(Locale.ROOT))
                    .filter(s -> s.equals("http") || s.equals("https")).orElse(scheme);
            authority = first(req, "X-Forwarded-Host").filter(h -> HOST.matcher(h).matches()).orElse(authority);
        }
        return scheme + "://" + withoutDefaultPort(scheme, authority);
    }

    /** The first value of a header a proxy may have listed several times ({@code a, b}). */
    private static Optional<String> first(ServerRequest req, String name) {
        return req.headers().first(HeaderNames.create(name)).map(v -> v.split(",")[0].strip()).filter(v -> !v.isEmpty());
    }

    private static String withoutDefaultPort(String scheme, String authority) {
        if (scheme.equals("http") && authority.endsWith(":80")) {
            return authority.substring(0, authority.length() - 3);
        }
        if (scheme.equals("https") && authority.endsWith(":443")) {
            return authority.substring(0, authority.length() - 4);
        }
        return authority;
    }
}
