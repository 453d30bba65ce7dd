package org.opencity.backend.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Method;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencity.backend.Api;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On every route that takes an id, staff of one organisation asking for another organisation's
 * object get exactly the answer they get for an id that does not exist — never a 403 that
 * confirms the object, never its data. A new id route without a fixture here fails the test.
 */
@WithApp
class CrossOrganisationTest {

    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");
    private final TestApp app;
    /** Objects of the Sovetsky management company (organisation B), by path parameter. */
    private final Map<String, String> otherOrganisationsObjects = new HashMap<>();

    CrossOrganisationTest(TestApp app) {
        this.app = app;
    }

    @BeforeEach
    void objectsOfAnotherOrganisation() {
        if (!otherOrganisationsObjects.isEmpty()) {
            return;
        }
        TestApp.Tokens b = app.login("sovetsky.plumber1");
        otherOrganisationsObjects.put("userId", b.userId().toString());
        otherOrganisationsObjects.put("deviceId", b.deviceId().toString());
        otherOrganisationsObjects.put("organisationId", id("SELECT id FROM organisation WHERE code = 'mc-sovetsky'"));
        TestApp.Tokens resident = app.signInResident("+79000000002");
        String photo = UUID.randomUUID().toString();
        Map<String, Object> request = new java.util.HashMap<>();
        request.put("id", org.opencity.model.Ids.newId().toString());
        request.put("categoryCode", "plumbing");
        request.put("buildingId", building("sovetsky"));
        request.put("description", "Leaking tap in the kitchen");
        request.put("photos", List.of(Map.of("id", photo, "kind", "REPORT", "sha256", "a".repeat(64), "size", 1000)));
        otherOrganisationsObjects.put("requestId", TestApp.json(app.post("/api/v1/requests", request, resident))
                .get("summary").get("id").asText());
        otherOrganisationsObjects.put("photoId", photo);
        // the resident hears that Sovetsky accepted the request: a notification of theirs
        app.post("/api/v1/requests/" + otherOrganisationsObjects.get("requestId") + "/actions", Map.of("action", "ACCEPT"),
                 app.login("sovetsky.dispatcher"));
        otherOrganisationsObjects.put("notificationId", TestApp.json(app.get("/api/v1/me/notifications", resident))
                .get("items").get(0).get("id").asText());
        otherOrganisationsObjects.put("clientId", TestApp.json(app.post("/api/v1/admin/api-clients", Map.of("name", "City 311"),
                                                                        app.loginCityAdmin())).get("id").asText());
        otherOrganisationsObjects.put("feedbackId", TestApp.json(app.post("/api/v1/public/feedback", Map.of(
                "kind", "COMMENT", "text", "The park benches need paint"))).get("id").asText());
        otherOrganisationsObjects.put("responsibilityId", id("""
                SELECT r.id FROM responsibility r JOIN organisation o ON o.id = r.organisation_id
                WHERE o.code = 'mc-sovetsky' LIMIT 1"""));
        otherOrganisationsObjects.put("reportId", TestApp.json(app.post("/api/v1/reports/saved", Map.of(
                "name", "Sovetsky's own " + UUID.randomUUID(), "query", Map.of("measures", List.of("COUNT"))), app.login("sovetsky.dispatcher")))
                .get("id").asText());
        otherOrganisationsObjects.put("categoryCode", "plumbing");
        otherOrganisationsObjects.put("date", "2027-01-11");
    }

    @Test
    void aTechnicianOfAnotherOrganisationCannotTellObjectsFromMissingIds() {
        everyIdRouteAnswersAlike(app.login("plumber"));
    }

    @Test
    void anOrganisationAdminOfAnotherOrganisationCannotTellObjectsFromMissingIds() {
        everyIdRouteAnswersAlike(app.login("orgadmin"));
    }

    @Test
    void aDispatcherOfAnotherOrganisationCannotTellObjectsFromMissingIds() {
        everyIdRouteAnswersAlike(app.login("dispatcher"));
    }

    private void everyIdRouteAnswersAlike(TestApp.Tokens caller) {
        int checked = 0;
        for (AccessPolicy.Rule rule : Api.policy().rules()) {
            if (!rule.path().contains("{") || rule.audience() == AccessPolicy.Audience.PUBLIC) {
                continue;   // public routes show everyone the same (PublicStatusTest proves what they leave out)
            }
            if (rule.path().startsWith("/open311/")) {
                continue;   // its only path parameter is the format; a client may post only to its own requests (Open311FlowTest)
            }
            String theirs = fill(rule.path(), otherOrganisationsObjects);
            String missing = fill(rule.path(), Map.of());
            HttpResponse<String> forTheirs = call(rule.method(), theirs, caller);
            HttpResponse<String> forMissing = call(rule.method(), missing, caller);
            assertThat(forTheirs.statusCode()).as(rule.method().text() + " " + theirs).isIn(401, 403, 404)
                    .isEqualTo(forMissing.statusCode());
            assertThat(problem(forTheirs)).as(rule.method().text() + " " + rule.path()).isEqualTo(problem(forMissing));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    private String fill(String path, Map<String, String> values) {
        Matcher m = PARAM.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            assertThat(otherOrganisationsObjects).as("a fixture for {" + name + "} in " + path).containsKey(name);
            m.appendReplacement(out, values.getOrDefault(name, UUID.randomUUID().toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private HttpResponse<String> call(Method method, String path, TestApp.Tokens caller) {
        Map<String, Object> body = switch (path.endsWith("/actions") ? "action" : path.contains("/responsibilities") ? "responsibility"
                : path.contains("/slas/") ? "sla" : path.contains("/organisations/") ? "organisation" : "user") {
            case "action" -> Map.of("action", "COMMENT", "text", "hello");
            case "sla" -> Map.of("ACCEPT", 60);
            case "responsibility" -> Map.of("categoryCode", "plumbing", "districtCode", "sovetsky");
            case "organisation" -> Map.of("nameEn", "Renamed");
            default -> Map.of("displayName", "Renamed");
        };
        return method.equals(Method.GET) || method.equals(Method.DELETE)
                ? app.send(java.net.http.HttpRequest.newBuilder(app.uri(path))
                                   .method(method.text(), java.net.http.HttpRequest.BodyPublishers.noBody())
                                   .header("Authorization", "Bearer " + caller.access()).build())
                : app.json(method.text(), path, body, "Authorization", "Bearer " + caller.access());
    }

    private static List<String> problem(HttpResponse<String> response) {
        JsonNode p = TestApp.json(response);
        return List.of(p.path("type").asText(), p.path("title").asText(), p.path("detail").asText());
    }

    private String building(String district) {
        return id("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = '" + district + "' LIMIT 1");
    }

    private String id(String sql) {
        try (var rows = app.database().client().execute().query(sql)) {
            return rows.findFirst().orElseThrow().column("id").get().toString();
        }
    }
}
