package org.opencity.backend.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencity.backend.config.LimitSettings;
import org.opencity.backend.testing.TestApp;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Anyone tells the city what they think; the city's staff read it. */
class FeedbackTest {

    private static TestApp app;

    @BeforeAll
    static void start() {
        // behind a proxy: each test speaks from addresses of its own
        app = TestApp.start(true, s -> s.withLimits(new LimitSettings(s.limits().perIpPerSecond(), s.limits().perIpBurst(),
                                                                      s.limits().perUserPerSecond(), s.limits().perUserBurst(),
                                                                      true, s.limits().corsOrigins())));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anyoneSendsFeedbackAndCityStaffReadItNewestFirstAndMarkItRead() {
        String first = send("127.0.0.10", Map.of("kind", "RECOMMENDATION", "text", "Please put more benches on Bauman street"));
        String second = send("127.0.0.10", Map.of("kind", "CRITICISM", "text", "Snow was not cleared at school 12 for a week",
                                                  "contact", "parent@example.org"));
        TestApp.Tokens city = app.login("citydispatcher");
        JsonNode page = TestApp.json(app.get("/api/v1/admin/feedback?limit=1", city));
        assertThat(page.get("items")).singleElement().satisfies(f -> {
            assertThat(f.get("id").asText()).isEqualTo(second);
            assertThat(f.get("kind").asText()).isEqualTo("CRITICISM");
            assertThat(f.get("contact").asText()).isEqualTo("parent@example.org");
        });
        assertThat(page.get("unread").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode more = TestApp.json(app.get("/api/v1/admin/feedback?limit=1&after=" + page.get("next").asText(), city));
        assertThat(more.get("items").get(0).get("id").asText()).isEqualTo(first);

        long unread = page.get("unread").asLong();
        assertThat(app.post("/api/v1/admin/feedback/" + second + "/read", Map.of(), city).statusCode()).isEqualTo(204);
        assertThat(app.post("/api/v1/admin/feedback/" + second + "/read", Map.of(), city).statusCode()).as("again: fine").isEqualTo(204);
        assertThat(TestApp.json(app.get("/api/v1/admin/feedback", city)).get("unread").asLong()).isEqualTo(unread - 1);

        assertThat(app.get("/api/v1/admin/feedback", app.login("vakhitovsky.dispatcher")).statusCode())
                .as("an organisation's dispatcher does not read the city's mail").isEqualTo(403);
        assertThat(app.get("/api/v1/admin/feedback").statusCode()).isEqualTo(401);
    }

    @Test
    void badFeedbackIsRefusedFieldByFieldAndOneAddressSendsAtMostFiveAnHour() {
        HttpResponse<String> bad = post("127.0.0.20", Map.of("kind", "PRAISE", "text", "short"));
        assertThat(bad.statusCode()).isEqualTo(400);
        HttpResponse<String> tooShort = post("127.0.0.20", Map.of("kind", "COMMENT", "text", "short", "contact", "x".repeat(201)));
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(TestApp.values(TestApp.json(tooShort).get("errors"), "field")).containsExactlyInAnyOrder("text", "contact");
        assertThat(post("127.0.0.20", Map.of("kind", "COMMENT", "text", "x".repeat(4001))).statusCode()).isEqualTo(400);

        for (int i = 0; i < 5; i++) {
            send("127.0.0.30", Map.of("kind", "COMMENT", "text", "Thank you for the new playground, number " + i));
        }
        HttpResponse<String> sixth = post("127.0.0.30", Map.of("kind", "COMMENT", "text", "One more thing about the playground"));
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
        assertThat(send("127.0.0.31", Map.of("kind", "COMMENT", "text", "Another neighbour writes too"))).as("others still can")
                .isNotBlank();
        app.clock().advance(java.time.Duration.ofMinutes(61));
        assertThat(send("127.0.0.30", Map.of("kind", "COMMENT", "text", "An hour later it is fine again"))).isNotBlank();
    }

    private static String send(String address, Map<String, Object> body) {
        HttpResponse<String> r = post(address, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestApp.json(r).get("id").asText();
    }

    private static HttpResponse<String> post(String address, Map<String, Object> body) {
        return app.json("POST", "/api/v1/public/feedback", body, "X-Forwarded-For", address);
    }
}
