package org.opencity.backend.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stage deadlines over HTTP on the demo city: the city's standard, organisations' stricter
 * targets, and the deadlines new requests get from them. Each test works on a category of its own
 * (the application and its database are shared by the class). The demo clock stands on a
 * Wednesday morning, so a few hours of business time end the same day.
 */
@WithApp
class SlaAdminTest {

    private final TestApp app;

    SlaAdminTest(TestApp app) {
        this.app = app;
    }

    @Test
    void anOrganisationsTargetsSetTheAcceptAndStartDeadlinesOfItsNewRequests() {
        TestApp.Tokens orgAdmin = app.login("orgadmin");
        HttpResponse<String> set = app.put(slas("mc-vakhitovsky", "plumbing"), Map.of("ACCEPT", 60, "START", 120), orgAdmin);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(TestApp.json(set).get("organisationMinutes").get("ACCEPT").asInt()).isEqualTo(60);

        TestApp.Tokens resident = app.newResident();
        JsonNode ours = app.fileRequest(resident, "plumbing", building("vakhitovsky"), "The kitchen tap drips all night").get("summary");
        assertThat(ours.get("stage").asText()).isEqualTo("ACCEPT");
        assertThat(minutesFromFiling(ours)).isEqualTo(60);

        String id = ours.get("id").asText();
        Instant accepted = app.clock().instant();
        HttpResponse<String> accept = app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ACCEPT"), app.login("dispatcher"));
        assertThat(accept.statusCode()).as(accept.body()).isEqualTo(200);
        JsonNode afterAccept = TestApp.json(app.get("/api/v1/requests/" + id, resident)).get("summary");
        assertThat(afterAccept.get("stage").asText()).isEqualTo("START");
        assertThat(Duration.between(accepted, Instant.parse(afterAccept.get("dueAt").asText())).toMinutes()).isEqualTo(120);

        // another organisation's request of the same category keeps the city's standard
        JsonNode theirs = app.fileRequest(resident, "plumbing", building("sovetsky"), "The kitchen tap drips all night").get("summary");
        assertThat(minutesFromFiling(theirs)).isEqualTo(240);
    }

    @Test
    void aRunningDeadlineKeepsItsMinutesAndOnlyNewStagesGetTheTarget() {
        TestApp.Tokens resident = app.newResident();
        JsonNode before = app.fileRequest(resident, "entrance-lighting", building("vakhitovsky"), "The light on floor 3 is out")
                .get("summary");
        assertThat(minutesFromFiling(before)).isEqualTo(240);

        assertThat(app.put(slas("mc-vakhitovsky", "entrance-lighting"), Map.of("ACCEPT", 90), app.login("orgadmin")).statusCode())
                .isEqualTo(200);

        JsonNode running = TestApp.json(app.get("/api/v1/requests/" + before.get("id").asText(), resident)).get("summary");
        assertThat(running.get("dueAt").asText()).isEqualTo(before.get("dueAt").asText());
        JsonNode after = app.fileRequest(resident, "entrance-lighting", building("vakhitovsky"), "The light on floor 4 is out")
                .get("summary");
        assertThat(minutesFromFiling(after)).isEqualTo(90);
    }

    @Test
    void aTargetLongerThanTheCityStandardIsRefusedAndNothingIsStored() {
        TestApp.Tokens orgAdmin = app.login("orgadmin");
        HttpResponse<String> longer = app.put(slas("mc-vakhitovsky", "intercom"), Map.of("ACCEPT", 100, "START", 961), orgAdmin);
        assertThat(longer.statusCode()).isEqualTo(400);
        assertThat(fieldErrors(longer)).containsExactly("START:above-city-standard");
        assertThat(app.database().count("""
                SELECT count(*) FROM organisation_sla s JOIN service_category c ON c.id = s.category_id WHERE c.code = 'intercom'"""))
                .isZero();

        HttpResponse<String> equal = app.put(slas("mc-vakhitovsky", "intercom"), Map.of("START", 960), orgAdmin);
        assertThat(equal.statusCode()).as(equal.body()).isEqualTo(200);
    }

