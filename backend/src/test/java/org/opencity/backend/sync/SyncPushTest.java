package org.opencity.backend.sync;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.model.Ids;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Push applies a device's ops in order, exactly once, never blocked by a refused one. */
@WithApp
class SyncPushTest {

    private final TestApp app;

    SyncPushTest(TestApp app) {
        this.app = app;
    }

    @Test
    void opsApplyInOrderAndAReplayIsAnsweredWithoutApplyingTwice() {
        TestApp.Tokens resident = app.newResident();
        UUID request = Ids.newId();
        List<Map<String, Object>> ops = List.of(create(1, request), action(2, request, Map.of("action", "COMMENT", "text", "It got worse")),
                                                action(3, request, Map.of("action", "COMMENT", "text", "Now the floor is wet")));
        JsonNode first = push(resident, ops);
        assertThat(first.get("results").findValuesAsText("outcome")).containsExactly("APPLIED", "APPLIED", "APPLIED");
        assertThat(first.get("lastSeq").asLong()).isEqualTo(3);
        assertThat(first.get("results").get(0).get("number").asText()).matches("KZN-2026-\\d{6}");
        long events = app.database().count("SELECT count(*) FROM request_event WHERE request_id = '" + request + "'");

        JsonNode replay = push(resident, ops);   // the answer was lost: the device sends everything again
        assertThat(replay.get("results").toString()).isEqualTo(first.get("results").toString());
        assertThat(app.database().count("SELECT count(*) FROM request WHERE id = '" + request + "'")).isEqualTo(1);
        assertThat(app.database().count("SELECT count(*) FROM request_event WHERE request_id = '" + request + "'")).isEqualTo(events);
    }

    @Test
    void aGapStopsTheBatchAndTheMissingOpsLetItContinue() {
        TestApp.Tokens resident = app.newResident();
        UUID request = Ids.newId();
        JsonNode gap = push(resident, List.of(create(1, request), action(3, request, Map.of("action", "COMMENT", "text", "third"))));
        assertThat(gap.get("results")).hasSize(1);
        assertThat(gap.get("gapAfter").asLong()).isEqualTo(1);
        JsonNode rest = push(resident, List.of(action(2, request, Map.of("action", "COMMENT", "text", "second")),
                                               action(3, request, Map.of("action", "COMMENT", "text", "third"))));
        assertThat(rest.get("results").findValuesAsText("outcome")).containsExactly("APPLIED", "APPLIED");
        assertThat(rest.has("gapAfter") && !rest.get("gapAfter").isNull()).isFalse();
    }

    @Test
    void aRefusedOpIsReportedAndNeverBlocksTheOpsBehindIt() {
        TestApp.Tokens resident = app.newResident();
        UUID request = Ids.newId();
        JsonNode result = push(resident, List.of(
                create(1, request),
                action(2, request, Map.of("action", "START")),                                   // not a resident's action
                action(3, request, Map.of("action", "COMMENT")),                                 // no text
                action(4, UUID.randomUUID(), Map.of("action", "COMMENT", "text", "elsewhere")),  // no such request
                action(5, request, Map.of("action", "CANCEL", "reason", "fixed it myself"))));
        assertThat(result.get("results").findValuesAsText("outcome"))
                .containsExactly("APPLIED", "CONFLICT", "REJECTED", "REJECTED", "APPLIED");
        assertThat(result.get("results").get(1).get("reason").asText()).contains("ROUTED");
        assertThat(result.get("results").get(4).get("currentStatus").asText()).isEqualTo("CANCELLED");
        assertThat(result.get("lastSeq").asLong()).isEqualTo(5);
    }

