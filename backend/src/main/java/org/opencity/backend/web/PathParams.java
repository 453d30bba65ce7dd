package org.opencity.backend.web;

import io.helidon.webserver.http.ServerRequest;
import org.opencity.backend.errors.NotFound;

import java.util.UUID;

/** Typed path parameters. A malformed id is simply not found: ids are never validated out loud. */
public final class PathParams {

    private PathParams() {
    }

    public static UUID uuid(ServerRequest req, String name) {
        String raw = req.path().pathParameters().get(name);
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new NotFound("not found");
        }
    }
}
