package org.opencity.backend.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Saved reports belong to their user: saved checked like a report, listed by name, deleted by their owner only. */
@WithApp
class ReportSavedTest {

    private final TestApp app;

    ReportSavedTest(TestApp app) {
        this.app = app;
    }

    private static Map<String, Object> report(String name) {
        return Map.of("name", name, "query", Map.of("dimensions", List.of("CATEGORY", "MONTH"),
                                                    "measures", List.of("COUNT", "STAGE_P90_MINUTES"),
                                                    "filters", Map.of("DISTRICT", List.of("vakhitovsky")),
                                                    "from", "2026-01-01", "to", "2026-12-31"));
    }

    @Test
    void aUserSavesListsAndDeletesTheirOwnReports() {
        TestApp.Tokens dispatcher = app.login("dispatcher");
        HttpResponse<String> created = app.post("/api/v1/reports/saved", report("Monthly plumbing"), dispatcher);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = TestApp.json(created).get("id").asText();
        assertThat(app.post("/api/v1/reports/saved", report("Monthly plumbing"), dispatcher).statusCode()).as("names are unique")
                .isEqualTo(409);
        app.post("/api/v1/reports/saved", report("a weekly one"), dispatcher);

        JsonNode list = TestApp.json(app.get("/api/v1/reports/saved", dispatcher));
        assertThat(TestApp.values(list, "name")).containsExactly("a weekly one", "Monthly plumbing");
        JsonNode query = list.get(1).get("query");
        assertThat(query.get("dimensions").toString()).isEqualTo("[\"CATEGORY\",\"MONTH\"]");
        assertThat(query.get("filters").get("DISTRICT").get(0).asText()).isEqualTo("vakhitovsky");
        assertThat(query.get("from").asText()).isEqualTo("2026-01-01");

        TestApp.Tokens other = app.login("orgadmin");
        assertThat(TestApp.json(app.get("/api/v1/reports/saved", other))).as("another user's list").isEmpty();
        assertThat(app.delete("/api/v1/reports/saved/" + id, other).statusCode()).isEqualTo(404);
        assertThat(app.delete("/api/v1/reports/saved/" + id, dispatcher).statusCode()).isEqualTo(204);
        assertThat(TestApp.values(TestApp.json(app.get("/api/v1/reports/saved", dispatcher)), "name")).containsExactly("a weekly one");
    }

    @Test
    void aReportThatCouldNotRunIsNotSaved() {
        TestApp.Tokens dispatcher = app.login("dispatcher");
        HttpResponse<String> noMeasures = app.post("/api/v1/reports/saved",
                                                   Map.of("name", "empty", "query", Map.of("dimensions", List.of("CITY"))), dispatcher);
        assertThat(noMeasures.statusCode()).isEqualTo(400);
        assertThat(noMeasures.body()).contains("measures");
        assertThat(app.post("/api/v1/reports/saved", Map.of("name", " ", "query", Map.of("measures", List.of("COUNT"))), dispatcher)
                           .statusCode()).isEqualTo(400);
        assertThat(app.post("/api/v1/reports/saved", report("technician's"), app.login("plumber")).statusCode()).isEqualTo(403);
    }
}
