package org.opencity.backend.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.demo.DemoCity;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@WithApp
class SessionsTest {

    private final TestApp app;

    SessionsTest(TestApp app) {
        this.app = app;
    }

    @Test
    void anAccessTokenWorksForFifteenMinutes() {
        TestApp.Tokens session = app.login("plumber");
        app.clock().advance(Duration.ofMinutes(14));
        assertThat(app.get("/api/v1/me", session).statusCode()).isEqualTo(200);
        app.clock().advance(Duration.ofMinutes(2));
        HttpResponse<String> expired = app.get("/api/v1/me", session);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(TestApp.json(expired).get("type").asText()).isEqualTo("/problems/token-invalid");
    }

    @Test
    void refreshingRotatesTheRefreshToken() {
        TestApp.Tokens first = app.login("electrician");
        TestApp.Tokens second = refresh(first.refresh());
        assertThat(second.refresh()).isNotEqualTo(first.refresh());
        assertThat(second.access()).isNotEqualTo(first.access());
        assertThat(app.get("/api/v1/me", second).statusCode()).isEqualTo(200);
        assertThat(refresh(second.refresh()).userId()).isEqualTo(first.userId());
    }

    @Test
    void reusingASpentRefreshTokenRevokesTheWholeFamily() {
        TestApp.Tokens first = app.login("aviastroitelny.plumber1");
        TestApp.Tokens second = refresh(first.refresh());
        app.clock().advance(Duration.ofMinutes(2));   // past the retry window: this is theft
        HttpResponse<String> reuse = refreshResponse(first.refresh());
        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(refreshResponse(second.refresh()).statusCode()).as("the thief's successor").isEqualTo(401);
        assertThat(app.get("/api/v1/me", second).statusCode()).as("its access token").isEqualTo(401);
        assertThat(app.database().count("SELECT count(*) FROM security_event WHERE kind = 'TOKEN_REUSE' AND user_id = '"
                                                + first.userId() + "'")).isEqualTo(1);
    }

    @Test
    void aRefreshRetriedWithinTheGraceWindowGetsANewPairAndKeepsTheSession() {
        TestApp.Tokens first = app.login("aviastroitelny.plumber2");
        TestApp.Tokens lost = refresh(first.refresh());          // the response never reached the phone
        app.clock().advance(Duration.ofSeconds(20));
        TestApp.Tokens retried = TestApp.tokens(refreshResponse(first.refresh(), first.deviceId()));   // the same phone
        assertThat(retried.refresh()).isNotEqualTo(lost.refresh());
        assertThat(refreshResponse(lost.refresh()).statusCode()).as("the lost pair is void").isEqualTo(401);
        assertThat(app.get("/api/v1/me", retried).statusCode()).isEqualTo(200);
        assertThat(refresh(retried.refresh()).userId()).isEqualTo(first.userId());
    }

    @Test
    void aSpentRefreshTokenReplayedWithinTheGraceWindowByAnotherClientEndsTheFamily() {
        TestApp.Tokens first = app.login("moskovsky.plumber1");
        TestApp.Tokens legitimate = refresh(first.refresh());   // the phone got its pair and has not used it yet
        app.clock().advance(Duration.ofSeconds(10));
        assertThat(refreshResponse(first.refresh()).statusCode()).as("a replay naming no device").isEqualTo(401);
        assertThat(refreshResponse(legitimate.refresh(), first.deviceId()).statusCode()).as("the family is gone").isEqualTo(401);
        assertThat(app.get("/api/v1/me", legitimate).statusCode()).isEqualTo(401);

        TestApp.Tokens again = app.login("moskovsky.plumber1");
        refresh(again.refresh());
        assertThat(refreshResponse(again.refresh(), UUID.randomUUID()).statusCode()).as("a replay naming another device").isEqualTo(401);
        assertThat(app.database().count("SELECT count(*) FROM security_event WHERE kind = 'TOKEN_REUSE' AND user_id = '"
                                                + first.userId() + "'")).isEqualTo(2);
    }

    @Test
    void aReplayAfterTheLegitimateSuccessorWasUsedEndsTheFamilyEvenFromTheSameDevice() {
        TestApp.Tokens first = app.login("moskovsky.plumber2");
        TestApp.Tokens second = refresh(first.refresh());
        TestApp.Tokens third = refresh(second.refresh());
        app.clock().advance(Duration.ofSeconds(5));
        // the first token's successor has been spent: whoever replays it now is not retrying
        assertThat(refreshResponse(first.refresh(), first.deviceId()).statusCode()).isEqualTo(401);
        assertThat(app.get("/api/v1/me", third).statusCode()).isEqualTo(401);
    }

    @Test
    void aDisabledTechnicianIsRefusedOnTheNextCall() {
        TestApp.Tokens technician = app.login("vakhitovsky.electrician1");
        assertThat(app.get("/api/v1/me", technician).statusCode()).isEqualTo(200);
        TestApp.Tokens admin = app.login("orgadmin");
        HttpResponse<String> disabled = app.patch("/api/v1/admin/users/" + technician.userId(), Map.of("active", false), admin);
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(app.get("/api/v1/me", technician).statusCode()).isEqualTo(401);
        assertThat(refreshResponse(technician.refresh()).statusCode()).isEqualTo(401);
    }

