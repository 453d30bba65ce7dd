package org.opencity.backend.observe;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.health.HealthCheckResponse;
import io.helidon.logging.jul.HelidonFormatter;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

@WithApp(demo = false)
class ObservabilityTest {

    private final TestApp app;

    ObservabilityTest(TestApp app) {
        this.app = app;
    }

    @Test
    void healthIsUpAndReadinessIncludesTheDatabase() {
        HttpResponse<String> health = app.get("/observe/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = TestApp.json(health);
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.get("checks").findValuesAsText("name")).contains("database");
        assertThat(app.get("/observe/health/ready").statusCode()).isEqualTo(200);
        assertThat(app.get("/observe/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void readinessIsDownWhenTheDatabaseCannotBeReached() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
        HealthCheckResponse response = new DatabaseHealthCheck(nowhere, "external PostgreSQL").call();
        assertThat(response.status()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void metricsExposeLatencyPerRouteThePoolAndTheJvm() {
        app.get("/api/v1/categories");
        HttpResponse<String> metrics = app.metrics();
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_count{application=\"opencity\",method=\"GET\",route=\"/api/v1/categories\",status=\"200\"}")
                .contains("hikaricp_connections_active")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void metricsAnswerOnlyTheConfiguredBearerToken() {
        for (String[] headers : List.of(new String[0], new String[]{"Authorization", "Bearer wrong-token-0123456789"},
                                        new String[]{"Authorization", "Basic " + TestApp.METRICS_TOKEN})) {
            HttpResponse<String> refused = app.get("/metrics", headers);
            assertThat(refused.statusCode()).as(String.join(" ", headers)).isEqualTo(401);
            assertThat(refused.body()).doesNotContain("jvm_memory_used_bytes");
            assertThat(TestApp.json(refused).get("type").asText()).isEqualTo("/problems/metrics-token");
        }
    }

    @Test
    void withoutAMetricsTokenMetricsAreNotServedAtAll() {
        try (TestApp bare = TestApp.start(false, Map.of("METRICS_TOKEN", ""))) {
            HttpResponse<String> metrics = bare.get("/metrics", "Authorization", "Bearer " + TestApp.METRICS_TOKEN);
            assertThat(metrics.statusCode()).isEqualTo(404);
            assertThat(metrics.body()).doesNotContain("jvm_memory_used_bytes");
        }
    }

    @Test
    void logLinesWrittenWhileHandlingARequestCarryItsRequestId() throws Exception {
        LogManager manager = LogManager.getLogManager();
        try (InputStream in = getClass().getResourceAsStream("/logging.properties")) {
            manager.readConfiguration(in);   // the production logging configuration
        }
        List<String> lines = new CopyOnWriteArrayList<>();
        HelidonFormatter formatter = new HelidonFormatter();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(formatter.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger access = Logger.getLogger("org.opencity.access");
        access.setLevel(Level.FINE);
        access.addHandler(capture);
        try {
            HttpResponse<String> response = app.get("/api/v1/districts");
            String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
            // the line is written after the response has gone out
            for (int i = 0; i < 100 && lines.isEmpty(); i++) {
                Thread.sleep(20);
            }
            assertThat(lines).anySatisfy(line -> assertThat(line)
                    .contains("[" + requestId + "]")
                    .contains("GET /api/v1/districts 200"));
        } finally {
            access.removeHandler(capture);
            access.setLevel(null);
        }
    }
}