    @Test
    void stagesAndMinutesAreCheckedTogether() {
        TestApp.Tokens orgAdmin = app.login("orgadmin");
        Map<String, Object> body = new HashMap<>();
        body.put("CONFIRM", 60);
        body.put("FINISH", 60);
        body.put("ACCEPT", 0);
        HttpResponse<String> bad = app.put(slas("mc-vakhitovsky", "yard"), body, orgAdmin);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(fieldErrors(bad)).containsExactlyInAnyOrder("CONFIRM:city-only", "FINISH:unknown", "ACCEPT:range");
        assertThat(app.put(slas("mc-vakhitovsky", "yard"), Map.of(), orgAdmin).statusCode()).isEqualTo(400);

        TestApp.Tokens cityAdmin = app.loginCityAdmin();
        HttpResponse<String> cityBad = app.put("/api/v1/admin/slas/yard", "{\"COMPLETE\": " + (Slas.MAX_MINUTES + 1) + ", \"START\": null}",
                                               cityAdmin);
        assertThat(cityBad.statusCode()).isEqualTo(400);
        assertThat(fieldErrors(cityBad)).containsExactlyInAnyOrder("COMPLETE:range", "START:required");
        assertThat(app.put("/api/v1/admin/slas/no-such-category", Map.of("ACCEPT", 60), cityAdmin).statusCode()).isEqualTo(404);
        assertThat(app.put(slas("mc-vakhitovsky", "no-such-category"), Map.of("ACCEPT", 60), orgAdmin).statusCode()).isEqualTo(404);
    }

    @Test
    void theCityAdminSetsTheStandardAndTargetsAboveItComeDown() {
        TestApp.Tokens orgAdmin = app.login("orgadmin");
        assertThat(app.put(slas("mc-vakhitovsky", "roof"), Map.of("ACCEPT", 300, "START", 900), orgAdmin).statusCode()).isEqualTo(200);

        TestApp.Tokens cityAdmin = app.loginCityAdmin();
        HttpResponse<String> lowered = app.put("/api/v1/admin/slas/roof", Map.of("START", 600, "COMPLETE", 4000), cityAdmin);
        assertThat(lowered.statusCode()).as(lowered.body()).isEqualTo(200);
        JsonNode view = TestApp.json(lowered);
        assertThat(view.get("cityMinutes").get("START").asInt()).isEqualTo(600);
        assertThat(view.get("cityMinutes").get("ACCEPT").asInt()).as("a stage not given keeps its minutes").isEqualTo(480);
        assertThat(view.has("organisationMinutes")).isFalse();

        JsonNode roof = category(TestApp.json(app.get("/api/v1/admin/slas?lang=en", orgAdmin)), "roof");
        assertThat(roof.get("name").asText()).isNotBlank();
        assertThat(roof.get("cityMinutes").get("START").asInt()).isEqualTo(600);
        assertThat(roof.get("organisationMinutes").get("START").asInt()).isEqualTo(600);
        assertThat(roof.get("organisationMinutes").get("ACCEPT").asInt()).isEqualTo(300);
        assertThat(app.database().count("""
                SELECT count(*) FROM security_event WHERE kind = 'SLA_CHANGED' AND detail->>'category' = 'roof'
                  AND detail->>'scope' = 'city' AND detail->>'organisationTargetsLowered' = '1'""")).isEqualTo(1);
    }

