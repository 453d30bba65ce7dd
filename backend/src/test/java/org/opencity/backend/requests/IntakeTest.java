package org.opencity.backend.requests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.model.Ids;
import org.opencity.model.Platform;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.requests.RequestFixtures.kinds;
import static org.opencity.backend.requests.RequestFixtures.status;

/** One intake pipeline for every channel: idempotent, validated, numbered, routed. */
@WithApp
class IntakeTest {

    private final TestApp app;
    private final RequestFixtures f;

    IntakeTest(TestApp app) {
        this.app = app;
        this.f = new RequestFixtures(app);
    }

    @Test
    void aResidentsAppReportIsTheMobileChannelAndAWebSessionTheWebChannel() {
        TestApp.Tokens resident = app.newResident();
        assertThat(app.fileRequest(resident, "lift", f.building("sovetsky"), "The lift stopped between floors")
                           .get("summary").get("channel").asText()).isEqualTo("MOBILE");
        app.database().execute("UPDATE device SET platform = '" + Platform.WEB + "' WHERE id = '" + resident.deviceId() + "'");
        JsonNode web = app.fileRequest(resident, "lift", f.building("sovetsky"), "The lift door does not close");
        assertThat(web.get("summary").get("channel").asText()).isEqualTo("WEB");
        assertThat(web.get("summary").get("organisationName").asText()).isEqualTo("ООО «Казаньлифт»");
        assertThat(web.get("summary").get("priority").asText()).isEqualTo("EMERGENCY");
    }

    @Test
    void theCallCentreFilesForACallerFoundOrCreatedByPhoneAndSeesTheirEarlierRequests() {
        TestApp.Tokens operator = app.login("operator");
        Map<String, Object> body = request("plumbing", f.building("kirovsky"), "Caller says the toilet cistern overflows");
        body.put("caller", Map.of("phone", "8 (917) 555-44-33", "name", "Farid Ismagilov"));
        HttpResponse<String> created = app.post("/api/v1/requests", body, operator);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode detail = TestApp.json(created);
        assertThat(detail.get("summary").get("channel").asText()).isEqualTo("CALL_CENTRE");
        assertThat(detail.get("summary").get("organisationName").asText()).isEqualTo("УК «Жилсервис Кировский»");

        Map<String, Object> again = request("intercom", f.building("kirovsky"), "The same caller: the intercom is broken");
        again.put("caller", Map.of("phone", "+79175554433"));
        assertThat(app.post("/api/v1/requests", again, operator).statusCode()).isEqualTo(201);

        JsonNode history = TestApp.json(app.get("/api/v1/callers?phone=%2B79175554433", operator));
        assertThat(history.get("name").asText()).isEqualTo("Farid Ismagilov");
        assertThat(history.get("requests")).hasSize(2);
        assertThat(app.database().count("SELECT count(*) FROM app_user WHERE phone = '+79175554433'")).isEqualTo(1);
        assertThat(TestApp.json(app.get("/api/v1/callers?phone=%2B79170000000", operator)).get("requests")).isEmpty();

        Map<String, Object> noCaller = request("plumbing", f.building("kirovsky"), "Nobody to file it for here");
        assertThat(app.post("/api/v1/requests", noCaller, operator).statusCode()).isEqualTo(400);
    }

    @Test
    void aCallerWhoseAccountAnotherFilingIsMakingAtTheSameMomentGetsThatAccountNotAnError() throws Exception {
        TestApp.Tokens operator = app.login("operator");
        String phone = "+79175550011";
        UUID made = Ids.newId();
        // the other filing has inserted the caller's account and not yet committed
        try (java.sql.Connection other = app.database().dataSource().getConnection();
             java.sql.Statement s = other.createStatement()) {
            other.setAutoCommit(false);
            s.execute("INSERT INTO app_user (id, city_id, kind, phone, display_name, created_at, updated_at) "
                      + "SELECT '" + made + "', id, 'RESIDENT', '" + phone + "', 'Caller', now(), now() FROM city LIMIT 1");
            s.execute("INSERT INTO user_role (user_id, role) VALUES ('" + made + "', 'RESIDENT')");
            Map<String, Object> body = request("plumbing", f.building("kirovsky"), "The same caller rang twice about the riser");
            body.put("caller", Map.of("phone", phone, "name", "Caller"));
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<HttpResponse<String>> filing = pool.submit(() -> app.post("/api/v1/requests", body, operator));
            Thread.sleep(500);
            other.commit();
            HttpResponse<String> created = filing.get();
            pool.shutdown();
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(TestApp.json(created).get("reporterId").asText()).isEqualTo(made.toString());
        }
        assertThat(app.database().count("SELECT count(*) FROM app_user WHERE phone = '" + phone + "'")).isEqualTo(1);
    }

