package org.opencity.backend.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencity.backend.config.LimitSettings;
import org.opencity.backend.testing.TestApp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Resident sign-in by SMS code against the real backend, its real HTTP SMS gateway and a clock
 * the test moves. Each test uses its own phone numbers and client address (the backend is told
 * to trust X-Forwarded-For here), so the limits of one test do not touch another.
 */
class OtpSignInTest {

    private static TestApp app;
    private static final AtomicInteger NEXT = new AtomicInteger(100);

    @BeforeAll
    static void start() {
        app = TestApp.start(true, s -> s.withLimits(new LimitSettings(0, 0, 0, 0, true, List.of())));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aResidentSignsInWithTheTextedCodeAndTheAccountIsCreatedThen() {
        String phone = phone();
        String ip = ip();
        assertThat(app.database().count("SELECT count(*) FROM app_user WHERE phone = '" + phone + "'")).isZero();
        JsonNode challenge = TestApp.json(start(phone, ip));
        assertThat(challenge.get("codeLength").asInt()).isEqualTo(6);
        String code = app.sms().lastCode(phone);
        assertThat(code).matches("\\d{6}");
        assertThat(app.sms().messages().getLast().authorization()).isEqualTo("Bearer test-sms-key");

        HttpResponse<String> session = verify(challenge.get("challengeId").asText(), code, ip);
        assertThat(session.statusCode()).isEqualTo(200);
        JsonNode me = TestApp.json(session).get("me");
        assertThat(me.get("kind").asText()).isEqualTo("RESIDENT");
        assertThat(me.get("roles").get(0).asText()).isEqualTo("RESIDENT");
        assertThat(app.database().count("SELECT count(*) FROM app_user WHERE phone = '" + phone + "' AND kind = 'RESIDENT'"))
                .isEqualTo(1);
        assertThat(app.get("/api/v1/me", TestApp.tokens(session)).statusCode()).isEqualTo(200);
    }

    @Test
    void aCodeWorksOnlyOnce() {
        String phone = phone();
        String ip = ip();
        String challenge = TestApp.json(start(phone, ip)).get("challengeId").asText();
        String code = app.sms().lastCode(phone);
        assertThat(verify(challenge, code, ip).statusCode()).isEqualTo(200);
        assertThat(verify(challenge, code, ip).statusCode()).isEqualTo(401);
    }

    @Test
    void aCodeExpiresAfterFiveMinutes() {
        String phone = phone();
        String ip = ip();
        String challenge = TestApp.json(start(phone, ip)).get("challengeId").asText();
        String code = app.sms().lastCode(phone);
        app.clock().advance(Duration.ofMinutes(5).plusSeconds(1));
        HttpResponse<String> late = verify(challenge, code, ip);
        assertThat(late.statusCode()).isEqualTo(401);
        assertThat(TestApp.json(late).get("detail").asText()).contains("expired");
    }

    @Test
    void aCodeIsBoundToTheChallengeItWasSentFor() {
        String phone = phone();
        String ip = ip();
        TestApp.json(start(phone, ip));
        String firstCode = app.sms().lastCode(phone);
        String second = TestApp.json(start(phone, ip)).get("challengeId").asText();
        String secondCode = app.sms().lastCode(phone);
        assumeFalse(firstCode.equals(secondCode), "two random codes happened to be equal");
        assertThat(verify(second, firstCode, ip).statusCode()).isEqualTo(401);
        assertThat(verify(second, secondCode, ip).statusCode()).isEqualTo(200);
    }

    @Test
    void fiveWrongGuessesBurnTheCode() {
        String phone = phone();
        String ip = ip();
        String challenge = TestApp.json(start(phone, ip)).get("challengeId").asText();
        String code = app.sms().lastCode(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThat(verify(challenge, wrong, ip).statusCode()).isEqualTo(401);
        }
        assertThat(verify(challenge, code, ip).statusCode()).as("the right code after five wrong ones").isEqualTo(401);
    }

    @Test
    void atMostThreeCodesPerPhoneInFifteenMinutes() {
        String phone = phone();
        for (int i = 0; i < 3; i++) {
            assertThat(start(phone, ip()).statusCode()).isEqualTo(202);
        }
        HttpResponse<String> fourth = start(phone, ip());
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(fourth.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 900L);
        app.clock().advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(start(phone, ip()).statusCode()).isEqualTo(202);
    }

    @Test
    void atMostTenCodesPerPhoneInADay() {
        String phone = phone();
        for (int i = 0; i < 10; i++) {
            assertThat(start(phone, ip()).statusCode()).as("code %d", i + 1).isEqualTo(202);
            if (i % 3 == 2) {
                app.clock().advance(Duration.ofMinutes(16));
            }
        }
        app.clock().advance(Duration.ofMinutes(16));
        assertThat(start(phone, ip()).statusCode()).isEqualTo(429);
        app.clock().advance(Duration.ofDays(1));
        assertThat(start(phone, ip()).statusCode()).isEqualTo(202);
    }

    @Test
    void oneAddressMayRequestAtMostThirtyCodesAnHour() {
        String ip = ip();
        for (int i = 0; i < 30; i++) {
            assertThat(start(phone(), ip).statusCode()).isEqualTo(202);
        }
        assertThat(start(phone(), ip).statusCode()).isEqualTo(429);
        assertThat(start(phone(), ip()).statusCode()).as("another address").isEqualTo(202);
    }

    @Test
    void knownAndUnknownNumbersGetTheSameAnswer() {
        HttpResponse<String> known = start("+7 900 000-00-01", ip());
        HttpResponse<String> unknown = start(phone(), ip());
        assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(202);
        assertThat(TestApp.json(known).fieldNames()).toIterable()
                .containsExactlyElementsOf(() -> TestApp.json(unknown).fieldNames());
    }

    @Test
    void aNumberThatIsNotAPhoneNumberIsAFieldError() {
        HttpResponse<String> response = start("call me maybe", ip());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(response).get("errors").get(0).get("field").asText()).isEqualTo("phone");
    }

    @Test
    void whenTheProviderFailsTheCallerGetsA503AndNoCodeIsUsable() {
        String phone = phone();
        app.sms().failNext(1);
        HttpResponse<String> response = start(phone, ip());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).doesNotContain("Exception");
        assertThat(app.sms().lastCodeIfAny(phone)).isEmpty();
    }

    @Test
    void theCodeIsSixDigitsAndTheSmsIsInTheAskedLanguage() {
        String phone = phone();
        app.post("/api/v1/auth/otp", Map.of("phone", phone, "locale", "en"), "X-Forwarded-For", ip());
        assertThat(app.sms().messages().getLast().text()).startsWith("Open City sign-in code: ").matches(".*\\b\\d{6}\\b.*");
        app.post("/api/v1/auth/otp", Map.of("phone", phone, "locale", "tt"), "X-Forwarded-For", ip());
        assertThat(app.sms().messages().getLast().text()).contains("керү коды");
    }

    private static HttpResponse<String> start(String phone, String ip) {
        return app.post("/api/v1/auth/otp", Map.of("phone", phone), "X-Forwarded-For", ip);
    }

    private static HttpResponse<String> verify(String challenge, String code, String ip) {
        return app.post("/api/v1/auth/otp/verify", Map.of("challengeId", challenge, "code", code,
                                                          "device", TestApp.device(UUID.randomUUID())),
                        "X-Forwarded-For", ip);
    }

    private static String phone() {
        return "+7917" + String.format("%07d", NEXT.incrementAndGet());
    }

    private static String ip() {
        int n = NEXT.incrementAndGet();
        return "10.1." + (n / 250) + "." + (n % 250 + 1);
    }
}