    @Test
    void theCityAdminSeesEveryActiveCategoryWithTheStandardAlone() {
        JsonNode all = TestApp.json(app.get("/api/v1/admin/slas", app.loginCityAdmin()));
        assertThat(all).hasSize((int) app.database().count("SELECT count(*) FROM service_category WHERE active"));
        JsonNode leak = category(all, "water-leak");
        assertThat(leak.get("emergency").asBoolean()).isTrue();
        assertThat(leak.get("cityMinutes").get("CONFIRM").asInt()).isEqualTo(4320);
        all.forEach(c -> assertThat(c.has("organisationMinutes")).isFalse());
    }

    @Test
    void anOrganisationAdminReachesOnlyTheirOwnOrganisationAndNeverTheStandard() {
        TestApp.Tokens orgAdmin = app.login("orgadmin");
        assertThat(app.put(slas("mc-sovetsky", "snow"), Map.of("ACCEPT", 60), orgAdmin).statusCode()).isEqualTo(404);
        assertThat(app.get("/api/v1/admin/organisations/" + organisation("mc-sovetsky") + "/slas", orgAdmin).statusCode())
                .isEqualTo(404);
        assertThat(app.put("/api/v1/admin/slas/snow", Map.of("ACCEPT", 60), orgAdmin).statusCode()).isEqualTo(403);
        assertThat(app.put(slas("mc-vakhitovsky", "snow"), Map.of("ACCEPT", 60), app.login("dispatcher")).statusCode())
                .isEqualTo(403);
        assertThat(app.database().count("""
                SELECT count(*) FROM organisation_sla s JOIN service_category c ON c.id = s.category_id WHERE c.code = 'snow'"""))
                .isZero();
    }

    @Test
    void theCityAdminSetsAndDropsAnOrganisationsTargets() {
        TestApp.Tokens cityAdmin = app.loginCityAdmin();
        assertThat(app.put(slas("mc-sovetsky", "refuse"), Map.of("ACCEPT", 120, "START", 240), cityAdmin).statusCode()).isEqualTo(200);
        JsonNode one = TestApp.json(app.put(slas("mc-sovetsky", "refuse"), "{\"START\": null}", cityAdmin));
        assertThat(one.get("organisationMinutes").fieldNames()).toIterable().containsExactly("ACCEPT");

        assertThat(app.delete(slas("mc-sovetsky", "refuse"), cityAdmin).statusCode()).isEqualTo(204);
        JsonNode refuse = category(TestApp.json(app.get("/api/v1/admin/organisations/" + organisation("mc-sovetsky") + "/slas",
                                                        cityAdmin)), "refuse");
        assertThat(refuse.get("organisationMinutes").isEmpty()).isTrue();
        assertThat(app.delete(slas("mc-sovetsky", "no-such-category"), cityAdmin).statusCode()).isEqualTo(404);
    }

    private long minutesFromFiling(JsonNode summary) {
        return Duration.between(Instant.parse(summary.get("createdAt").asText()), Instant.parse(summary.get("dueAt").asText()))
                .toMinutes();
    }

    private String slas(String organisationCode, String category) {
        return "/api/v1/admin/organisations/" + organisation(organisationCode) + "/slas/" + category;
    }

    private static JsonNode category(JsonNode list, String code) {
        for (JsonNode c : list) {
            if (c.get("categoryCode").asText().equals(code)) {
                return c;
            }
        }
        throw new AssertionError("no category " + code + " in " + list);
    }

    private static List<String> fieldErrors(HttpResponse<String> response) {
        List<String> errors = new ArrayList<>();
        TestApp.json(response).get("errors").forEach(e -> errors.add(e.get("field").asText() + ":" + e.get("code").asText()));
        return errors;
    }

    private String organisation(String code) {
        return single("SELECT id FROM organisation WHERE code = '" + code + "'");
    }

    private String building(String district) {
        return single("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = '" + district
                              + "' ORDER BY b.street_ru, b.house LIMIT 1");
    }

    private String single(String sql) {
        try (var rows = app.database().client().execute().query(sql)) {
            return rows.findFirst().orElseThrow(() -> new AssertionError("no row: " + sql)).column(1).get().toString();
        }
    }
}
