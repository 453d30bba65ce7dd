package org.opencity.backend.sync;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Pull hands each device what changed in its scope, never skipping a late commit. */
@WithApp
class SyncPullTest {

    private final TestApp app;

    SyncPullTest(TestApp app) {
        this.app = app;
    }

    @Test
    void aTechnicianGetsAssignedJobsThenOnlyChangesThenATombstoneWhenTheJobIsReassigned() {
        TestApp.Tokens plumber = app.login("vakhitovsky.plumber1");
        JsonNode snapshot = pull(plumber, null);
        assertThat(snapshot.get("reset").asBoolean()).isTrue();
        assertThat(snapshot.get("requests")).isEmpty();
        String cursor = snapshot.get("cursor").asText();

        String job = assignedJob("vakhitovsky.plumber1");
        JsonNode changes = pull(plumber, cursor);
        assertThat(changes.get("reset").asBoolean()).isFalse();
        assertThat(ids(changes)).containsExactly(job);
        JsonNode detail = changes.get("requests").get(0);
        assertThat(detail.get("summary").get("address").asText()).isNotBlank();
        assertThat(detail.get("timeline")).isNotEmpty();
        assertThat(detail.get("availableActions").toString()).contains("START");
        cursor = changes.get("cursor").asText();
        assertThat(pull(plumber, cursor).get("requests")).as("nothing new").isEmpty();

        app.post("/api/v1/requests/" + job + "/actions", Map.of("action", "REASSIGN", "technicianId", userId("plumber")),
                 app.login("dispatcher"));
        JsonNode gone = pull(plumber, cursor);
        assertThat(gone.get("tombstones").findValuesAsText("requestId")).containsExactly(job);
        assertThat(gone.get("requests")).isEmpty();
    }

    @Test
    void aResidentsPullCarriesTheirRequestsAndAnUnknownCursorGetsAFullSnapshot() {
        TestApp.Tokens resident = app.newResident();
        String first = app.fileRequest(resident, "plumbing", building(), "First report of the day").get("summary").get("id").asText();
        String second = app.fileRequest(resident, "roof", building(), "Second report of the day").get("summary").get("id").asText();
        JsonNode snapshot = pull(resident, "not-a-cursor");
        assertThat(snapshot.get("reset").asBoolean()).isTrue();
        assertThat(ids(snapshot)).contains(first, second);
        JsonNode small = pull(resident, null, 1);
        assertThat(small.get("requests")).hasSize(1);
        assertThat(small.get("more").asBoolean()).isTrue();
        JsonNode rest = pull(resident, small.get("cursor").asText(), 1);
        assertThat(rest.get("reset").asBoolean()).isTrue();
        assertThat(rest.get("requests")).hasSize(1);
    }

    @Test
    void aChangeCommittedLateByAConcurrentTransactionIsNeverSkipped() throws Exception {
        TestApp.Tokens resident = app.newResident();
        String early = app.fileRequest(resident, "plumbing", building(), "Interleaved report one").get("summary").get("id").asText();
        String late = app.fileRequest(resident, "roof", building(), "Interleaved report two").get("summary").get("id").asText();
        String cursor = drain(resident, pull(resident, null));

        try (Connection slow = app.database().dataSource().getConnection(); Connection fast = app.database().dataSource().getConnection()) {
            slow.setAutoCommit(false);
            fast.setAutoCommit(false);
            try (Statement s = slow.createStatement()) {   // begins first: the smaller transaction id
                s.execute("INSERT INTO sync_change (user_id, request_id) VALUES ('" + resident.userId() + "', '" + early + "')");
            }
            try (Statement s = fast.createStatement()) {   // begins second and commits first
                s.execute("INSERT INTO sync_change (user_id, request_id) VALUES ('" + resident.userId() + "', '" + late + "')");
            }
            fast.commit();
            JsonNode whileSlowRuns = pull(resident, cursor);
            assertThat(ids(whileSlowRuns))
                    .as("the later change waits until every earlier transaction has finished").doesNotContain(early);
            cursor = whileSlowRuns.get("cursor").asText();
            slow.commit();
        }
        JsonNode after = pull(resident, cursor);
        assertThat(ids(after)).contains(early);
    }

