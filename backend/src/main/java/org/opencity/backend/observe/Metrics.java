package org.opencity.backend.observe;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.Unauthorized;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The process's Prometheus registry and its scrape endpoint ({@code GET /metrics}, text format
 * 0.0.4): HTTP latency per route (see {@link HttpMetrics}), the connection pool (HikariCP's own
 * meters), and the JVM. The endpoint tells load, routes and failures to whoever reads it, so it
 * answers only {@code Authorization: Bearer <METRICS_TOKEN>}; without a configured token it is not
 * served at all (404).
 */
public final class Metrics implements HttpService, AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Optional<byte[]> token;

    public Metrics(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
        registry.config().commonTags(List.of(Tag.of("application", "opencity")));
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::scrape);
    }

    private void scrape(ServerRequest req, ServerResponse res) {
        if (token.isEmpty()) {
            throw new NotFound("metrics are not served: set METRICS_TOKEN to scrape them");
        }
        byte[] given = req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).strip().getBytes(StandardCharsets.UTF_8))
                .orElse(new byte[0]);
        if (!MessageDigest.isEqual(given, token.get())) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"");
            throw new Unauthorized("send Authorization: Bearer with the metrics token (METRICS_TOKEN)", "/problems/metrics-token");
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        res.send(registry.scrape());
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
