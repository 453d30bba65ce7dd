package org.opencity.backend.requests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.requests.RequestFixtures.action;
import static org.opencity.backend.requests.RequestFixtures.kinds;
import static org.opencity.backend.requests.RequestFixtures.status;

@WithApp
class SearchAndDuplicatesTest {

    private final TestApp app;
    private final RequestFixtures f;

    SearchAndDuplicatesTest(TestApp app) {
        this.app = app;
        this.f = new RequestFixtures(app);
    }

    @Test
    void openRequestsOfTheSameKindAtTheBuildingAreOfferedBeforeReportingAgain() {
        String building = f.building("privolzhsky");
        String first = app.fileRequest(app.newResident(), "lift", building, "Lift stuck on the ninth floor").get("summary").get("id").asText();
        TestApp.Tokens neighbour = app.newResident();
        JsonNode nearby = TestApp.json(app.get("/api/v1/requests/nearby?category=lift&building=" + building, neighbour));
        assertThat(nearby.findValuesAsText("id")).containsExactly(first);
        assertThat(nearby.get(0).has("description")).isFalse();
        assertThat(TestApp.json(app.get("/api/v1/requests/nearby?category=roof&building=" + building, neighbour))).isEmpty();
    }

    @Test
    void outdoorProblemsAreMatchedWithinARadius() {
        TestApp.Tokens resident = app.newResident();
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("id", org.opencity.model.Ids.newId().toString());
        body.put("categoryCode", "refuse");
        body.put("description", "Bins overflowing behind the shop");
        body.put("location", java.util.Map.of("lat", 55.8270, "lon", 49.1280));
        assertThat(app.post("/api/v1/requests", body, resident).statusCode()).isEqualTo(201);
        assertThat(TestApp.json(app.get("/api/v1/requests/nearby?category=refuse&lat=55.8275&lon=49.1285", resident))).hasSize(1);
        assertThat(TestApp.json(app.get("/api/v1/requests/nearby?category=refuse&lat=55.8400&lon=49.1285", resident))).isEmpty();
    }

    @Test
    void distancesToNearbyRequestsAreRoundedSoThatNoSpotCanBeTriangulated() {
        TestApp.Tokens resident = app.newResident();
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("id", org.opencity.model.Ids.newId().toString());
        body.put("categoryCode", "refuse");
        body.put("description", "Torn bags by the bus stop");
        body.put("location", java.util.Map.of("lat", 55.83412, "lon", 49.11873));
        HttpResponse<String> filed = app.post("/api/v1/requests", body, resident);
        assertThat(filed.statusCode()).isEqualTo(201);
        String id = TestApp.json(filed).get("summary").get("id").asText();
        TestApp.Tokens neighbour = app.newResident();
        List<Integer> distances = new java.util.ArrayList<>();
        for (String from : List.of("lat=55.83412&lon=49.11873", "lat=55.83470&lon=49.11873", "lat=55.83412&lon=49.11990",
                                   "lat=55.83380&lon=49.11800")) {
            JsonNode nearby = TestApp.json(app.get("/api/v1/requests/nearby?category=refuse&" + from, neighbour));
            for (JsonNode n : nearby) {
                if (n.get("id").asText().equals(id)) {
                    distances.add(n.get("distanceMetres").asInt());
                    assertThat(n.get("address").asText()).doesNotContain("55.83", "49.11");
                }
            }
        }
        assertThat(distances).as("found from every spot").hasSize(4);
        assertThat(distances).as("in 50 m steps, never below 50 m").allSatisfy(d -> {
            assertThat(d % 50).isZero();
            assertThat(d).isGreaterThanOrEqualTo(50);
        });
    }

    @Test
    void markingADuplicateLinksBothRequests() {
        String building = f.building("moskovsky");
        String original = app.fileRequest(app.newResident(), "heating", building, "Radiators cold in flat 5").get("summary").get("id").asText();
        String copy = app.fileRequest(app.newResident(), "heating", building, "Cold radiators in flat 9").get("summary").get("id").asText();
        TestApp.Tokens dispatcher = app.login("moskovsky.dispatcher");
        JsonNode marked = f.actOk(dispatcher, copy, action("MARK_DUPLICATE", "duplicateOf", original));
        assertThat(status(marked)).isEqualTo("DUPLICATE");
        assertThat(marked.get("duplicateOf").asText()).isEqualTo(original);
        assertThat(kinds(f.detail(dispatcher, original))).contains("DUPLICATE_LINKED");
        assertThat(f.act(dispatcher, original, action("MARK_DUPLICATE", "duplicateOf", original)).statusCode()).isEqualTo(400);
    }

    @Test
    void theBoardFiltersPagesWithoutGapsAndCountsPerStatus() {
        TestApp.Tokens resident = app.newResident();
        for (int i = 0; i < 7; i++) {
            app.fileRequest(resident, "entrance-cleaning", f.building("aviastroitelny"), "Dirty staircase number " + i);
            app.clock().advance(Duration.ofSeconds(1));
        }
        TestApp.Tokens dispatcher = app.login("aviastroitelny.dispatcher");
        Set<String> seen = new HashSet<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = TestApp.json(app.get("/api/v1/requests?category=entrance-cleaning&limit=3"
                                                         + (next == null ? "" : "&after=" + next), dispatcher));
            for (String id : page.get("items").findValuesAsText("id")) {
                assertThat(seen.add(id)).as("each request once").isTrue();
            }
            next = page.hasNonNull("next") ? page.get("next").asText() : null;
            pages++;
            assertThat(page.get("counts").get("ROUTED").asInt()).isEqualTo(7);
        } while (next != null);
        assertThat(seen).hasSize(7);
        assertThat(pages).isEqualTo(3);
        JsonNode text = TestApp.json(app.get("/api/v1/requests?q=staircase%20number%205", dispatcher));
        assertThat(text.get("items")).hasSize(1);
        assertThat(TestApp.json(app.get("/api/v1/requests?district=sovetsky&category=entrance-cleaning", dispatcher)).get("items")).isEmpty();
        assertThat(app.get("/api/v1/requests?status=BOGUS", dispatcher).statusCode()).isEqualTo(400);
    }

    @Test
    void overdueAndDueSoonAreFiltersAndAnOrganisationSeesOnlyItsOwn() {
        TestApp.Tokens resident = app.newResident();
        String late = app.fileRequest(resident, "power-outage", f.building("novo-savinovsky"), "No power in the whole flat")
                .get("summary").get("id").asText();
        app.fileRequest(resident, "power-outage", f.building("kirovsky"), "No power on the landing either");
        app.clock().advance(Duration.ofMinutes(31));
        TestApp.Tokens dispatcher = app.login("novo-savinovsky.dispatcher");
        JsonNode overdue = TestApp.json(app.get("/api/v1/requests?overdue=true", dispatcher));
        assertThat(overdue.get("items").findValuesAsText("id")).containsExactly(late);
        assertThat(overdue.get("items").get(0).get("overdue").asBoolean()).isTrue();
        JsonNode byDue = TestApp.json(app.get("/api/v1/requests?sort=due", app.login("citydispatcher")));
        List<String> dues = byDue.get("items").findValuesAsText("dueAt");
        assertThat(dues).isSorted();
    }
}
