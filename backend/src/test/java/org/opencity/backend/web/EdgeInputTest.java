package org.opencity.backend.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input is refused at the edge: each kind of hostile input the probe of issue #24 turned into a
 * 500 (with a stack trace in the log) is a 4xx problem naming what was wrong, and logs no stack
 * trace. Strings and lists in commands are bounded, and JSON types are bound strictly.
 */
@WithApp
class EdgeInputTest {

    private static final String LOGIN = "/api/v1/auth/login";
    private final TestApp app;
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    EdgeInputTest(TestApp app) {
        this.app = app;
    }

    @BeforeEach
    void captureTheLog() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void nulInAnAnonymousLoginIsA400NamingTheFieldAndLogsNoStackTrace() {
        HttpResponse<String> response = app.post(LOGIN, Map.of("login", "city\u0000admin", "password", "x",
                                                               "device", TestApp.device(UUID.randomUUID())));
        JsonNode problem = problem(response, 400);
        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("login");
        assertThat(problem.path("errors").path(0).path("code").asText()).isEqualTo("characters");
        assertNoStackTraceLogged();
    }

    @Test
    void aLoneSurrogateInABodyIsA400() {
        String body = "{\"login\":\"a\\ud800b\",\"password\":\"x\",\"device\":{\"id\":\"" + UUID.randomUUID()
                + "\",\"platform\":\"ANDROID\"}}";
        JsonNode problem = problem(app.json("POST", LOGIN, body), 400);
        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("login");
        String nested = "{\"login\":\"a\",\"password\":\"x\",\"device\":{\"id\":\"" + UUID.randomUUID()
                + "\",\"platform\":\"ANDROID\",\"name\":\"\\udc00\"}}";
        assertThat(problem(app.json("POST", LOGIN, nested), 400).path("errors").path(0).path("field").asText())
                .isEqualTo("device.name");
        assertNoStackTraceLogged();
    }

    @Test
    void nulInAQueryOrPathIsA400BeforeAnyRouteRuns() {
        TestApp.Tokens admin = app.loginCityAdmin();
        assertThat(problem(app.get("/api/v1/requests?q=a%00b", admin), 400).path("errors").path(0).path("field").asText())
                .isEqualTo("q");
        problem(app.delete("/api/v1/admin/organisations/" + UUID.randomUUID() + "/slas/a%00b", admin), 400);
        assertNoStackTraceLogged();
    }

    @Test
    void anEmptyBodyIsA400AndANullBodyIsA400() {
        problem(app.json("POST", LOGIN, ""), 400);
        problem(app.json("POST", LOGIN, "null"), 400);
        TestApp.Tokens admin = app.loginCityAdmin();
        problem(app.json("POST", "/api/v1/admin/api-clients", "", "Authorization", "Bearer " + admin.access()), 400);
        problem(app.json("PATCH", "/api/v1/admin/calendar", "null", "Authorization", "Bearer " + admin.access()), 400);
        assertNoStackTraceLogged();
    }

    @Test
    void anotherMediaTypeIs415() {
        HttpResponse<String> response = app.send(HttpRequest.newBuilder(app.uri(LOGIN))
                                                          .POST(HttpRequest.BodyPublishers.ofString("login=a&password=b"))
                                                          .header("Content-Type", "application/x-www-form-urlencoded").build());
        problem(response, 415);
        assertNoStackTraceLogged();
    }

    @Test
    void datesBeyondTheirRangeAreA400OnPublicAndStaffRoutes() {
        problem(app.get("/api/v1/public/ratings?from=%2B999999999-12-31&to=%2B999999999-12-31"), 400);
        TestApp.Tokens admin = app.loginCityAdmin();
        problem(app.get("/api/v1/requests?from=-999999999-01-01", admin), 400);
        problem(app.get("/api/v1/requests?to=%2B999999999-12-31", admin), 400);
        assertNoStackTraceLogged();
    }

    @Test
    void aCsvExportWithNulInAFilterIsRefusedBeforeStreamingStarts() {
        TestApp.Tokens admin = app.loginCityAdmin();
        HttpResponse<String> response = app.get("/api/v1/requests/export.csv?category=a%00b", admin);
        problem(response, 400);
        HttpResponse<String> far = app.get("/api/v1/requests/export.csv?from=%2B999999999-12-31", admin);
        problem(far, 400);
    }

