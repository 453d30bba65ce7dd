package org.opencity.backend.notify;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencity.backend.testing.TestApp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole backend with the real FCM gateway (Firebase Admin SDK) over a scripted transport: a
 * lifecycle event becomes an FCM request, an UNREGISTERED answer removes the phone's token, and an
 * outage of several minutes delays pushes without losing one or slowing the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FcmEndToEndTest {

    private final ScriptedFcm fcm = new ScriptedFcm();
    private TestApp app;

    @BeforeAll
    void start() throws Exception {
        app = TestApp.start(true, UnaryOperator.identity(),
                            Optional.of(FcmGateway.create(fcm.credentials(), ScriptedFcm.PROJECT, Optional.of(fcm))));
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void anUnregisteredPhoneLosesItsTokenAndGetsNoMorePushes() {
        fcm.script(token -> token.equals("uninstalled-app-token-0001")
                ? List.of(ScriptedFcm.Answer.error(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.", Map.of()))
                : List.of(ScriptedFcm.Answer.ok("m-" + token)));
        TestApp.Tokens resident = app.newResident();
        register(resident, "uninstalled-app-token-0001");
        String id = file(resident, "Drain blocked in the basement");
        act(app.login("dispatcher"), id, Map.of("action", "ACCEPT"));
        await(() -> app.database().count("SELECT count(*) FROM push_token WHERE token = 'uninstalled-app-token-0001'") == 0,
              "the dead token is deleted");
        assertThat(app.database().count("SELECT count(*) FROM push_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.user_id = '"
                                                + resident.userId() + "' AND d.state = 'DROPPED' AND d.last_error LIKE '%UNREGISTERED%'"))
                .isEqualTo(1);
        act(app.login("dispatcher"), id, Map.of("action", "COMMENT", "text", "We are on our way"));
        assertThat(app.database().count("SELECT count(*) FROM push_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.user_id = '"
                                                + resident.userId() + "'")).as("no new push for a phone without a token").isEqualTo(1);
        assertThat(TestApp.json(app.get("/api/v1/me/notifications", resident)).get("unread").asLong())
                .as("the inbox still has both").isEqualTo(2);
    }

    @Test
    void anFcmOutageOfSeveralMinutesDelaysPushesLosesNoneAndLeavesTheApiAlone() {
        fcm.script(token -> List.of(ScriptedFcm.Answer.error(503, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable.",
                                                             Map.of("Retry-After", "120"))));
        TestApp.Tokens plumber = app.login("vakhitovsky.plumber1");
        register(plumber, "plumber-outage-token-00001");
        TestApp.Tokens dispatcher = app.login("dispatcher");
        int jobs = 5;
        for (int i = 0; i < jobs; i++) {
            String id = file(app.newResident(), "Leak number " + i + " during the outage");
            act(dispatcher, id, Map.of("action", "ACCEPT"));
            act(dispatcher, id, Map.of("action", "ASSIGN", "technicianId", plumber.userId().toString()));   // the API answers
        }
        String mine = "SELECT count(*) FROM push_delivery d JOIN push_token p ON p.device_id = d.device_id WHERE p.token = "
                + "'plumber-outage-token-00001'";
        // an attempt is over when its outcome is recorded: the row waits for Retry-After, no longer for the sender's lease
        BooleanSupplier recorded = () -> app.database().count(mine + " AND d.last_error IS NOT NULL AND d.next_at < TIMESTAMPTZ '"
                                                                     + app.clock().instant().plus(PushSender.LEASE) + "'") == jobs;
        await(() -> app.database().count(mine + " AND d.attempts >= 1") == jobs && recorded.getAsBoolean(), "each push tried");
        String attempts = mine.replace("count(*)", "coalesce(sum(d.attempts), 0)");
        for (int minute = 2; minute <= 8; minute += 2) {   // eight minutes of outage
            long before = app.database().count(attempts);
            app.clock().advance(Duration.ofMinutes(2));
            await(() -> app.database().count(attempts) == before + jobs && recorded.getAsBoolean(), "tried again after Retry-After");
            assertThat(app.database().count(mine + " AND d.state = 'PENDING'")).as("nothing given up at minute " + minute).isEqualTo(jobs);
        }
        assertThat(fcm.sent).as("nothing got through").noneMatch(b -> b.path("message").path("token").asText().equals("plumber-outage-token-00001"));

        fcm.script(token -> List.of(ScriptedFcm.Answer.ok("m-" + token)));
        app.clock().advance(Duration.ofMinutes(30));
        await(() -> app.database().count(mine + " AND d.state = 'SENT'") == jobs, "all delivered after the outage");
        List<String> ids = fcm.sent.stream().filter(b -> b.path("message").path("token").asText().equals("plumber-outage-token-00001"))
                .map(b -> b.path("message").path("data").path("id").asText()).toList();
        assertThat(ids).hasSize(jobs).doesNotHaveDuplicates();
    }

    private void register(TestApp.Tokens who, String token) {
        assertThat(app.json("PUT", "/api/v1/me/push-token", Map.of("token", token, "locale", "ru"), "Authorization",
                            "Bearer " + who.access()).statusCode()).isEqualTo(204);
    }

    private String file(TestApp.Tokens who, String description) {
        String building = app.database().client().execute().query(
                        "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' LIMIT 1")
                .findFirst().orElseThrow().column(1).get().toString();
        JsonNode filed = app.fileRequest(who, "plumbing", building, description);
        return filed.get("summary").get("id").asText();
    }

    private void act(TestApp.Tokens who, String id, Map<String, Object> action) {
        assertThat(app.post("/api/v1/requests/" + id + "/actions", action, who).statusCode()).as(action.toString()).isEqualTo(200);
    }

    private static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("timed out waiting: " + what);
    }
}
