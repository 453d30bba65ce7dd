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
}
