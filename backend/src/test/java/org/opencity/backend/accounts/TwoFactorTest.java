package org.opencity.backend.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.demo.DemoCity;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@WithApp
class TwoFactorTest {

    private final TestApp app;

    TwoFactorTest(TestApp app) {
        this.app = app;
    }

    @Test
    void onceTurnedOnSignInNeedsTheAuthenticatorCodeAndACodeCannotBeReplayed() {
        TestApp.Tokens session = app.login("orgadmin");
        String secret = TestApp.json(app.post("/api/v1/me/totp", Map.of(), session)).get("secret").asText();
        HttpResponse<String> confirmed = app.post("/api/v1/me/totp/confirm", Map.of("code", app.totpCode(secret)), session);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(TestApp.json(confirmed).get("codes")).hasSize(10);

        HttpResponse<String> withoutCode = login("orgadmin", null, null);
        assertThat(withoutCode.statusCode()).isEqualTo(401);
        assertThat(TestApp.json(withoutCode).get("type").asText()).isEqualTo("/problems/totp-required");

        String code = app.totpCode(secret);
        assertThat(login("orgadmin", code, null).statusCode()).isEqualTo(200);
        assertThat(login("orgadmin", code, null).statusCode()).as("the same code again").isEqualTo(401);
        assertThat(login("orgadmin", "000000".equals(app.totpCode(secret)) ? "111111" : "000000", null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aRecoveryCodeSignsInOnce() {
        TestApp.Tokens session = app.login("kazanlift.dispatcher");
        String secret = TestApp.json(app.post("/api/v1/me/totp", Map.of(), session)).get("secret").asText();
        JsonNode codes = TestApp.json(app.post("/api/v1/me/totp/confirm", Map.of("code", app.totpCode(secret)), session))
                .get("codes");
        String recovery = codes.get(3).asText();
        assertThat(login("kazanlift.dispatcher", null, recovery.toUpperCase()).statusCode()).isEqualTo(200);
        assertThat(login("kazanlift.dispatcher", null, recovery).statusCode()).isEqualTo(401);
    }

    @Test
    void theDemoCityAdminSignsInWithThePublishedAuthenticatorSecret() {
        HttpResponse<String> withoutCode = login("cityadmin", null, null);
        assertThat(TestApp.json(withoutCode).get("type").asText()).isEqualTo("/problems/totp-required");
        TestApp.Tokens admin = app.loginCityAdmin();
        assertThat(app.get("/api/v1/admin/security-events", admin).statusCode()).isEqualTo(200);
    }

    @Test
    void aNewCityAdminMustSetUpTwoFactorSignInBeforeDoingAnythingElse() {
        TestApp.Tokens admin = app.loginCityAdmin();
        UUID committee = UUID.fromString(TestApp.json(app.get("/api/v1/admin/organisations", admin)).findValues("id").stream()
                .filter(id -> app.database().count("SELECT count(*) FROM organisation WHERE kind = 'CITY_COMMITTEE' AND id = '"
                                                           + id.asText() + "'") == 1)
                .findFirst().orElseThrow().asText());
        Map<String, Object> user = new HashMap<>();
        user.put("login", "newcityadmin");
        user.put("password", "a long new password");
        user.put("displayName", "New City Admin");
        user.put("roles", List.of("CITY_ADMIN"));
        user.put("organisationId", committee.toString());
        assertThat(app.post("/api/v1/admin/users", user, admin).statusCode()).isEqualTo(201);

        TestApp.Tokens fresh = app.login("newcityadmin", "a long new password", UUID.randomUUID());
        assertThat(TestApp.json(app.get("/api/v1/me", fresh)).get("totpEnrollmentRequired").asBoolean()).isTrue();
        HttpResponse<String> blocked = app.get("/api/v1/admin/users", fresh);
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(TestApp.json(blocked).get("type").asText()).isEqualTo("/problems/totp-enrollment-required");

        String secret = TestApp.json(app.post("/api/v1/me/totp", Map.of(), fresh)).get("secret").asText();
        assertThat(app.post("/api/v1/me/totp/confirm", Map.of("code", app.totpCode(secret)), fresh).statusCode()).isEqualTo(200);
        assertThat(app.get("/api/v1/admin/users", fresh).statusCode()).isEqualTo(200);
        assertThat(app.post("/api/v1/me/totp/disable", Map.of("code", app.totpCode(secret)), fresh).statusCode())
                .as("a city admin may not turn it off").isEqualTo(409);
    }

    @Test
    void aRoleThatDoesNotRequireItMayTurnItOffWithACode() {
        TestApp.Tokens session = app.login("sovetsky.dispatcher");
        String secret = TestApp.json(app.post("/api/v1/me/totp", Map.of(), session)).get("secret").asText();
        app.post("/api/v1/me/totp/confirm", Map.of("code", app.totpCode(secret)), session);
        assertThat(app.post("/api/v1/me/totp/disable", Map.of("code", "123456".equals(app.totpCode(secret)) ? "654321" : "123456"),
                            session).statusCode()).isEqualTo(400);
        assertThat(app.post("/api/v1/me/totp/disable", Map.of("code", app.totpCode(secret)), session).statusCode()).isEqualTo(204);
        assertThat(login("sovetsky.dispatcher", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theEnrollmentUriIsReadyForAQrCode() {
        TestApp.Tokens session = app.login("privolzhsky.dispatcher");
        JsonNode enrollment = TestApp.json(app.post("/api/v1/me/totp", Map.of(), session));
        assertThat(enrollment.get("secret").asText()).matches("[A-Z2-7]{32}");
        assertThat(enrollment.get("otpauthUri").asText())
                .startsWith("otpauth://totp/Open%20City%3Aprivolzhsky.dispatcher?secret=" + enrollment.get("secret").asText())
                .contains("issuer=Open%20City").contains("digits=6").contains("period=30");
    }

    private HttpResponse<String> login(String login, String totp, String recovery) {
        Map<String, Object> body = new HashMap<>();
        body.put("login", login);
        body.put("password", DemoCity.DEMO_PASSWORD);
        body.put("device", TestApp.device(UUID.randomUUID()));
        if (totp != null) {
            body.put("totpCode", totp);
        }
        if (recovery != null) {
            body.put("recoveryCode", recovery);
        }
        return app.post("/api/v1/auth/login", body);
    }
}
