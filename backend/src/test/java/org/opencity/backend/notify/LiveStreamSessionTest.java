package org.opencity.backend.notify;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.EventStream;
import org.opencity.backend.testing.TestApp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live streams are authenticated once, when they open: they must end with the session (sign-out,
 * revoked device) before delivering anything more, and one person holds only a few at once.
 */
class LiveStreamSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static TestApp app;

    @BeforeAll
    static void start() {
        // two streams per person; a quiet stream checks its session every second
        app = TestApp.start(true, Map.of("STREAMS_PER_USER", "2", "STREAM_HEARTBEAT", "1"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aNotificationStreamEndsWithSignOutAndDeliversNothingAfter() throws Exception {
        TestApp.Tokens resident = app.newResident();
        TestApp.Tokens dispatcher = app.login("vakhitovsky.dispatcher");
        String id = app.fileRequest(resident, "plumbing", building("vakhitovsky"), "Leaking radiator valve").get("summary").get("id").asText();
        try (EventStream stream = notifications(resident)) {
            stream.awaitOpen();
            assertThat(app.post("/api/v1/auth/logout", Map.of(), resident).statusCode()).isEqualTo(204);
            HttpResponse<String> accepted = app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ACCEPT"), dispatcher);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            assertThat(stream.maybe(Duration.ofSeconds(5))).as("nothing delivered after sign-out").isNull();
            assertThat(stream.endsWithin(WAIT)).as("the stream ended").isTrue();
        }
    }

    @Test
    void aQuietStreamEndsAtItsNextHeartbeatOnceItsUserIsDisabled() throws Exception {
        TestApp.Tokens plumber = app.login("plumber");
        try (EventStream stream = notifications(plumber)) {
            stream.awaitOpen();
            assertThat(stream.endsWithin(Duration.ofSeconds(3))).as("a live session's stream stays, heartbeat after heartbeat").isFalse();
            HttpResponse<String> disabled = app.patch("/api/v1/admin/users/" + plumber.userId(), Map.of("active", false),
                                                      app.login("orgadmin"));
            assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
            assertThat(stream.endsWithin(Duration.ofSeconds(10))).as("ended at a heartbeat").isTrue();
        }
    }

    @Test
    void aBoardEndsWhenItsDeviceIsRevoked() throws Exception {
        TestApp.Tokens dispatcher = app.login("dispatcher");
        try (EventStream board = new EventStream(app, "/api/v1/requests/stream", "Authorization", "Bearer " + dispatcher.access())) {
            board.awaitOpen();
            assertThat(app.delete("/api/v1/me/devices/" + dispatcher.deviceId(), dispatcher).statusCode()).isEqualTo(204);
            app.fileRequest(app.newResident(), "plumbing", building("vakhitovsky"), "Leaking riser");
            assertThat(board.maybe(Duration.ofSeconds(5))).as("nothing delivered after the device was revoked").isNull();
            assertThat(board.endsWithin(WAIT)).as("the board's feed ended").isTrue();
        }
    }

    @Test
    void onePersonHoldsAtMostTheConfiguredNumberOfStreamsAndANewOneClosesTheOldest() throws Exception {
        TestApp.Tokens resident = app.newResident();
        TestApp.Tokens dispatcher = app.login("dispatcher");
        try (EventStream first = notifications(resident); EventStream someoneElse = notifications(app.newResident())) {
            first.awaitOpen();
            someoneElse.awaitOpen();
            try (EventStream board = new EventStream(app, "/api/v1/requests/stream", "Authorization", "Bearer " + dispatcher.access())) {
                board.awaitOpen();
                try (EventStream second = notifications(resident)) {
                    second.awaitOpen();
                    assertThat(first.endsWithin(Duration.ofSeconds(2))).as("two are allowed").isFalse();
                    try (EventStream third = notifications(resident)) {
                        third.awaitOpen();
                        assertThat(third.status()).isEqualTo(200);
                        assertThat(first.endsWithin(WAIT)).as("the oldest made way").isTrue();
                        assertThat(second.endsWithin(Duration.ofSeconds(1))).as("the second stays").isFalse();
                        assertThat(someoneElse.endsWithin(Duration.ofMillis(100))).as("another person's stream").isFalse();
                        assertThat(board.endsWithin(Duration.ofMillis(100))).as("another person's board").isFalse();
                    }
                }
            }
        }
    }

    private static EventStream notifications(TestApp.Tokens who) {
        return new EventStream(app, "/api/v1/me/notifications/stream", "Authorization", "Bearer " + who.access());
    }

    private static String building(String district) {
        return app.database().client().execute().query(
                        "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = '" + district
                                + "' ORDER BY b.id LIMIT 1")
                .findFirst().orElseThrow().column(1).get().toString();
    }
}
