package org.opencity.backend.web;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.model.Bounds;

/**
 * Refuses, before any route runs, a path or query parameter (name or value) holding U+0000 or a
 * lone surrogate: PostgreSQL cannot store the first and UTF-8 cannot encode the second, so no
 * handler should ever have to think about them. The answer is a 400 validation problem naming
 * the parameter. (JSON bodies are checked by the parser, {@link SafeTextJsonFactory}.)
 */
public final class EdgeInput implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!Bounds.storable(req.path().path())) {
            throw refused(req, "path");
        }
        for (String name : req.query().names()) {
            if (!Bounds.storable(name)) {
                throw refused(req, "query");
            }
            for (String value : req.query().all(name)) {
                if (!Bounds.storable(value)) {
                    throw refused(req, name);
                }
            }
        }
        chain.proceed();
    }

    private static ValidationFailed refused(RoutingRequest req, String field) {
        return ValidationFailed.of(field, "characters", ProblemTexts.text(Locales.of(req), "field.characters"));
    }
}