    @Test
    void aSequenceNumberReusedForAnotherOpIsRejected() {
        TestApp.Tokens resident = app.newResident();
        UUID request = Ids.newId();
        push(resident, List.of(create(1, request)));
        JsonNode clash = push(resident, List.of(action(1, request, Map.of("action", "COMMENT", "text", "same seq, other op"))));
        assertThat(clash.get("results").get(0).get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(clash.get("results").get(0).get("reason").asText()).contains("another op");
    }

    @Test
    void aBatchIsBoundedAndEveryOpIsCheckedAgainstTheCallerAsTheyAreNow() {
        TestApp.Tokens resident = app.newResident();
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 1; i <= 201; i++) {
            tooMany.add(action(i, UUID.randomUUID(), Map.of("action", "COMMENT", "text", "x")));
        }
        assertThat(app.post("/api/v1/sync/push", Map.of("ops", tooMany), resident).statusCode()).isEqualTo(400);

        TestApp.Tokens plumber = app.login("vakhitovsky.plumber2");
        app.patch("/api/v1/admin/users/" + plumber.userId(), Map.of("active", false), app.login("orgadmin"));
        HttpResponse<String> refused = app.post("/api/v1/sync/push", Map.of("ops", List.of(
                action(1, UUID.randomUUID(), Map.of("action", "START")))), plumber);
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @Test
    void aDeviceClockFarAheadIsFlaggedAndDeadlinesKeepTheServersTime() {
        TestApp.Tokens resident = app.newResident();
        UUID request = Ids.newId();
        Map<String, Object> batch = new HashMap<>();
        batch.put("sentAt", app.clock().instant().plusSeconds(3600).toString());
        batch.put("ops", List.of(create(1, request)));
        JsonNode result = TestApp.json(app.post("/api/v1/sync/push", batch, resident));
        assertThat(result.get("results").get(0).get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(app.database().count("SELECT count(*) FROM request WHERE id = '" + request + "' AND created_at = TIMESTAMPTZ '"
                                                + app.clock().instant() + "'")).isEqualTo(1);
    }

    @Test
    void workDoneOfflineKeepsTheDevicesTimeNextToTheServersAndAWrongDeviceClockIsFlagged() {
        TestApp.Tokens plumber = app.login("vakhitovsky.plumber1");
        TestApp.Tokens dispatcher = app.login("dispatcher");
        java.time.Instant server = app.clock().instant();
        java.time.Instant threeHoursAgo = server.minusSeconds(3 * 3600);
        UUID honest = assignedTo(plumber, dispatcher);
        UUID skewed = assignedTo(plumber, dispatcher);

        // an honest clock: the job was started three hours ago in a basement and synced only now
        Map<String, Object> batch = new HashMap<>();
        batch.put("sentAt", server.toString());
        batch.put("ops", List.of(action(1, honest, Map.of("action", "START", "doneAt", threeHoursAgo.toString()))));
        assertThat(TestApp.json(app.post("/api/v1/sync/push", batch, plumber)).get("results").get(0).get("outcome").asText())
                .isEqualTo("APPLIED");
        JsonNode started = event(honest, "STARTED");
        assertThat(started.get("detail").get("doneAt").asText()).isEqualTo(threeHoursAgo.toString());
        assertThat(started.get("detail").has("clockSkew")).isFalse();
        assertThat(started.get("at").asText()).as("the entry carries the server's receive time").isEqualTo(server.toString());

        // a clock two hours fast: what it reports is kept, flagged, and the deadline still runs from server time
        java.time.Instant deviceNow = server.plusSeconds(2 * 3600);
        batch.put("sentAt", deviceNow.toString());
        batch.put("ops", List.of(action(2, skewed, Map.of("action", "START", "doneAt", deviceNow.minusSeconds(600).toString()))));
        assertThat(TestApp.json(app.post("/api/v1/sync/push", batch, plumber)).get("results").get(0).get("outcome").asText())
                .isEqualTo("APPLIED");
        JsonNode flagged = event(skewed, "STARTED");
        assertThat(flagged.get("detail").get("doneAt").asText()).isEqualTo(deviceNow.minusSeconds(600).toString());
        assertThat(flagged.get("detail").get("clockSkew").asText()).isEqualTo("device clock ahead of the server by 120 min");
        assertThat(app.database().count("SELECT count(*) FROM request a, request b WHERE a.id = '" + honest + "' AND b.id = '" + skewed
                                                + "' AND a.due_at = b.due_at")).as("both deadlines from the server's clock").isEqualTo(1);
    }

    private UUID assignedTo(TestApp.Tokens technician, TestApp.Tokens dispatcher) {
        String building = app.database().client().execute().query(
                "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' LIMIT 1")
                .findFirst().orElseThrow().column(1).get().toString();
        String id = app.fileRequest(app.newResident(), "plumbing", building, "Radiator valve dripping").get("summary").get("id").asText();
        app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ACCEPT"), dispatcher);
        app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ASSIGN", "technicianId", technician.userId().toString()),
                 dispatcher);
        return UUID.fromString(id);
    }

    private JsonNode event(UUID request, String kind) {
        for (JsonNode entry : TestApp.json(app.get("/api/v1/requests/" + request, app.login("dispatcher"))).get("timeline")) {
            if (entry.get("kind").asText().equals(kind)) {
                return entry;
            }
        }
        throw new AssertionError("no " + kind + " entry on " + request);
    }

    JsonNode push(TestApp.Tokens who, List<Map<String, Object>> ops) {
        HttpResponse<String> response = app.post("/api/v1/sync/push", Map.of("ops", ops), who);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestApp.json(response);
    }

    Map<String, Object> create(long seq, UUID request) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", request.toString());
        body.put("categoryCode", "plumbing");
        body.put("description", "Leak reported from the basement, offline");
        body.put("buildingId", app.database().client().execute().query(
                "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' LIMIT 1")
                .findFirst().orElseThrow().column("id").get().toString());
        return Map.of("opId", UUID.randomUUID().toString(), "seq", seq, "type", "CREATE_REQUEST", "request", body);
    }

    static Map<String, Object> action(long seq, UUID request, Map<String, Object> action) {
        return Map.of("opId", UUID.nameUUIDFromBytes((request + ":" + seq + action).getBytes()).toString(), "seq", seq,
                      "type", "ACTION", "requestId", request.toString(), "action", action);
    }
}
