package org.opencity.backend.requests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.EventStream;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.backend.web.Json;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The board's live feed: who hears of which change, and only after it is committed. */
@WithApp(demo = true)
class BoardStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final TestApp app;
    private final RequestFixtures fixtures;

    BoardStreamTest(TestApp app) {
        this.app = app;
        this.fixtures = new RequestFixtures(app);
    }

    @Test
    void anOrganisationsBoardHearsOfItsOwnRequestsAndTheCityHearsOfAll() throws Exception {
        TestApp.Tokens resident = app.newResident();
        TestApp.Tokens vakhitovsky = app.login("dispatcher");
        try (EventStream ours = feed(vakhitovsky); EventStream theirs = feed(app.login("sovetsky.dispatcher"));
             EventStream city = feed(app.login("citydispatcher"))) {
            ours.awaitOpen();
            theirs.awaitOpen();
            city.awaitOpen();

            String here = app.fileRequest(resident, "plumbing", fixtures.building("vakhitovsky"), "Leaking riser").get("summary").get("id").asText();
            assertThat(idOf(ours.next(WAIT))).isEqualTo(here);
            assertThat(idOf(city.next(WAIT))).isEqualTo(here);

            String there = app.fileRequest(resident, "plumbing", fixtures.building("sovetsky"), "Dripping tap").get("summary").get("id").asText();
            assertThat(idOf(theirs.next(WAIT))).as("another organisation hears of nothing before its own request").isEqualTo(there);
            assertThat(idOf(city.next(WAIT))).isEqualTo(there);

            JsonNode accepted = TestApp.json(app.post("/api/v1/requests/" + here + "/actions", Map.of("action", "ACCEPT"), vakhitovsky));
            assertThat(accepted.get("summary").get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(idOf(ours.next(WAIT))).isEqualTo(here);
            assertThat(idOf(city.next(WAIT))).isEqualTo(here);
        }
    }

    @Test
    void technicianAndResidentsHaveNoBoard() {
        assertThat(app.get("/api/v1/requests/stream", app.login("plumber")).statusCode()).isEqualTo(403);
        assertThat(app.get("/api/v1/requests/stream", app.newResident()).statusCode()).isEqualTo(403);
    }

    private EventStream feed(TestApp.Tokens who) {
        return new EventStream(app, "/api/v1/requests/stream", "Authorization", "Bearer " + who.access());
    }

    private static String idOf(Map<String, String> event) throws java.io.IOException {
        assertThat(event.get("event")).isEqualTo("changed");
        return Json.mapper().readTree(event.get("data")).get("id").asText();
    }
}
