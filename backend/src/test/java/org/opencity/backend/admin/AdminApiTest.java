package org.opencity.backend.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@WithApp
class AdminApiTest {

    private final TestApp app;

    AdminApiTest(TestApp app) {
        this.app = app;
    }

    @Test
    void anOrganisationAdminAddsATechnicianWhoCanThenSignIn() {
        TestApp.Tokens admin = app.login("orgadmin");
        HttpResponse<String> created = app.post("/api/v1/admin/users",
                                                user("vakh.roofer", List.of("TECHNICIAN"), Set.of("roofer", "cleaner"), null), admin);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode view = TestApp.json(created);
        assertThat(view.get("organisationId").asText()).isEqualTo(organisation("mc-vakhitovsky"));
        assertThat(view.get("skills")).hasSize(2);
        assertThat(app.login("vakh.roofer", "roof-password-1", UUID.randomUUID()).userId().toString())
                .isEqualTo(view.get("id").asText());
    }

    @Test
    void anOrganisationAdminCannotGrantCityRolesNorAddStaffElsewhere() {
        TestApp.Tokens admin = app.login("orgadmin");
        HttpResponse<String> cityRole = app.post("/api/v1/admin/users", user("vakh.boss", List.of("CITY_ADMIN"), Set.of(), null), admin);
        assertThat(cityRole.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(cityRole).get("errors").findValuesAsText("code")).contains("not-grantable");
        HttpResponse<String> elsewhere = app.post("/api/v1/admin/users",
                                                  user("sov.extra", List.of("TECHNICIAN"), Set.of(), organisation("mc-sovetsky")), admin);
        assertThat(elsewhere.statusCode()).isEqualTo(400);
    }

    @Test
    void anOrganisationAdminListsOnlyTheirOwnStaff() {
        TestApp.Tokens admin = app.login("orgadmin");
        JsonNode page = TestApp.json(app.get("/api/v1/admin/users?limit=200", admin));
        Set<String> organisations = new HashSet<>(page.get("items").findValuesAsText("organisationId"));
        assertThat(organisations).containsExactly(organisation("mc-vakhitovsky"));
        assertThat(page.get("items").findValuesAsText("login")).contains("plumber", "dispatcher").doesNotContain("sovetsky.plumber1");
    }

    @Test
    void theCityAdminPagesThroughEveryoneWithACursor() {
        TestApp.Tokens admin = app.loginCityAdmin();
        JsonNode first = TestApp.json(app.get("/api/v1/admin/users?limit=20", admin));
        assertThat(first.get("items")).hasSize(20);
        JsonNode second = TestApp.json(app.get("/api/v1/admin/users?limit=20&after=" + first.get("next").asText(), admin));
        Set<String> firstIds = new HashSet<>(first.get("items").findValuesAsText("id"));
        assertThat(second.get("items").findValuesAsText("id")).doesNotContainAnyElementsOf(firstIds);
        assertThat(app.get("/api/v1/admin/users?limit=1000", admin).statusCode()).isEqualTo(400);
        assertThat(TestApp.json(app.get("/api/v1/admin/users?role=RESIDENT&limit=200", admin)).get("items").findValuesAsText("phone"))
                .allSatisfy(phone -> assertThat(phone).contains("*"));
    }

    @Test
    void aTakenLoginIsAConflict() {
        TestApp.Tokens admin = app.login("orgadmin");
        assertThat(app.post("/api/v1/admin/users", user("plumber", List.of("TECHNICIAN"), Set.of(), null), admin).statusCode())
                .isEqualTo(409);
    }

