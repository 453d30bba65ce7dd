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
class PasswordSignInTest {

    private final TestApp app;

    PasswordSignInTest(TestApp app) {
        this.app = app;
    }

    @Test
    void staffSignInWithLoginAndPasswordAndSeeTheirRoles() {
        HttpResponse<String> response = login("dispatcher", DemoCity.DEMO_PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode session = TestApp.json(response);
        assertThat(session.get("accessToken").asText()).startsWith("oca_");
        assertThat(session.get("refreshToken").asText()).startsWith("ocr_");
        assertThat(session.get("me").get("roles").get(0).asText()).isEqualTo("ORG_DISPATCHER");
        assertThat(session.get("me").get("totpEnrollmentRequired").asBoolean()).isFalse();
    }

    @Test
    void theLoginIsNotCaseSensitive() {
        assertThat(login("Electrician", DemoCity.DEMO_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordAndAnUnknownLoginGetTheSameAnswer() {
        HttpResponse<String> wrong = login("plumber", "not the password");
        HttpResponse<String> unknown = login("nobody-at-all", "not the password");
        assertThat(wrong.statusCode()).isEqualTo(401).isEqualTo(unknown.statusCode());
        assertThat(problem(wrong)).isEqualTo(problem(unknown));
    }

    @Test
    void repeatedFailuresLockTheAccountForFifteenMinutesEvenForTheRightPassword() {
        for (int i = 0; i < 5; i++) {
            assertThat(login("vakhitovsky.plumber2", "wrong password " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = login("vakhitovsky.plumber2", DemoCity.DEMO_PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(800L, 900L);
        app.clock().advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(login("vakhitovsky.plumber2", DemoCity.DEMO_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void eachFurtherFailureWaitsLongerBeforeAnswering() {
        assertThat(PasswordSignIn.delayAfter(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(PasswordSignIn.delayAfter(3)).isEqualTo(Duration.ofMillis(1000));
        assertThat(PasswordSignIn.delayAfter(20)).isEqualTo(Duration.ofSeconds(4));
        login("kirovsky.plumber2", "wrong 1");
        login("kirovsky.plumber2", "wrong 2");
        long started = System.nanoTime();
        assertThat(login("kirovsky.plumber2", "wrong 3").statusCode()).isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void aDisabledAccountCannotSignIn() {
        app.database().execute("UPDATE app_user SET active = false WHERE login = 'sovetsky.general1'");
        assertThat(login("sovetsky.general1", DemoCity.DEMO_PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void aHashMadeWithWeakerParametersIsUpgradedAtSignIn() {
        String weak = new PasswordHasher(new PasswordHasher.Params(4096, 1, 1), 1).hash("weak-but-right");
        app.database().execute("UPDATE app_user SET password_hash = '" + weak + "' WHERE login = 'moskovsky.general1'");
        assertThat(login("moskovsky.general1", "weak-but-right").statusCode()).isEqualTo(200);
        assertThat(app.database().count(
                "SELECT count(*) FROM app_user WHERE login = 'moskovsky.general1' AND password_hash LIKE '$argon2id$v=19$m=19456,t=2,p=1$%'"))
                .isEqualTo(1);
    }

    @Test
    void residentsCannotUseThePasswordSignIn() {
        assertThat(login("+79000000001", DemoCity.DEMO_PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void aMissingDeviceIsAFieldError() {
        HttpResponse<String> response = app.post("/api/v1/auth/login", Map.of("login", "plumber", "password", "x"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(response).get("errors").get(0).get("message").asText()).contains("device");
    }

    private HttpResponse<String> login(String login, String password) {
        return app.post("/api/v1/auth/login", Map.of("login", login, "password", password,
                                                     "device", TestApp.device(UUID.randomUUID())));
    }

    private static String problem(HttpResponse<String> response) {
        JsonNode p = TestApp.json(response);
        return p.get("type").asText() + "|" + p.get("title").asText() + "|" + p.get("detail").asText();
    }
}
