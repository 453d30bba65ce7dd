package org.opencity.backend.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencity.backend.config.LimitSettings;
import org.opencity.backend.testing.TestApp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Request-rate limits answer 429 with Retry-After, per address and per signed-in user. */
class RateLimitTest {

    private static TestApp app;

    @BeforeAll
    static void start() {
        // 1 request per second sustained, bursts of 5 per address; 1/s, bursts of 3 per user
        app = TestApp.start(true, s -> s.withLimits(new LimitSettings(1, 5, 1, 3, true, List.of())));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anAddressThatSendsTooMuchIsToldWhenToComeBack() {
        for (int i = 0; i < 5; i++) {
            assertThat(app.get("/api/v1/districts", "X-Forwarded-For", "192.0.2.10").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = app.get("/api/v1/districts", "X-Forwarded-For", "192.0.2.10");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("1");
        assertThat(TestApp.json(limited).get("type").asText()).isEqualTo("/problems/rate-limited");
        assertThat(app.get("/api/v1/districts", "X-Forwarded-For", "192.0.2.11").statusCode()).as("another address")
                .isEqualTo(200);
        app.clock().advance(Duration.ofSeconds(2));
        assertThat(app.get("/api/v1/districts", "X-Forwarded-For", "192.0.2.10").statusCode()).isEqualTo(200);
    }

    @Test
    void aUserIsLimitedWhicheverAddressTheyComeFrom() {
        TestApp.Tokens plumber = app.login("plumber", org.opencity.backend.demo.DemoCity.DEMO_PASSWORD, java.util.UUID.randomUUID());
        int ok = 0;
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = app.get("/api/v1/me", "Authorization", "Bearer " + plumber.access(),
                                             "X-Forwarded-For", "198.51.100." + (i + 1));
            if (r.statusCode() == 200) {
                ok++;
            } else {
                assertThat(r.statusCode()).isEqualTo(429);
            }
        }
        assertThat(ok).isEqualTo(3);
    }

    @Test
    void badTokensCountAgainstTheAddressBeforeTheyAreJudged() {
        int refused = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 6; i++) {
            last = app.get("/api/v1/me", "Authorization", "Bearer oc_at_not-a-live-token-" + i, "X-Forwarded-For", "192.0.2.60");
            if (last.statusCode() == 401) {
                refused++;
            }
        }
        assertThat(refused).as("the address's burst of 5, then the limit").isEqualTo(5);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(TestApp.json(last).get("type").asText()).isEqualTo("/problems/rate-limited");
    }

    @Test
    void aBurstOfRefusedCredentialsFromOneAddressIsAnswered429() {
        // no general limits here: only refused credentials count, 3 at once, then 1 a minute
        try (TestApp guarded = TestApp.start(true, java.util.Map.of("RATE_LIMIT_REFUSED_CREDENTIALS", "1",
                                                                     "RATE_LIMIT_REFUSED_CREDENTIALS_BURST", "3"))) {
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(guarded.get("/api/v1/me", "Authorization", "Bearer oc_at_guess-" + i, "X-Forwarded-For", "192.0.2.70")
                                     .statusCode());
            }
            statuses.add(guarded.get("/api/v1/categories", "X-Api-Key", "oc_key_guess", "X-Forwarded-For", "192.0.2.70").statusCode());
            assertThat(statuses).containsExactly(401, 401, 401, 429, 429);
            HttpResponse<String> limited = guarded.get("/api/v1/me", "Authorization", "Bearer oc_at_guess-x",
                                                       "X-Forwarded-For", "192.0.2.70");
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            assertThat(guarded.get("/api/v1/me", "Authorization", "Bearer oc_at_guess-y", "X-Forwarded-For", "192.0.2.71")
                               .statusCode()).as("another address").isEqualTo(401);
            TestApp.Tokens plumber = guarded.login("plumber");
            assertThat(guarded.get("/api/v1/me", "Authorization", "Bearer " + plumber.access(), "X-Forwarded-For", "192.0.2.71")
                               .statusCode()).as("good credentials are not counted").isEqualTo(200);
            guarded.clock().advance(Duration.ofMinutes(2));
            assertThat(guarded.get("/api/v1/me", "Authorization", "Bearer oc_at_guess-z", "X-Forwarded-For", "192.0.2.70")
                               .statusCode()).as("after a while").isEqualTo(401);
        }
    }
}