    @Test
    void unknownFieldsAreRefusedSoNothingCanBeSlippedIn() {
        TestApp.Tokens admin = app.login("orgadmin");
        Map<String, Object> body = new HashMap<>(user("vakh.sneaky", List.of("TECHNICIAN"), Set.of(), null));
        body.put("kind", "RESIDENT");
        HttpResponse<String> response = app.post("/api/v1/admin/users", body, admin);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(response).get("errors").get(0).get("field").asText()).isEqualTo("kind");
        HttpResponse<String> patch = app.patch("/api/v1/admin/users/" + userId("plumber"), Map.of("organisationId",
                                                                                                  organisation("mc-sovetsky")), admin);
        assertThat(patch.statusCode()).isEqualTo(400);
    }

    @Test
    void passwordRulesAndFieldErrorsAreReportedTogether() {
        TestApp.Tokens admin = app.login("orgadmin");
        Map<String, Object> body = new HashMap<>();
        body.put("login", "x");
        body.put("password", "short");
        body.put("displayName", "");
        body.put("roles", List.of());
        HttpResponse<String> response = app.post("/api/v1/admin/users", body, admin);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(response).get("errors").findValuesAsText("field"))
                .contains("login", "password", "displayName", "roles");
    }

    @Test
    void changingRolesAndSkillsTakesEffect() {
        TestApp.Tokens admin = app.login("orgadmin");
        String id = userId("vakhitovsky.general1");
        HttpResponse<String> changed = app.patch("/api/v1/admin/users/" + id,
                                                 Map.of("roles", List.of("TECHNICIAN", "ORG_DISPATCHER"), "skills", List.of("roofer")),
                                                 admin);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(TestApp.json(changed).get("roles")).hasSize(2);
        assertThat(app.database().count("SELECT count(*) FROM user_role WHERE user_id = '" + id + "'")).isEqualTo(2);
        assertThat(app.database().count("SELECT count(*) FROM technician_skill WHERE user_id = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void anOrganisationAdminCannotTakeOverACityWideAccountOfItsOwnOrganisation() {
        // a city dispatcher employed by the Vakhitovsky company: the company's admin could not grant that role
        HttpResponse<String> created = app.post("/api/v1/admin/users", user("vakh.citywide", List.of("CITY_DISPATCHER"), Set.of(),
                                                                            organisation("mc-vakhitovsky")), app.loginCityAdmin());
        assertThat(created.statusCode()).isEqualTo(201);
        String id = TestApp.json(created).get("id").asText();
        TestApp.Tokens session = app.login("vakh.citywide", "roof-password-1", UUID.randomUUID());
        TestApp.Tokens orgAdmin = app.login("orgadmin");
        for (Map<String, ?> change : List.<Map<String, ?>>of(Map.of("password", "taken-over-password"), Map.of("active", false),
                                                  Map.of("displayName", "Mine now"), Map.of("skills", List.of("roofer")),
                                                  Map.of("locale", "tt"))) {
            HttpResponse<String> refused = app.patch("/api/v1/admin/users/" + id, change, orgAdmin);
            assertThat(refused.statusCode()).as(change + " " + refused.body()).isEqualTo(403);
        }
        assertThat(app.delete("/api/v1/admin/users/" + id + "/devices/" + session.deviceId(), orgAdmin).statusCode()).isEqualTo(403);
        assertThat(app.get("/api/v1/me", session).statusCode()).isEqualTo(200);
        JsonNode unchanged = TestApp.json(app.get("/api/v1/admin/users/" + id, orgAdmin));
        assertThat(unchanged.get("displayName").asText()).isEqualTo("Test vakh.citywide");
        assertThat(unchanged.get("active").asBoolean()).isTrue();
        assertThat(app.login("vakh.citywide", "roof-password-1", UUID.randomUUID()).userId().toString()).isEqualTo(id);
    }

    @Test
    void anOrganisationAdminCannotClaimAnotherOrganisationsBuildingsOrDistricts() {
        TestApp.Tokens admin = app.login("orgadmin");
        String lines = "/api/v1/admin/organisations/" + organisation("mc-vakhitovsky") + "/responsibilities";
        String building = single("""
                SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'sovetsky' LIMIT 1""");
        long before = app.database().count("SELECT count(*) FROM responsibility");
        assertThat(app.post(lines, Map.of("categoryCode", "plumbing", "buildingId", building), admin).statusCode()).isEqualTo(403);
        assertThat(app.post(lines, Map.of("categoryCode", "plumbing", "districtCode", "sovetsky"), admin).statusCode()).isEqualTo(403);
        assertThat(app.database().count("SELECT count(*) FROM responsibility")).isEqualTo(before);
    }

    @Test
    void responsibilitiesAreAddedByTheCityAndEndedNotDeleted() {
        TestApp.Tokens admin = app.loginCityAdmin();
        String org = organisation("mc-vakhitovsky");
        HttpResponse<String> added = app.post("/api/v1/admin/organisations/" + org + "/responsibilities",
                                              Map.of("categoryCode", "lift", "districtCode", "vakhitovsky"), admin);
        assertThat(added.statusCode()).isEqualTo(201);
        String id = TestApp.json(added).get("id").asText();
        // the organisation's own admin may end its line
        HttpResponse<String> ended = app.delete("/api/v1/admin/responsibilities/" + id, app.login("orgadmin"));
        assertThat(ended.statusCode()).isEqualTo(200);
        assertThat(TestApp.json(ended).get("validTo").asText()).isNotBlank();
        assertThat(app.database().count("SELECT count(*) FROM responsibility WHERE id = '" + id + "'")).isEqualTo(1);
        HttpResponse<String> both = app.post("/api/v1/admin/organisations/" + org + "/responsibilities",
                                             Map.of("categoryCode", "lift"), admin);
        assertThat(both.statusCode()).isEqualTo(400);
    }

    @Test
    void aResponsibilityForOneBuildingCarriesItsAddress() {
        TestApp.Tokens admin = app.loginCityAdmin();
        JsonNode building = TestApp.json(app.get("/api/v1/buildings?q=Baumana", admin)).get(0);
        HttpResponse<String> added = app.post("/api/v1/admin/organisations/" + organisation("mc-vakhitovsky") + "/responsibilities",
                                              Map.of("categoryCode", "intercom", "buildingId", building.get("id").asText()), admin);
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(TestApp.json(added).get("buildingAddressRu").asText()).isEqualTo(building.get("addressRu").asText());
        assertThat(TestApp.json(added).get("buildingAddressEn").asText()).isEqualTo(building.get("addressEn").asText());
    }

    @Test
    void theCityAdminRegistersAnOrganisationAndReadsTheSecurityLog() {
        TestApp.Tokens admin = app.loginCityAdmin();
        HttpResponse<String> created = app.post("/api/v1/admin/organisations",
                                                Map.of("code", "new-contractor", "kind", "CONTRACTOR", "nameEn", "New Contractor",
                                                       "nameRu", "Новый подрядчик"), admin);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(app.post("/api/v1/admin/organisations", Map.of("code", "new-contractor", "kind", "CONTRACTOR",
                                                                  "nameEn", "Again", "nameRu", "Снова"), admin).statusCode())
                .isEqualTo(409);
        JsonNode log = TestApp.json(app.get("/api/v1/admin/security-events?limit=2", admin));
        assertThat(log.get("items")).hasSize(2);
        assertThat(log.get("items").findValuesAsText("kind")).contains("SIGN_IN");
        JsonNode older = TestApp.json(app.get("/api/v1/admin/security-events?limit=2&after=" + log.get("next").asText(), admin));
        assertThat(older.get("items").get(0).get("at").asText()).isLessThanOrEqualTo(log.get("items").get(1).get("at").asText());
        assertThat(older.get("items").findValuesAsText("id")).doesNotContainAnyElementsOf(log.get("items").findValuesAsText("id"));
    }

    private Map<String, Object> user(String login, List<String> roles, Set<String> skills, String organisation) {
        Map<String, Object> body = new HashMap<>();
        body.put("login", login);
        body.put("password", "roof-password-1");
        body.put("displayName", "Test " + login);
        body.put("roles", roles);
        body.put("skills", skills);
        if (organisation != null) {
            body.put("organisationId", organisation);
        }
        return body;
    }

    private String organisation(String code) {
        return single("SELECT id FROM organisation WHERE code = '" + code + "'");
    }

    private String userId(String login) {
        return single("SELECT id FROM app_user WHERE login = '" + login + "'");
    }

    private String single(String sql) {
        try (var rows = app.database().client().execute().query(sql)) {
            return rows.findFirst().orElseThrow().column("id").get().toString();
        }
    }
}
