package org.opencity.backend.web;

import io.helidon.webserver.http.ServerRequest;
import org.opencity.backend.errors.ValidationFailed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Keyset pagination parameters: {@code limit} (bounded) and {@code after}, an opaque cursor that
 * encodes the sort key of the last item of the previous page.
 */
public record Paging(int limit, Optional<String> after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static Paging of(ServerRequest req) {
        int limit = DEFAULT_LIMIT;
        Optional<String> raw = req.query().first("limit").asOptional().filter(s -> !s.isBlank());
        if (raw.isPresent()) {
            try {
                limit = Integer.parseInt(raw.get());
            } catch (NumberFormatException e) {
                throw ValidationFailed.of("limit", "format", "a whole number from 1 to " + MAX_LIMIT);
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ValidationFailed.of("limit", "range", "a whole number from 1 to " + MAX_LIMIT);
            }
        }
        Optional<String> after = req.query().first("after").asOptional().filter(s -> !s.isBlank()).map(Paging::decode);
        return new Paging(limit, after);
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ValidationFailed.of("after", "format", "not a cursor from a previous page");
        }
    }
}
