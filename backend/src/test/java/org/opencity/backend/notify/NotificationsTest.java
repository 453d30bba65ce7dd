package org.opencity.backend.notify;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.PushRecorder;
import org.opencity.backend.testing.EventStream;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.model.notify.NotificationKind;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Who is told what along the real lifecycle, in their language, once, by push, inbox and live stream. */
@WithApp
class NotificationsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final TestApp app;

    NotificationsTest(TestApp app) {
        this.app = app;
    }

    @Test
    void eachPartyIsToldOfWhatConcernsThemInTheirLanguageAndNobodyOfWhatTheyDid() {
        TestApp.Tokens resident = app.newResident();
        TestApp.Tokens plumber = app.login("vakhitovsky.plumber2");
        TestApp.Tokens dispatcher = app.login("vakhitovsky.dispatcher");
        register(resident, "resident-fcm-token-0000001", "en");
        register(plumber, "plumber-fcm-token-00000001", "tt");
        register(dispatcher, "dispatcher-fcm-token-00001", "ru");

        JsonNode filed = app.fileRequest(resident, "plumbing", building(), "Water dripping from the ceiling");
        String id = filed.get("summary").get("id").asText();
        String number = filed.get("summary").get("number").asText();
        act(dispatcher, id, Map.of("action", "ACCEPT"));
        JsonNode accepted = latest(resident);
        assertThat(accepted.get("kind").asText()).isEqualTo("REQUEST_ACCEPTED");
        assertThat(accepted.get("title").asText()).isEqualTo("Request " + number + " accepted");
        assertThat(accepted.get("requestId").asText()).isEqualTo(id);
        assertThat(accepted.get("requestNumber").asText()).isEqualTo(number);

        act(dispatcher, id, Map.of("action", "ASSIGN", "technicianId", plumber.userId().toString()));
        JsonNode job = latest(plumber);
        assertThat(job.get("kind").asText()).isEqualTo("JOB_ASSIGNED");
        assertThat(job.get("title").asText()).as("in Tatar").isEqualTo("Яңа гариза " + number);
        assertThat(job.get("body").asText()).contains("Сантехника").contains("ул.");
        assertThat(latest(resident).get("kind").asText()).isEqualTo("TECHNICIAN_ASSIGNED");

        act(resident, id, Map.of("action", "COMMENT", "text", "The code for the door is 1234"));
        JsonNode comment = latest(plumber);
        assertThat(comment.get("kind").asText()).isEqualTo("JOB_CHANGED");
        assertThat(comment.get("body").asText()).isEqualTo("The code for the door is 1234");

        act(plumber, id, Map.of("action", "START"));
        act(plumber, id, Map.of("action", "COMPLETE", "note", "Replaced the seal", "photos", List.of(Map.of(
                "id", UUID.randomUUID().toString(), "kind", "AFTER", "sha256", "c".repeat(64), "size", 1000))));
        JsonNode done = latest(resident);
        assertThat(done.get("kind").asText()).isEqualTo("CONFIRM_AND_RATE");
        assertThat(done.get("title").asText()).isEqualTo("Done: " + number);
        assertThat(done.get("body").asText()).isEqualTo("Please confirm the work and rate it.");
        act(resident, id, Map.of("action", "CONFIRM"));

        assertThat(kinds(resident)).containsExactly("CONFIRM_AND_RATE", "TECHNICIAN_ASSIGNED", "REQUEST_ACCEPTED")
                .as("nothing for the resident's own comment and confirmation");
        assertThat(kinds(plumber)).containsExactly("JOB_CHANGED", "JOB_ASSIGNED").as("nothing for the plumber's own start and completion");
        assertThat(kinds(dispatcher)).as("the dispatcher did it all himself").isEmpty();

        // the same notifications went out as pushes, once each, with the same ids
        PushRecorder push = app.push();
        List<org.opencity.backend.notify.PushMessage> toPlumber = push.awaitAccepted(m -> m.token().equals("plumber-fcm-token-00000001"), 2, WAIT);
        assertThat(toPlumber).extracting(m -> m.kind().name()).containsExactlyInAnyOrder("JOB_ASSIGNED", "JOB_CHANGED");
        assertThat(toPlumber).filteredOn(m -> m.kind() == NotificationKind.JOB_ASSIGNED).singleElement()
                .satisfies(m -> {
                    assertThat(m.highPriority()).isTrue();
                    assertThat(m.notificationId().toString()).isEqualTo(job.get("id").asText());
                    assertThat(m.requestId()).contains(UUID.fromString(id));
                });
        assertThat(push.awaitAccepted(m -> m.token().equals("resident-fcm-token-0000001"), 3, WAIT)).extracting(m -> m.kind().name())
                .containsExactlyInAnyOrder("REQUEST_ACCEPTED", "TECHNICIAN_ASSIGNED", "CONFIRM_AND_RATE");
    }

    @Test
    void dispatchersHearOfTriageAndOfOverdueRequestsOrganisationFirstThenTheCity() {
        TestApp.Tokens resident = app.newResident();
        String overdue = app.fileRequest(resident, "plumbing", building(), "Radiator cold in the bedroom").get("summary").get("id").asText();
        JsonNode detail = TestApp.json(app.get("/api/v1/requests/" + overdue, app.login("vakhitovsky.dispatcher")));
        java.time.Instant due = java.time.Instant.parse(detail.get("deadlines").get("ACCEPT").asText());
        app.clock().set(due.plusSeconds(1));   // the acceptance deadline has just passed
        app.app().sweeper().sweepOnce();
        TestApp.Tokens dispatcher = app.login("vakhitovsky.dispatcher");
        TestApp.Tokens city = app.login("citydispatcher");
        assertThat(kindsAbout(dispatcher, overdue)).as("the organisation first").contains("OVERDUE");
        assertThat(kindsAbout(city, overdue)).as("not the city yet").doesNotContain("OVERDUE");
        app.clock().advance(Duration.ofDays(7));
        app.app().sweeper().sweepOnce();
        city = app.login("citydispatcher");
        dispatcher = app.login("vakhitovsky.dispatcher");
        assertThat(kindsAbout(city, overdue)).as("then the city").contains("OVERDUE");
        assertThat(kindsAbout(dispatcher, overdue)).as("the organisation once").containsOnlyOnce("OVERDUE");

        String rejected = app.fileRequest(app.newResident(), "plumbing", building(), "Tap broken in the yard basin").get("summary").get("id")
                .asText();
        act(dispatcher, rejected, Map.of("action", "REJECT", "reason", "The basin belongs to the school"));
        JsonNode triage = latestAbout(city, rejected);
        assertThat(triage.get("kind").asText()).isEqualTo("TRIAGE_ITEM");
        assertThat(triage.get("title").asText()).startsWith("Нужно распределить");
        assertThat(triage.get("body").asText()).endsWith("The basin belongs to the school");
    }

    @Test
    void bothReportersHearWhenTheirRequestsAreJoinedAsDuplicates() {
        TestApp.Tokens first = app.newResident();
        TestApp.Tokens second = app.newResident();
        TestApp.Tokens dispatcher = app.login("vakhitovsky.dispatcher");
        String original = app.fileRequest(first, "plumbing", building(), "No hot water in the whole entrance").get("summary").get("id").asText();
        JsonNode copy = app.fileRequest(second, "plumbing", building(), "Hot water gone since morning");
        act(dispatcher, copy.get("summary").get("id").asText(), Map.of("action", "MARK_DUPLICATE", "duplicateOf", original));
        assertThat(latest(second).get("kind").asText()).isEqualTo("REQUEST_MERGED");
        assertThat(latest(first).get("kind").asText()).isEqualTo("REQUEST_MERGED");
        assertThat(latest(first).get("requestId").asText()).isEqualTo(original);
    }

    @Test
    void theInboxPagesCountsUnreadAndMarksReadOnlyForItsOwner() {
        TestApp.Tokens resident = app.newResident();
        TestApp.Tokens dispatcher = app.login("vakhitovsky.dispatcher");
        String id = app.fileRequest(resident, "plumbing", building(), "Pipe knocking at night").get("summary").get("id").asText();
        for (int i = 0; i < 5; i++) {
            act(dispatcher, id, Map.of("action", "COMMENT", "text", "Update number " + i));
        }
        JsonNode page = TestApp.json(app.get("/api/v1/me/notifications?limit=2", resident));
        assertThat(page.get("unread").asLong()).isEqualTo(5);
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("body").asText()).endsWith("Update number 4");
        List<String> all = new ArrayList<>();
        page.get("items").forEach(n -> all.add(n.get("id").asText()));
        while (page.hasNonNull("next")) {
            page = TestApp.json(app.get("/api/v1/me/notifications?limit=2&cursor=" + page.get("next").asText(), resident));
            page.get("items").forEach(n -> all.add(n.get("id").asText()));
        }
        assertThat(all).hasSize(5).doesNotHaveDuplicates();

        assertThat(app.post("/api/v1/me/notifications/" + all.getFirst() + "/read", Map.of(), dispatcher).statusCode())
                .as("not theirs: like a missing one").isEqualTo(404);
        assertThat(app.post("/api/v1/me/notifications/" + all.getFirst() + "/read", Map.of(), resident).statusCode()).isEqualTo(204);
        assertThat(TestApp.json(app.get("/api/v1/me/notifications", resident)).get("unread").asLong()).isEqualTo(4);
        assertThat(app.post("/api/v1/me/notifications/read-all", Map.of(), resident).statusCode()).isEqualTo(204);
        JsonNode after = TestApp.json(app.get("/api/v1/me/notifications", resident));
        assertThat(after.get("unread").asLong()).isZero();
        assertThat(after.get("items").get(0).hasNonNull("readAt")).isTrue();
        assertThat(app.get("/api/v1/me/notifications?limit=500", resident).statusCode()).isEqualTo(400);
        assertThat(app.get("/api/v1/me/notifications?cursor=not-a-cursor", resident).statusCode()).isEqualTo(400);
    }

    @Test
    void theLiveStreamDeliversEachNewNotificationAndCatchesUpAfterAReconnect() throws Exception {
        TestApp.Tokens resident = app.newResident();
        TestApp.Tokens dispatcher = app.login("vakhitovsky.dispatcher");
        String id = app.fileRequest(resident, "plumbing", building(), "Leaking radiator valve").get("summary").get("id").asText();
        try (EventStream stream = stream(resident, null)) {
            stream.awaitOpen();
            act(dispatcher, id, Map.of("action", "ACCEPT"));
            Map<String, String> event = stream.next(WAIT);
            assertThat(event.get("event")).isEqualTo("notification");
            JsonNode n = org.opencity.backend.web.Json.mapper().readTree(event.get("data"));
            assertThat(n.get("kind").asText()).isEqualTo("REQUEST_ACCEPTED");
            assertThat(event.get("id")).isEqualTo(n.get("id").asText());
            String lastSeen = event.get("id");
            stream.close();

            act(dispatcher, id, Map.of("action", "COMMENT", "text", "We come tomorrow at ten"));   // while disconnected
            try (EventStream again = stream(resident, lastSeen)) {
                List<String> kinds = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Map<String, String> e = again.next(WAIT);
                    kinds.add(org.opencity.backend.web.Json.mapper().readTree(e.get("data")).get("kind").asText());
                }
                assertThat(kinds).as("what it missed, after the last one it saw (which it may see again)").contains("ORGANISATION_COMMENT");
            }
        }
    }

    @Test
    void aNewStreamStartsNowAndDoesNotReplayWhatCameBefore() throws Exception {
        TestApp.Tokens resident = app.newResident();
        TestApp.Tokens dispatcher = app.login("vakhitovsky.dispatcher");
        String id = app.fileRequest(resident, "plumbing", building(), "Radiator cold in the bedroom").get("summary").get("id").asText();
        act(dispatcher, id, Map.of("action", "ACCEPT"));   // before the stream opens: the inbox has it, the stream does not
        app.clock().advance(Duration.ofSeconds(1));
        try (EventStream stream = stream(resident, null)) {
            stream.awaitOpen();
            act(dispatcher, id, Map.of("action", "COMMENT", "text", "Coming at noon"));
            Map<String, String> first = stream.next(WAIT);
            assertThat(org.opencity.backend.web.Json.mapper().readTree(first.get("data")).get("kind").asText())
                    .isEqualTo("ORGANISATION_COMMENT");
            assertThat(stream.maybe(Duration.ofSeconds(2))).as("nothing from before the stream opened").isNull();
        }
    }

    @Test
    void aProviderThatHangsNeitherSlowsTheApiNorLosesAPush() throws Exception {
        TestApp.Tokens resident = app.newResident();
        TestApp.Tokens dispatcher = app.login("vakhitovsky.dispatcher");
        register(resident, "resident-hang-token-000001", "ru");
        PushRecorder push = app.push();
        push.close();   // every send now blocks until the provider answers again
        try {
            String id = app.fileRequest(resident, "plumbing", building(), "Boiler room flooded").get("summary").get("id").asText();
            CompletableFuture<Integer> accept = CompletableFuture.supplyAsync(() -> app.post(
                    "/api/v1/requests/" + id + "/actions", Map.of("action", "ACCEPT"), dispatcher).statusCode());
            assertThat(accept.get(10, TimeUnit.SECONDS)).as("the API answers while the provider hangs").isEqualTo(200);
            assertThat(TestApp.json(app.get("/api/v1/me/notifications", resident)).get("unread").asLong())
                    .as("and the resident's inbox has it at once").isEqualTo(1);
        } finally {
            push.open();
        }
        assertThat(push.awaitAccepted(m -> m.token().equals("resident-hang-token-000001"), 1, WAIT)).hasSize(1);
    }

    @Test
    void aPushGivenUpShowsToAdminsOfThatPersonOnly() {
        TestApp.Tokens resident = app.newResident();
        TestApp.Tokens dispatcher = app.login("vakhitovsky.dispatcher");
        TestApp.Tokens plumber = app.login("vakhitovsky.plumber1");
        register(plumber, "plumber-failing-token-0001", "ru");
        PushRecorder push = app.push();
        push.answer(m -> m.token().equals("plumber-failing-token-0001")
                ? new PushOutcome.Failed("INVALID_ARGUMENT: Invalid value at 'message.android.ttl'")
                : new PushOutcome.Sent("ok"));
        try {
            String id = app.fileRequest(resident, "plumbing", building(), "Toilet cistern leaking").get("summary").get("id").asText();
            act(dispatcher, id, Map.of("action", "ACCEPT"));
            act(dispatcher, id, Map.of("action", "ASSIGN", "technicianId", plumber.userId().toString()));
            long end = System.nanoTime() + WAIT.toNanos();
            TestApp.Tokens admin = app.loginCityAdmin();
            JsonNode failures = null;
            while (System.nanoTime() < end) {
                failures = TestApp.json(app.get("/api/v1/admin/push-failures", admin));
                if (failures.findValuesAsText("userId").contains(plumber.userId().toString())) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(failures).isNotNull();
            assertThat(failures.findValuesAsText("userId")).contains(plumber.userId().toString());
            JsonNode mine = null;
            for (JsonNode f : failures) {
                if (f.get("userId").asText().equals(plumber.userId().toString())) {
                    mine = f;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.get("reason").asText()).contains("INVALID_ARGUMENT");
            assertThat(mine.get("kind").asText()).isEqualTo("JOB_ASSIGNED");
            assertThat(TestApp.json(app.get("/api/v1/admin/push-failures", app.login("orgadmin"))).findValuesAsText("userId"))
                    .as("the Vakhitovsky organisation admin sees their plumber").contains(plumber.userId().toString());
            assertThat(TestApp.json(app.get("/api/v1/admin/push-failures", app.login("sovetsky.dispatcher"))).isArray())
                    .as("a dispatcher may not look").isFalse();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            push.acceptAll();
        }
    }

    @Test
    void pushTokensAreCheckedMoveWithTheirPhoneAndStopWithSignOut() {
        TestApp.Tokens resident = app.newResident();
        Map<String, Object> tooShort = Map.of("token", "short");
        assertThat(app.json("PUT", "/api/v1/me/push-token", tooShort, "Authorization", "Bearer " + resident.access()).statusCode())
                .isEqualTo(400);
        assertThat(app.json("PUT", "/api/v1/me/push-token", Map.of("token", "resident-token-00000000001", "locale", "fr"),
                            "Authorization", "Bearer " + resident.access()).statusCode()).isEqualTo(400);
        assertThat(app.json("PUT", "/api/v1/me/push-token", Map.of("token", "resident-token-00000000001", "colour", "red"),
                            "Authorization", "Bearer " + resident.access()).statusCode()).as("unknown fields").isEqualTo(400);
        register(resident, "shared-phone-token-0000001", "ru");
        TestApp.Tokens other = app.newResident();
        register(other, "shared-phone-token-0000001", "ru");   // the same phone, now signed in as someone else
        assertThat(app.database().count("SELECT count(*) FROM push_token WHERE token = 'shared-phone-token-0000001' AND user_id = '"
                                                + other.userId() + "'")).isEqualTo(1);
        assertThat(app.database().count("SELECT count(*) FROM push_token WHERE user_id = '" + resident.userId() + "'")).isZero();
        assertThat(app.delete("/api/v1/me/push-token", other).statusCode()).isEqualTo(204);
        assertThat(app.database().count("SELECT count(*) FROM push_token WHERE user_id = '" + other.userId() + "'")).isZero();

        Map<String, Object> web = new HashMap<>(TestApp.device(UUID.randomUUID()));
        web.put("platform", "WEB");
        TestApp.Tokens browser = TestApp.tokens(app.post("/api/v1/auth/login", Map.of("login", "vakhitovsky.dispatcher", "password",
                                                                                  org.opencity.backend.demo.DemoCity.DEMO_PASSWORD,
                                                                                  "device", web)));
        assertThat(app.json("PUT", "/api/v1/me/push-token", Map.of("token", "browser-token-000000000001"),
                            "Authorization", "Bearer " + browser.access()).statusCode()).as("browsers use the live stream").isEqualTo(400);
    }

    // ------------------------------------------------------------------ helpers

    private void register(TestApp.Tokens who, String token, String locale) {
        HttpResponse<String> r = app.json("PUT", "/api/v1/me/push-token", Map.of("token", token, "appVersion", "1.4.2", "locale", locale),
                                          "Authorization", "Bearer " + who.access());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }

    private void act(TestApp.Tokens who, String request, Map<String, Object> action) {
        HttpResponse<String> r = app.post("/api/v1/requests/" + request + "/actions", action, who);
        assertThat(r.statusCode()).as(action + ": " + r.body()).isIn(200, 204);
    }

    private JsonNode latest(TestApp.Tokens who) {
        JsonNode items = TestApp.json(app.get("/api/v1/me/notifications?limit=1", who)).get("items");
        assertThat(items).as("a notification").isNotEmpty();
        return items.get(0);
    }

    private List<String> kinds(TestApp.Tokens who) {
        List<String> kinds = new ArrayList<>();
        TestApp.json(app.get("/api/v1/me/notifications?limit=100", who)).get("items").forEach(n -> kinds.add(n.get("kind").asText()));
        return kinds;
    }

    private List<String> kindsAbout(TestApp.Tokens who, String request) {
        List<String> kinds = new ArrayList<>();
        TestApp.json(app.get("/api/v1/me/notifications?limit=100", who)).get("items").forEach(n -> {
            if (n.path("requestId").asText().equals(request)) {
                kinds.add(n.get("kind").asText());
            }
        });
        return kinds;
    }

    private JsonNode latestAbout(TestApp.Tokens who, String request) {
        for (JsonNode n : TestApp.json(app.get("/api/v1/me/notifications?limit=100", who)).get("items")) {
            if (n.path("requestId").asText().equals(request)) {
                return n;
            }
        }
        throw new AssertionError("no notification about " + request);
    }

    private String building() {
        return app.database().client().execute().query(
                        "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' ORDER BY b.id LIMIT 1")
                .findFirst().orElseThrow().column(1).get().toString();
    }

    private EventStream stream(TestApp.Tokens who, String lastEventId) {
        return lastEventId == null
                ? new EventStream(app, "/api/v1/me/notifications/stream", "Authorization", "Bearer " + who.access())
                : new EventStream(app, "/api/v1/me/notifications/stream", "Authorization", "Bearer " + who.access(),
                                  "Last-Event-ID", lastEventId);
    }
}
