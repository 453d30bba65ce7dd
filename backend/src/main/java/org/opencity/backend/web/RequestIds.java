package org.opencity.backend.web;

import io.helidon.common.context.Context;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.logging.common.HelidonMdc;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token (so a
 * load balancer's id follows the request), a fresh random one otherwise. The id is echoed in
 * the response header, put in the logging context so that every log line of the request carries
 * it, and quoted in every problem body.
 */
public final class RequestIds implements Filter {

    public static final HeaderName HEADER = HeaderNames.create("X-Request-Id");
    static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String id = req.headers().first(HEADER).filter(v -> ACCEPTABLE.matcher(v).matches()).orElseGet(RequestIds::newId);
        req.context().register(RequestIds.class, id);
        res.header(HEADER, id);
        HelidonMdc.set(MDC_KEY, id);
        try {
            chain.proceed();
        } finally {
            HelidonMdc.remove(MDC_KEY);
        }
    }

    /** The id of a request that passed this filter. */
    public static Optional<String> of(ServerRequest req) {
        return of(req.context());
    }

    static Optional<String> of(Context context) {
        return context.get(RequestIds.class, String.class);
    }

    static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