    @Test
    void aResponsibilityEndingBeforeItsDefaultStartIsA400NotA500() {
        TestApp.Tokens admin = app.loginCityAdmin();
        JsonNode organisations = TestApp.json(app.get("/api/v1/admin/organisations", admin));
        String organisation = organisations.path(0).path("id").asText();
        String category = TestApp.json(app.get("/api/v1/categories")).path(0).path("code").asText();
        String district = TestApp.json(app.get("/api/v1/districts")).path(0).path("code").asText();
        HttpResponse<String> response = app.post("/api/v1/admin/organisations/" + organisation + "/responsibilities",
                                                 Map.of("categoryCode", category, "districtCode", district,
                                                        "validTo", "2001-01-01"), admin);
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 409);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertNoStackTraceLogged();
    }

    @Test
    void aLifecycleReasonLongerThanTheBoundIsA400NamingIt() {
        TestApp.Tokens dispatcher = app.login("citydispatcher");
        String request = fileARequest(app);
        HttpResponse<String> response = app.post("/api/v1/requests/" + request + "/actions",
                                                 Map.of("action", "COMMENT", "text", "x".repeat(900_000)), dispatcher);
        assertThat(problem(response, 400).path("errors").path(0).path("field").asText()).isEqualTo("text");
        // pausing the clock is the city dispatcher's to do, so only the length stands in the way
        response = app.post("/api/v1/requests/" + request + "/actions",
                            Map.of("action", "PAUSE_CLOCK", "reason", "x".repeat(900_000)), dispatcher);
        JsonNode problem = problem(response, 400);
        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("reason");
        assertThat(problem.path("errors").path(0).path("code").asText()).isEqualTo("length");
    }

    @Test
    void aNumberSentAsTextIsRefusedNotCoerced() {
        TestApp.Tokens admin = app.loginCityAdmin();
        String category = TestApp.json(app.get("/api/v1/categories")).path(0).path("code").asText();
        HttpResponse<String> response = app.json("PUT", "/api/v1/admin/slas/" + category, "{\"ACCEPT\": \"60\"}",
                                                  "Authorization", "Bearer " + admin.access());
        problem(response, 400);
    }

    @Test
    void anArrayOrAnOutOfRangeYearForADateIsRefusedNotDefaulted() {
        TestApp.Tokens admin = app.loginCityAdmin();
        String organisation = TestApp.json(app.get("/api/v1/admin/organisations", admin)).path(0).path("id").asText();
        String category = TestApp.json(app.get("/api/v1/categories")).path(0).path("code").asText();
        String district = TestApp.json(app.get("/api/v1/districts")).path(0).path("code").asText();
        String path = "/api/v1/admin/organisations/" + organisation + "/responsibilities";
        for (String validFrom : List.of("[]", "[2026, 1, 1]", "\"+999999-01-01\"", "\"\"", "20260101")) {
            String body = "{\"categoryCode\":\"" + category + "\",\"districtCode\":\"" + district + "\",\"validFrom\":" + validFrom + "}";
            JsonNode problem = problem(app.json("POST", path, body, "Authorization", "Bearer " + admin.access()), 400);
            assertThat(problem.path("errors").path(0).path("field").asText()).as(validFrom).isEqualTo("validFrom");
        }
    }

    @Test
    void aTenThousandItemListIsRefused() {
        TestApp.Tokens admin = app.loginCityAdmin();
        String body = "{\"name\":\"x\",\"query\":{\"dimensions\":[" + "\"CATEGORY\",".repeat(9_999) + "\"CATEGORY\"]}}";
        JsonNode problem = problem(app.json("POST", "/api/v1/reports/saved", body, "Authorization", "Bearer " + admin.access()), 400);
        assertThat(problem.path("errors").path(0).path("field").asText()).endsWith("dimensions");
    }

    @Test
    void oddButValidReportInputIsNeverAServerError() {
        TestApp.Tokens admin = app.loginCityAdmin();
        List<String> publicPaths = List.of(
                "/api/v1/public/ratings?period=0001-Q1", "/api/v1/public/ratings?period=9999-12",
                "/api/v1/public/ratings?from=2199-12-31&to=2199-12-31", "/api/v1/public/ratings?from=1900-01-01&to=1900-01-01",
                "/api/v1/public/ratings?from=2026-12-01&to=2026-01-01", "/api/v1/public/ratings?city=nowhere");
        List<String> staffPaths = List.of(
                "/api/v1/reports/requests?dimensions=CATEGORY&measures=COUNT&from=2026-12-01&to=2026-01-01",
                "/api/v1/reports/requests?dimensions=CATEGORY&measures=COUNT&from=1900-01-01&to=2199-12-31",
                "/api/v1/reports/requests?dimensions=DISTRICT&measures=COUNT&from=2199-12-01&to=2199-12-31&filter.DISTRICT=nowhere",
                "/api/v1/reports/export.csv?dimensions=MONTH&measures=COUNT&from=2199-12-01&to=2199-12-31",
                "/api/v1/reports/export.csv?dimensions=DAY&measures=COUNT&from=1900-01-01&to=1900-01-31",
                "/api/v1/requests/export.csv?from=2199-12-31&to=1900-01-01",
                "/api/v1/requests?from=1900-01-01&to=2199-12-31&limit=200");
        for (String path : publicPaths) {
            answeredWithoutServerError(app.get(path), path);
        }
        for (String path : staffPaths) {
            answeredWithoutServerError(app.get(path, admin), path);
        }
    }

    private static void answeredWithoutServerError(HttpResponse<String> response, String path) {
        assertThat(response.statusCode()).as(path + " " + response.body()).isLessThan(500);
        if (response.statusCode() >= 400) {
            problem(response, response.statusCode());
        }
    }

    /** A request filed by a new resident in the demo city; answers its id. */
    static String fileARequest(TestApp app) {
        String building;
        try (var rows = app.database().client().execute().query("SELECT id FROM building ORDER BY street_ru, house LIMIT 1")) {
            building = rows.findFirst().orElseThrow().column("id").get().toString();
        }
        return app.fileRequest(app.newResident(), "plumbing", building, "Leaking tap in the kitchen").path("summary").path("id").asText();
    }

    static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = TestApp.json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).isNotEmpty();
        assertThat(problem.path("title").asText()).isNotEmpty();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return problem;
    }

    private void assertNoStackTraceLogged() {
        assertThat(logged.stream().filter(r -> r.getThrown() != null || r.getLevel().intValue() >= Level.SEVERE.intValue())
                           .map(r -> r.getLoggerName() + ": " + r.getMessage()).toList())
                .as("expected bad input logs no stack trace and nothing severe").isEmpty();
        assertThat(String.join("\n", logged.stream().map(LogRecord::getMessage).filter(m -> m != null).toList()).getBytes(StandardCharsets.UTF_8).length)
                .as("what the log says about it is short").isLessThan(4_000);
    }
}