    @Test
    void aRevokedDeviceIsRefusedOnTheNextCall() {
        TestApp.Tokens phone = app.login("novo-savinovsky.plumber1");
        TestApp.Tokens laptop = app.login("novo-savinovsky.plumber1");
        assertThat(app.delete("/api/v1/me/devices/" + phone.deviceId(), laptop).statusCode()).isEqualTo(204);
        assertThat(app.get("/api/v1/me", phone).statusCode()).isEqualTo(401);
        assertThat(app.get("/api/v1/me", laptop).statusCode()).isEqualTo(200);
        JsonNode devices = TestApp.json(app.get("/api/v1/me/devices", laptop));
        assertThat(devices).hasSize(2);
    }

    @Test
    void revokingAnotherAccountsDeviceIsNotFoundAndSignsNobodyOut() {
        TestApp.Tokens owner = app.login("kirovsky.plumber1");
        TestApp.Tokens stranger = app.login("kirovsky.plumber2");
        assertThat(app.delete("/api/v1/me/devices/" + owner.deviceId(), stranger).statusCode()).isEqualTo(404);
        assertThat(app.get("/api/v1/me", owner).statusCode()).isEqualTo(200);
        assertThat(refresh(owner.refresh()).userId()).isEqualTo(owner.userId());
    }

    @Test
    void anAdminRevokingAnotherOrganisationsDeviceThroughOwnStaffChangesNothing() {
        TestApp.Tokens owner = app.login("sovetsky.plumber2");
        String ownStaff = app.login("electrician").userId().toString();
        HttpResponse<String> refused = app.delete("/api/v1/admin/users/" + ownStaff + "/devices/" + owner.deviceId(),
                                                  app.login("orgadmin"));
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(app.get("/api/v1/me", owner).statusCode()).isEqualTo(200);
    }

    @Test
    void signingOutEndsTheSession() {
        TestApp.Tokens session = app.login("novo-savinovsky.plumber2");
        assertThat(app.post("/api/v1/auth/logout", Map.of(), session).statusCode()).isEqualTo(204);
        assertThat(app.get("/api/v1/me", session).statusCode()).isEqualTo(401);
        assertThat(refreshResponse(session.refresh()).statusCode()).isEqualTo(401);
    }

    @Test
    void aTechnicianOfflineForAWeekendCanStillRefresh() {
        TestApp.Tokens session = app.login("kirovsky.plumber1");
        app.clock().advance(Duration.ofDays(3));
        assertThat(refreshResponse(session.refresh()).statusCode()).isEqualTo(200);
    }

    @Test
    void aRefreshTokenUnusedForFourteenDaysLapses() {
        TestApp.Tokens session = app.login("kirovsky.electrician1");
        app.clock().advance(Duration.ofDays(14).plusMinutes(1));
        assertThat(refreshResponse(session.refresh()).statusCode()).isEqualTo(401);
    }

    @Test
    void aSessionEndsAfterSixtyDaysHoweverOftenItIsRefreshed() {
        TestApp.Tokens session = app.login("moskovsky.plumber1");
        for (int i = 0; i < 4; i++) {
            app.clock().advance(Duration.ofDays(13));
            session = refresh(session.refresh());
        }
        app.clock().advance(Duration.ofDays(9));   // 61 days after sign-in
        assertThat(refreshResponse(session.refresh()).statusCode()).isEqualTo(401);
    }

    @Test
    void aDeviceIdOfAnotherAccountIsRefused() {
        UUID device = UUID.randomUUID();
        app.login("moskovsky.plumber2", DemoCity.DEMO_PASSWORD, device);
        HttpResponse<String> other = app.post("/api/v1/auth/login", Map.of("login", "moskovsky.electrician1",
                                                                           "password", DemoCity.DEMO_PASSWORD,
                                                                           "device", TestApp.device(device)));
        assertThat(other.statusCode()).isEqualTo(409);
    }

    @Test
    void aMalformedOrUnknownTokenIsRefused() {
        assertThat(app.get("/api/v1/me", "Authorization", "Bearer nonsense").statusCode()).isEqualTo(401);
        assertThat(app.get("/api/v1/me", "Authorization", "Basic dXNlcjpwYXNz").statusCode()).isEqualTo(401);
        assertThat(app.get("/api/v1/me", "Authorization", "Bearer oca_" + "A".repeat(43)).statusCode()).isEqualTo(401);
        assertThat(refreshResponse("ocr_" + "A".repeat(43)).statusCode()).isEqualTo(401);
    }

    private TestApp.Tokens refresh(String token) {
        return TestApp.tokens(refreshResponse(token));
    }

    private HttpResponse<String> refreshResponse(String token) {
        return app.post("/api/v1/auth/refresh", Map.of("refreshToken", token));
    }

    private HttpResponse<String> refreshResponse(String token, UUID device) {
        return app.post("/api/v1/auth/refresh", Map.of("refreshToken", token, "deviceId", device.toString()));
    }
}
