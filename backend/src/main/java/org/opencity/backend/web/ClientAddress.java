package org.opencity.backend.web;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

import java.util.regex.Pattern;

/**
 * Works out the client's IP address once per request, for rate limits and security events: the
 * TCP peer, or — only when configured to trust a proxy in front — the first address of
 * {@code X-Forwarded-For}.
 */
public final class ClientAddress implements Filter {

    private static final HeaderName FORWARDED_FOR = HeaderNames.X_FORWARDED_FOR;
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private final boolean trustForwardedFor;

    public ClientAddress(boolean trustForwardedFor) {
        this.trustForwardedFor = trustForwardedFor;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String address = req.remotePeer().host();
        if (trustForwardedFor) {
            address = req.headers().first(FORWARDED_FOR)
                    .map(v -> v.split(",")[0].trim())
                    .filter(v -> IP.matcher(v).matches())
                    .orElse(address);
        }
        req.context().register(ClientAddress.class, address);
        chain.proceed();
    }

    /** The client's address as resolved by this filter. */
    public static String of(ServerRequest req) {
        return req.context().get(ClientAddress.class, String.class).orElseGet(() -> req.remotePeer().host());
    }
}