    @Test
    void anotherSystemFilesThroughTheApiChannelWithItsKey() {
        TestApp.Tokens admin = app.loginCityAdmin();
        String key = TestApp.json(app.post("/api/v1/admin/api-clients", Map.of("name", "Kazan 112 service"), admin)).get("key").asText();
        Map<String, Object> body = request("heating", f.building("privolzhsky"), "No heating in the whole entrance since morning");
        body.put("caller", Map.of("phone", "+79176667788"));
        body.put("reporterType", "LEGAL_ENTITY");
        body.put("reporterOrganisation", "TSZh Pobedy 10");
        HttpResponse<String> created = app.post("/api/v1/intake/requests", body, "X-Api-Key", key);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode summary = TestApp.json(created);
        assertThat(summary.get("channel").asText()).isEqualTo("API");
        assertThat(summary.get("status").asText()).isEqualTo("ROUTED");
        String id = summary.get("id").asText();
        assertThat(app.get("/api/v1/intake/requests/" + id, "X-Api-Key", key).statusCode()).isEqualTo(200);
        assertThat(app.post("/api/v1/intake/requests", body, "X-Api-Key", "ock_" + "x".repeat(43)).statusCode()).isEqualTo(401);

        String clientId = TestApp.json(app.get("/api/v1/admin/api-clients", admin)).get(0).get("id").asText();
        assertThat(app.delete("/api/v1/admin/api-clients/" + clientId, admin).statusCode()).isEqualTo(200);
        assertThat(app.get("/api/v1/intake/requests/" + id, "X-Api-Key", key).statusCode()).as("revoked key").isEqualTo(401);
        JsonNode asStaff = f.detail(app.loginCityAdmin(), id);
        assertThat(asStaff.get("reporterType").asText()).isEqualTo("LEGAL_ENTITY");
        assertThat(asStaff.get("reporterOrganisation").asText()).isEqualTo("TSZh Pobedy 10");
    }

    @Test
    void aRetryWithTheSameIdReturnsTheSameRequestAndAnotherPersonCannotReuseIt() {
        TestApp.Tokens resident = app.newResident();
        Map<String, Object> body = request("plumbing", f.building("vakhitovsky"), "The kitchen tap will not close");
        HttpResponse<String> first = app.post("/api/v1/requests", body, resident);
        HttpResponse<String> retry = app.post("/api/v1/requests", body, resident);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(TestApp.json(retry).get("summary").get("number").asText())
                .isEqualTo(TestApp.json(first).get("summary").get("number").asText());
        assertThat(app.database().count("SELECT count(*) FROM request WHERE id = '" + body.get("id") + "'")).isEqualTo(1);
        assertThat(app.post("/api/v1/requests", body, app.newResident()).statusCode()).isEqualTo(409);
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsCreated() {
        TestApp.Tokens resident = app.newResident();
        Map<String, Object> body = new HashMap<>();
        body.put("id", Ids.newId().toString());
        body.put("categoryCode", "teleportation");
        body.put("description", "short");
        body.put("location", Map.of("lat", 59.9386, "lon", 30.3141));   // St Petersburg
        body.put("priority", "EMERGENCY");
        body.put("flat", "12345678901");
        HttpResponse<String> response = app.post("/api/v1/requests", body, resident);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(response).get("errors").findValuesAsText("field"))
                .contains("categoryCode", "description", "location", "priority", "flat");
        assertThat(app.database().count("SELECT count(*) FROM request WHERE id = '" + body.get("id") + "'")).isZero();

        Map<String, Object> noPlace = request("plumbing", null, "Somewhere, something drips");
        assertThat(TestApp.json(app.post("/api/v1/requests", noPlace, resident)).get("errors").findValuesAsText("field"))
                .contains("location");
        Map<String, Object> noId = request("plumbing", f.building("vakhitovsky"), "Forgot the id of the request");
        noId.remove("id");
        assertThat(app.post("/api/v1/requests", noId, resident).statusCode()).isEqualTo(400);
    }

    @Test
    void aReportByPositionGetsTheNearestDistrictAndItsOrganisation() {
        TestApp.Tokens resident = app.newResident();
        Map<String, Object> body = request("yard", null, "Broken bench on the playground by the school");
        body.put("location", Map.of("lat", 55.7905, "lon", 49.2160));   // Sovetsky
        JsonNode detail = TestApp.json(app.post("/api/v1/requests", body, resident));
        assertThat(detail.get("summary").get("districtCode").asText()).isEqualTo("sovetsky");
        assertThat(detail.get("summary").get("organisationName").asText()).isEqualTo("УК «Жилсервис Советский»");
    }

