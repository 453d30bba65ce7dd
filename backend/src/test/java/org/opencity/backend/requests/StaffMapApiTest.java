package org.opencity.backend.requests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The staff map's points: open requests only, within the caller's reach, with overdue marked. */
@WithApp(demo = true)
class StaffMapApiTest {

    private final TestApp app;
    private final RequestFixtures fixtures;

    StaffMapApiTest(TestApp app) {
        this.app = app;
        this.fixtures = new RequestFixtures(app);
    }

    @Test
    void pointsAreTheOpenRequestsTheCallerMaySee() {
        TestApp.Tokens resident = app.newResident();
        JsonNode filed = app.fileRequest(resident, "plumbing", fixtures.building("vakhitovsky"), "Leak under the bath");
        String id = filed.get("summary").get("id").asText();

        JsonNode ours = TestApp.json(app.get("/api/v1/requests/map", app.login("dispatcher")));
        JsonNode point = find(ours, id);
        assertThat(point).as("the organisation's own new request is on its map").isNotNull();
        assertThat(point.get("lat").asDouble()).isEqualTo(filed.get("location").get("lat").asDouble());
        assertThat(point.get("status").asText()).isEqualTo(filed.get("summary").get("status").asText());
        for (JsonNode p : ours) {
            assertThat(p.get("status").asText()).isNotIn("DONE", "CLOSED", "CANCELLED", "DUPLICATE");
        }
        assertThat(find(TestApp.json(app.get("/api/v1/requests/map", app.login("sovetsky.dispatcher"))), id))
                .as("another organisation does not see it").isNull();
        assertThat(find(TestApp.json(app.get("/api/v1/requests/map", app.login("citydispatcher"))), id)).isNotNull();

        app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "CANCEL", "reason", "fixed it myself"), resident);
        assertThat(find(TestApp.json(app.get("/api/v1/requests/map", app.login("dispatcher"))), id))
                .as("a cancelled request leaves the map").isNull();
    }

    @Test
    void overdueOnlyIsAFilter() {
        JsonNode overdue = TestApp.json(app.get("/api/v1/requests/map?overdue=true", app.login("citydispatcher")));
        for (JsonNode p : overdue) {
            assertThat(p.get("overdue").asBoolean()).isTrue();
        }
        assertThat(app.get("/api/v1/requests/map", app.login("plumber")).statusCode()).isEqualTo(403);
    }

    private static JsonNode find(JsonNode points, String id) {
        for (JsonNode p : points) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        return null;
    }
}
