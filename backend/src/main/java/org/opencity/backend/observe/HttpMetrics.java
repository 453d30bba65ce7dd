package org.opencity.backend.observe;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every request under {@code http_server_requests_seconds} tagged with the method, the
 * route pattern that matched (so {@code /api/v1/requests/{id}} is one series, not one per id)
 * and the status. Unmatched paths share the route tag {@code unmatched}.
 */
public final class HttpMetrics implements Filter {

    private final MeterRegistry registry;

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Timer.Sample sample = Timer.start(registry);
        try {
            chain.proceed();
        } finally {
            sample.stop(Timer.builder("http.server.requests")
                                .description("HTTP request latency by route")
                                .publishPercentileHistogram()
                                .tag("method", req.prologue().method().text())
                                .tag("route", req.matchingPattern().orElse("unmatched"))
                                .tag("status", Integer.toString(res.status().code()))
                                .register(registry));
        }
    }
}
