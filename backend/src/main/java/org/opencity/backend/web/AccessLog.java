package org.opencity.backend.web;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per request ({@code GET /api/v1/categories 200 2.4 ms}) on the logger
 * {@code org.opencity.access} at FINE, off by default: at thousands of requests a second it is
 * switched on for diagnosis only ({@code org.opencity.access.level=FINE} in the logging
 * configuration). The path is logged without its query string, which may carry personal data.
 */
public final class AccessLog implements Filter {

    private static final Logger LOG = Logger.getLogger("org.opencity.access");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!LOG.isLoggable(Level.FINE)) {
            chain.proceed();
            return;
        }
        long started = System.nanoTime();
        String path = req.prologue().uriPath().path();
        try {
            chain.proceed();
        } finally {
            LOG.fine(String.format("%s %s %d %.1f ms", req.prologue().method().text(), path,
                                   res.status().code(), (System.nanoTime() - started) / 1e6));
        }
    }
}
