package org.opencity.backend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.opencity.backend.OpenCity;
import org.opencity.backend.config.Settings;
import org.opencity.backend.config.SettingsLoader;
import org.opencity.backend.web.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The real backend ({@link OpenCity#start}) on a free port, talking to its own test database,
 * with a plain HTTP client: tests exercise real HTTP, real JSON and real SQL.
 */
public final class TestApp implements AutoCloseable {

    private final TestDatabase database;
    private final OpenCity app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestApp(TestDatabase database, OpenCity app) {
        this.database = database;
        this.app = app;
    }

    /** Starts the backend on a fresh database, demo-seeded or empty. */
    public static TestApp start(boolean demo) {
        TestDatabase database = demo ? TestDatabases.createDemo() : TestDatabases.createEmpty();
        try {
            Settings settings = SettingsLoader.load(Map.of())
                    .withPort(0)
                    .withDatabase(database.url(), database.user(), database.password())
                    .withDemo(false);   // a demo database is already seeded by its template
            return new TestApp(database, OpenCity.start(settings));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + app.port() + path);
    }

    public int port() {
        return app.port();
    }

    public TestDatabase database() {
        return database;
    }

    public OpenCity app() {
        return app;
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient http() {
        return http;
    }

    /** Parses a response body as JSON. */
    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            database.close();
        }
    }
}
