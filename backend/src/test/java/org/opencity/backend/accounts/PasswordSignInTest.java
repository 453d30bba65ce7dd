package org.opencity.backend.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.demo.DemoCity;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

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
    void repeatedFailuresDelayKnownAndUnknownLoginsAlikeAndTheRightPasswordWorksOnceTheDelayHasPassed() {
        failFiveTimes("vakhitovsky.plumber2", "10.24.1.1");
        failFiveTimes("nobody-by-that-name", "10.24.1.2");
        HttpResponse<String> known = login("vakhitovsky.plumber2", "still wrong", "10.24.1.1");
        HttpResponse<String> unknown = login("nobody-by-that-name", "still wrong", "10.24.1.2");
        assertThat(known.statusCode()).isEqualTo(429).isEqualTo(unknown.statusCode());
        assertThat(problem(known)).isEqualTo(problem(unknown));
        assertThat(known.headers().firstValue("Retry-After")).isEqualTo(unknown.headers().firstValue("Retry-After")).contains("1");
        assertThat(known.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> right = login("vakhitovsky.plumber2", DemoCity.DEMO_PASSWORD, "10.24.1.1");
        assertThat(right.statusCode()).as("the right password waits too: no oracle").isEqualTo(429);
        app.clock().advance(Duration.ofSeconds(2));
        assertThat(login("vakhitovsky.plumber2", DemoCity.DEMO_PASSWORD, "10.24.1.1").statusCode()).isEqualTo(200);
        assertThat(login("vakhitovsky.plumber2", "wrong again", "10.24.1.1").statusCode()).as("failures were forgotten").isEqualTo(401);

        // the unknown login's next failure doubles its delay
        assertThat(login("nobody-by-that-name", "wrong", "10.24.1.2").statusCode()).isEqualTo(401);
        assertThat(login("nobody-by-that-name", "wrong", "10.24.1.2").headers().firstValue("Retry-After")).contains("2");
    }

    @Test
    void anAddressWithManyFailuresWaitsWhateverLoginItTries() {
        for (int batch = 0; batch < 4; batch++) {   // twenty logins, each wrong once: only the address adds up
            List<CompletableFuture<HttpResponse<String>>> attempts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                attempts.add(app.http().sendAsync(request("someone-" + batch + "-" + i, "wrong", Map.of(), "10.24.2.1"),
                                                  HttpResponse.BodyHandlers.ofString()));
            }
            attempts.forEach(a -> assertThat(a.join().statusCode()).isEqualTo(401));
        }
        HttpResponse<String> next = login("dispatcher", DemoCity.DEMO_PASSWORD, "10.24.2.1");
        assertThat(next.statusCode()).isEqualTo(429);
        assertThat(next.headers().firstValue("Retry-After")).isPresent();
        assertThat(login("dispatcher", DemoCity.DEMO_PASSWORD, "10.24.2.2").statusCode()).as("from elsewhere").isEqualTo(200);
    }

    @Test
    void theRightPasswordWithTheAuthenticatorCodeGetsThroughWhileTheLoginIsDelayed() {
        failFiveTimes("cityadmin", "10.24.3.1");
        assertThat(login("cityadmin", DemoCity.DEMO_PASSWORD, "10.24.3.2").statusCode()).as("password alone").isEqualTo(429);
        assertThat(signIn("nobody-at-all-here", DemoCity.DEMO_PASSWORD, Map.of("totpCode", "123456"), "10.24.3.2").statusCode())
                .isEqualTo(401);
        failFiveTimes("nobody-at-all-here", "10.24.3.3");
        assertThat(signIn("nobody-at-all-here", "guess", Map.of("totpCode", "123456"), "10.24.3.2").statusCode())
                .as("a code does not turn a delayed unknown login into a 401").isEqualTo(429);
        assertThat(signIn("cityadmin", "guess", Map.of("totpCode", currentCode()), "10.24.3.2").statusCode())
                .as("nor a wrong password with the right code").isEqualTo(429);
        HttpResponse<String> through = signIn("cityadmin", DemoCity.DEMO_PASSWORD, Map.of("totpCode", currentCode()), "10.24.3.2");
        assertThat(through.statusCode()).as(through.body()).isEqualTo(200);
    }

    @Test
    void anAdminLiftsTheDelayOfALoginTheyMayManage() {
        failFiveTimes("vakhitovsky.plumber1", "10.24.4.1");
        String id = TestApp.json(login("plumber", DemoCity.DEMO_PASSWORD, "10.24.4.2")).get("me").get("id").asText();
        String delayed;
        try (var rows = app.database().client().execute().query("SELECT id FROM app_user WHERE login = 'vakhitovsky.plumber1'")) {
            delayed = rows.findFirst().orElseThrow().column("id").get().toString();
        }
        TestApp.Tokens admin = app.login("orgadmin");
        assertThat(TestApp.json(app.get("/api/v1/admin/users/" + delayed, admin)).hasNonNull("lockedUntil")).isTrue();
        HttpResponse<String> cleared = app.delete("/api/v1/admin/users/" + delayed + "/sign-in-delay", admin);
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(TestApp.json(cleared).hasNonNull("lockedUntil")).isFalse();
        assertThat(login("vakhitovsky.plumber1", DemoCity.DEMO_PASSWORD, "10.24.4.3").statusCode()).isEqualTo(200);
        assertThat(app.delete("/api/v1/admin/users/" + id + "/sign-in-delay", app.login("dispatcher")).statusCode())
                .as("not for a dispatcher").isEqualTo(403);
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

    /** Five wrong passwords at once (their pauses overlap, so this takes seconds, not tens of them). */
    private void failFiveTimes(String login, String address) {
        List<CompletableFuture<HttpResponse<String>>> attempts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            attempts.add(app.http().sendAsync(request(login, "wrong password " + i, Map.of(), address),
                                              HttpResponse.BodyHandlers.ofString()));
        }
        attempts.forEach(a -> assertThat(a.join().statusCode()).isEqualTo(401));
    }

    private String currentCode() {
        long step = app.clock().instant().getEpochSecond() / Totp.STEP_SECONDS;
        return Totp.code(Base32.decode(TestApp.DEMO_CITY_ADMIN_TOTP), step, 6);
    }

    private HttpResponse<String> login(String login, String password, String address) {
        return signIn(login, password, Map.of(), address);
    }

    private HttpResponse<String> signIn(String login, String password, Map<String, String> extra, String address) {
        return app.send(request(login, password, extra, address));
    }

    private HttpRequest request(String login, String password, Map<String, String> extra, String address) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("login", login);
        body.put("password", password);
        body.put("device", TestApp.device(UUID.randomUUID()));
        return HttpRequest.newBuilder(app.uri("/api/v1/auth/login"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(org.opencity.backend.web.Json.bytes(body)))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                .timeout(Duration.ofSeconds(30)).build();
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
