package org.opencity.backend.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.opencity.backend.testing.TestApp;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds report datasets through the real API on the test's clock: every action at a chosen
 * instant, each by a freshly signed-in person (the clock jumps past token lifetimes).
 */
final class ReportFixtures {

    private final TestApp app;

    ReportFixtures(TestApp app) {
        this.app = app;
    }

    /** Moves the clock to an instant (UTC, ISO-8601). */
    void at(String instant) {
        app.clock().set(Instant.parse(instant));
    }

    /** A resident files a plumbing request at the first building of a district; answers its id. */
    String file(String phone, String district) {
        return app.fileRequest(app.signInResident(phone), "plumbing", single(
                "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = '" + district
                        + "' ORDER BY b.street_ru, b.house LIMIT 1"), "Water drips from the ceiling").get("summary").get("id").asText();
    }

    /** A staff member acts; fails the test unless it succeeds. */
    void staff(String login, String id, String action, Object... pairs) {
        act(app.login(login), id, action, pairs);
    }

    /** The reporter acts. */
    void resident(String phone, String id, String action, Object... pairs) {
        act(app.signInResident(phone), id, action, pairs);
    }

    void assign(String dispatcher, String id, String technician) {
        staff(dispatcher, id, "ASSIGN", "technicianId", userId(technician));
    }

    void complete(String technician, String id) {
        staff(technician, id, "COMPLETE", "note", "fixed", "photos", List.of(afterPhoto()));
    }

    /**
     * A request filed on Thursday 26 November, accepted and assigned on Friday, started and
     * completed on Monday morning, disputed by its resident an hour later, assigned again and
     * started again at 10:00 (the clock is left there). Answers its id.
     */
    String reopenedAndRestarted(String phone) {
        at("2026-11-26T14:00:00Z");
        String id = file(phone, "vakhitovsky");
        at("2026-11-27T07:00:00Z");
        staff("dispatcher", id, "ACCEPT");
        assign("dispatcher", id, "plumber");
        at("2026-11-30T07:00:00Z");
        staff("plumber", id, "START");
        at("2026-11-30T08:00:00Z");
        complete("plumber", id);
        at("2026-11-30T09:00:00Z");
        resident(phone, id, "DISPUTE", "reason", "still dripping");
        assign("dispatcher", id, "plumber");
        at("2026-11-30T10:00:00Z");
        staff("plumber", id, "START");
        return id;
    }

    private void act(TestApp.Tokens who, String id, String action, Object... pairs) {
        Map<String, Object> command = new HashMap<>();
        command.put("action", action);
        for (int i = 0; i < pairs.length; i += 2) {
            command.put((String) pairs[i], pairs[i + 1]);
        }
        HttpResponse<String> response = app.post("/api/v1/requests/" + id + "/actions", command, who);
        if (response.statusCode() != 200 && response.statusCode() != 204) {
            throw new AssertionError(action + " failed: " + response.statusCode() + " " + response.body());
        }
    }

    /** Runs a report as someone; fails the test unless it answers 200. */
    JsonNode run(TestApp.Tokens who, Map<String, Object> query) {
        HttpResponse<String> response = app.post("/api/v1/reports/run", query, who);
        if (response.statusCode() != 200) {
            throw new AssertionError("report failed: " + response.statusCode() + " " + response.body());
        }
        return TestApp.json(response);
    }

    String userId(String login) {
        return single("SELECT id FROM app_user WHERE login = '" + login + "'");
    }

    String single(String sql) {
        try (var rows = app.database().client().execute().query(sql)) {
            return rows.findFirst().orElseThrow(() -> new AssertionError("no row: " + sql)).column(1).get().toString();
        }
    }

    static Map<String, Object> afterPhoto() {
        byte[] hash = new byte[32];
        new java.util.Random().nextBytes(hash);
        return Map.of("id", UUID.randomUUID().toString(), "kind", "AFTER", "sha256", HexFormat.of().formatHex(hash),
                      "size", 123_456, "capturedAt", "2026-11-25T08:00:00Z");
    }
}