    @Test
    void numbersArePerCityAndYearAndUniqueUnderConcurrentFiling() throws Exception {
        List<TestApp.Tokens> residents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            residents.add(app.newResident());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> numbers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                TestApp.Tokens who = residents.get(i % residents.size());
                numbers.add(pool.submit(() -> app.fileRequest(who, "plumbing", f.building("moskovsky"), "Concurrent report of a drip")
                        .get("summary").get("number").asText()));
            }
            Set<String> unique = new HashSet<>();
            for (Future<String> n : numbers) {
                assertThat(n.get()).matches("KZN-2026-\\d{6}");
                unique.add(n.get());
            }
            assertThat(unique).hasSize(40);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void noResponsibleOrganisationSendsTheRequestToTriageWithTheReason() {
        app.database().execute("""
                UPDATE responsibility SET valid_to = DATE '2026-01-01' WHERE category_id = (SELECT id FROM service_category WHERE code = 'snow')
                  AND district_id = (SELECT id FROM district WHERE code = 'aviastroitelny')""");
        JsonNode detail = app.fileRequest(app.newResident(), "snow", f.building("aviastroitelny"), "Icicles hang over the entrance");
        assertThat(status(detail)).isEqualTo("TRIAGE");
        assertThat(detail.get("summary").get("stage")).isNull();
        JsonNode triaged = detail.get("timeline").get(1);
        assertThat(triaged.get("detail").get("routedBy").asText()).isEqualTo("NONE");
        assertThat(triaged.get("text").asText()).isEqualTo("Передана диспетчеру города: за эту категорию здесь никто не отвечает");
    }

    @Test
    void severalResponsibleOrganisationsSendTheRequestToTriageNamingThem() {
        app.database().execute("""
                INSERT INTO responsibility (id, organisation_id, category_id, district_id, valid_from)
                SELECT uuid_v7(), (SELECT id FROM organisation WHERE code = 'chisty-gorod'), c.id, d.id, DATE '2020-01-01'
                FROM service_category c, district d WHERE c.code = 'yard' AND d.code = 'kirovsky'""");
        JsonNode detail = app.fileRequest(app.newResident(), "yard", f.building("kirovsky"), "The sandbox is full of broken glass");
        assertThat(status(detail)).isEqualTo("TRIAGE");
        JsonNode triaged = detail.get("timeline").get(1);
        assertThat(triaged.get("detail").get("routedBy").asText()).isEqualTo("SEVERAL_DISTRICT");
        assertThat(triaged.get("detail").get("organisations").asText()).as("codes for machines").isEqualTo("chisty-gorod,mc-kirovsky");
        assertThat(triaged.get("text").asText()).as("names for people").isEqualTo(
                "Передана диспетчеру города: за район отвечают несколько организаций: ООО «Чистый город», УК «Жилсервис Кировский»");
    }

    @Test
    void aBuildingsOwnResponsibilityWinsOverItsDistricts() {
        String building = f.building("novo-savinovsky");
        app.database().execute("INSERT INTO responsibility (id, organisation_id, category_id, building_id, valid_from) "
                                       + "SELECT uuid_v7(), (SELECT id FROM organisation WHERE code = 'mc-sovetsky'), id, '" + building
                                       + "', DATE '2020-01-01' FROM service_category WHERE code = 'roof'");
        JsonNode detail = app.fileRequest(app.newResident(), "roof", building, "Water comes through the top-floor ceiling");
        assertThat(status(detail)).isEqualTo("ROUTED");
        assertThat(detail.get("summary").get("organisationName").asText()).isEqualTo("УК «Жилсервис Советский»");
    }

    @Test
    void anOrganisationRejectsWithAReasonAndTheCityDispatcherReroutes() {
        JsonNode filed = app.fileRequest(app.newResident(), "entrance-lighting", f.building("vakhitovsky"), "No light on the third floor");
        String id = filed.get("summary").get("id").asText();
        TestApp.Tokens dispatcher = app.login("dispatcher");
        assertThat(f.act(dispatcher, id, RequestFixtures.action("REJECT")).statusCode()).as("a reason is needed").isEqualTo(400);
        HttpResponse<String> rejected = f.act(dispatcher, id, RequestFixtures.action("REJECT", "reason",
                                                                                      "The building is not ours since October"));
        assertThat(rejected.statusCode()).isEqualTo(204);
        assertThat(app.get("/api/v1/requests/" + id, dispatcher).statusCode()).as("no longer theirs").isEqualTo(404);

        TestApp.Tokens city = app.login("citydispatcher");
        JsonNode queue = TestApp.json(app.get("/api/v1/requests?status=TRIAGE", city));
        assertThat(queue.get("items").findValuesAsText("id")).contains(id);
        assertThat(status(f.detail(city, id))).isEqualTo("TRIAGE");
        JsonNode rerouted = f.actOk(city, id, RequestFixtures.action("REROUTE", "organisationId", f.organisation("mc-sovetsky"),
                                                                     "reason", "transferred to Sovetsky in October"));
        assertThat(status(rerouted)).isEqualTo("ROUTED");
        assertThat(rerouted.get("summary").get("organisationName").asText()).isEqualTo("УК «Жилсервис Советский»");
        assertThat(kinds(rerouted)).containsSubsequence("CREATED", "ROUTED", "REJECT", "REROUTED");
        assertThat(rerouted.get("timeline").toString()).contains("not ours since October");
        assertThat(app.get("/api/v1/requests/" + id, app.login("sovetsky.dispatcher")).statusCode()).isEqualTo(200);
    }

    private Map<String, Object> request(String category, String building, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", Ids.newId().toString());
        body.put("categoryCode", category);
        if (building != null) {
            body.put("buildingId", building);
        }
        body.put("description", description);
        return body;
    }

}