    @Test
    void feedPositionsAreOrderedAsNumbersEvenWhenTheirDigitCountsDiffer() {
        TestApp.Tokens resident = app.newResident();
        List<String> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(app.fileRequest(resident, "plumbing", building(), "Report number " + i + " of four").get("summary").get("id").asText());
        }
        app.database().client().execute().dml("DELETE FROM sync_change WHERE user_id = '" + resident.userId() + "'");
        long[] xids = {8, 9, 10, 11};   // as text, "10" < "11" < "8" < "9"
        for (int i = 0; i < 4; i++) {
            app.database().client().execute().dml("INSERT INTO sync_change (user_id, request_id, xid) VALUES ('" + resident.userId()
                                                          + "', '" + requests.get(i) + "', '" + xids[i] + "')");
        }
        String cursor = new SyncService.Cursor(false, "7", 0, null, app.clock().instant()).encode();
        List<String> seen = new java.util.ArrayList<>();
        for (int page = 0; page < 6; page++) {
            JsonNode next = pull(resident, cursor, 1);
            seen.addAll(ids(next));
            cursor = next.get("cursor").asText();
        }
        assertThat(seen).as("one page at a time, in commit order, none skipped").containsExactlyElementsOf(requests);
    }

    @Test
    void theLastPageCarriesTheUnreadNotificationsAndReadOnesAreLeftOut() {
        TestApp.Tokens resident = app.newResident();
        String id = app.fileRequest(resident, "plumbing", building(), "Damp patch spreading on the wall").get("summary").get("id").asText();
        TestApp.Tokens dispatcher = app.login("dispatcher");
        app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ACCEPT"), dispatcher);
        app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "COMMENT", "text", "Our engineer will call you"), dispatcher);
        JsonNode page = pull(resident, null);
        assertThat(page.get("more").asBoolean()).isFalse();
        assertThat(page.get("notifications").findValuesAsText("kind")).containsExactly("ORGANISATION_COMMENT", "REQUEST_ACCEPTED");
        String newest = page.get("notifications").get(0).get("id").asText();
        app.post("/api/v1/me/notifications/" + newest + "/read", Map.of(), resident);
        assertThat(pull(resident, page.get("cursor").asText()).get("notifications").findValuesAsText("kind"))
                .containsExactly("REQUEST_ACCEPTED");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new java.util.ArrayList<>();
        page.get("requests").forEach(r -> ids.add(r.get("summary").get("id").asText()));
        return ids;
    }

    private String drain(TestApp.Tokens who, JsonNode page) {
        while (page.get("more").asBoolean()) {
            page = pull(who, page.get("cursor").asText());
        }
        String cursor = page.get("cursor").asText();
        JsonNode next = pull(who, cursor);
        while (!next.get("requests").isEmpty() || next.get("more").asBoolean()) {
            cursor = next.get("cursor").asText();
            next = pull(who, cursor);
        }
        return next.get("cursor").asText();
    }

    private String assignedJob(String technicianLogin) {
        String id = app.fileRequest(app.newResident(), "plumbing", building(), "Dripping pipe in the bathroom").get("summary").get("id").asText();
        TestApp.Tokens dispatcher = app.login("dispatcher");
        app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ACCEPT"), dispatcher);
        app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ASSIGN", "technicianId", userId(technicianLogin)), dispatcher);
        return id;
    }

    private JsonNode pull(TestApp.Tokens who, String cursor) {
        return pull(who, cursor, 50);
    }

    private JsonNode pull(TestApp.Tokens who, String cursor, int limit) {
        String query = "/api/v1/sync/pull?limit=" + limit + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        var response = app.get(query, who);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestApp.json(response);
    }

    private String building() {
        return single("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' LIMIT 1");
    }

    private String userId(String login) {
        return single("SELECT id FROM app_user WHERE login = '" + login + "'");
    }

    private String single(String sql) {
        return app.database().client().execute().query(sql).findFirst().orElseThrow().column(1).get().toString();
    }


}
