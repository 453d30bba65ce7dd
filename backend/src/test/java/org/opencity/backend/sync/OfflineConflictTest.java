package org.opencity.backend.sync;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.TestImages;
import org.opencity.backend.testing.WithApp;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dispatcher reassigns a job while its technician completes it offline: the server's decision
 * stands, the completion is kept as evidence, the dispatcher is asked to decide.
 */
@WithApp
class OfflineConflictTest {

    private final TestApp app;

    OfflineConflictTest(TestApp app) {
        this.app = app;
    }

    @Test
    void workFinishedOfflineAfterAReassignmentIsKeptAsEvidenceAndFlaggedForTheDispatcher() {
        String building = app.database().client().execute().query(
                "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' LIMIT 1")
                .findFirst().orElseThrow().column(1).get().toString();
        String job = app.fileRequest(app.newResident(), "plumbing", building, "Pipe leaking under the sink").get("summary").get("id").asText();
        TestApp.Tokens dispatcher = app.login("dispatcher");
        TestApp.Tokens offline = app.login("plumber");
        String plumber1 = app.database().client().execute().query("SELECT id FROM app_user WHERE login = 'vakhitovsky.plumber1'")
                .findFirst().orElseThrow().column(1).get().toString();
        app.post("/api/v1/requests/" + job + "/actions", Map.of("action", "ACCEPT"), dispatcher);
        app.post("/api/v1/requests/" + job + "/actions", Map.of("action", "ASSIGN", "technicianId", offline.userId().toString()), dispatcher);
        // the plumber goes into the basement and starts; meanwhile the dispatcher moves the job
        app.post("/api/v1/requests/" + job + "/actions", Map.of("action", "START"), offline);
        app.post("/api/v1/requests/" + job + "/actions", Map.of("action", "REASSIGN", "technicianId", plumber1), dispatcher);

        byte[] photo = TestImages.jpeg(800, 600);
        String photoId = UUID.randomUUID().toString();
        JsonNode result = TestApp.json(app.post("/api/v1/sync/push", Map.of("ops", List.of(Map.of(
                "opId", UUID.randomUUID().toString(), "seq", 1, "type", "ACTION", "requestId", job,
                "action", Map.of("action", "COMPLETE", "note", "Replaced the trap, no more leak",
                                 "doneAt", app.clock().instant().toString(),
                                 "photos", List.of(Map.of("id", photoId, "kind", "AFTER", "sha256", TestImages.sha256(photo),
                                                          "size", photo.length)))))), offline));
        JsonNode op = result.get("results").get(0);
        assertThat(op.get("outcome").asText()).isEqualTo("CONFLICT");
        assertThat(op.get("reason").asText()).contains("reassigned");
        assertThat(op.get("currentStatus").asText()).isEqualTo("ASSIGNED");

        // the evidence: the photo can still be uploaded by its author, and the dispatcher sees it all
        var upload = app.send(java.net.http.HttpRequest.newBuilder(app.uri("/api/v1/photos/" + photoId + "/upload?offset=0"))
                                      .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(photo))
                                      .header("Authorization", "Bearer " + offline.access()).build());
        assertThat(TestApp.json(upload).get("stored").asBoolean()).isTrue();
        JsonNode seen = TestApp.json(app.get("/api/v1/requests/" + job, dispatcher));
        assertThat(seen.get("summary").get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(seen.get("summary").get("technicianId").asText()).isEqualTo(plumber1);
        assertThat(seen.get("attention").asText()).contains("offline");
        assertThat(seen.get("availableActions").toString()).contains("ACKNOWLEDGE");
        assertThat(seen.get("timeline").toString()).contains("OFFLINE_WORK_AFTER_REASSIGNMENT").contains("Replaced the trap");
        assertThat(seen.get("photos").findValuesAsText("id")).contains(photoId);

        // both are told: the plumber that the work was kept, the organisation's dispatchers that they must decide
        JsonNode plumberInbox = TestApp.json(app.get("/api/v1/me/notifications", offline)).get("items");
        assertThat(plumberInbox.findValuesAsText("kind")).contains("OFFLINE_WORK_KEPT", "JOB_TAKEN_AWAY");
        assertThat(TestApp.json(app.get("/api/v1/me/notifications", dispatcher)).get("items").findValuesAsText("kind"))
                .contains("NEEDS_ATTENTION");

        JsonNode acknowledged = TestApp.json(app.post("/api/v1/requests/" + job + "/actions",
                                                      Map.of("action", "ACKNOWLEDGE", "text", "Counted; plumber1 will check"), dispatcher));
        assertThat(acknowledged.has("attention") && !acknowledged.get("attention").isNull()).isFalse();
    }
}
