package org.opencity.backend.requests;

import com.fasterxml.jackson.databind.JsonNode;
import org.opencity.backend.testing.TestApp;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Shortcuts for lifecycle tests over HTTP: filing, acting, reading, and ids of demo objects. */
final class RequestFixtures {

    private final TestApp app;

    RequestFixtures(TestApp app) {
        this.app = app;
    }

    String building(String district) {
        return single("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = '" + district
                              + "' ORDER BY b.street_ru, b.house LIMIT 1");
    }

    String userId(String login) {
        return single("SELECT id FROM app_user WHERE login = '" + login + "'");
    }

    String organisation(String code) {
        return single("SELECT id FROM organisation WHERE code = '" + code + "'");
    }

    String single(String sql) {
        try (var rows = app.database().client().execute().query(sql)) {
            return rows.findFirst().orElseThrow(() -> new AssertionError("no row: " + sql)).column(1).get().toString();
        }
    }

    /** Files a plumbing request in a Vakhitovsky building; answers its id. */
    String file(TestApp.Tokens resident, String category) {
        return app.fileRequest(resident, category, building("vakhitovsky"), "Water drips from the ceiling in the bathroom")
                .get("summary").get("id").asText();
    }

    HttpResponse<String> act(TestApp.Tokens who, String requestId, Map<String, Object> command) {
        return app.post("/api/v1/requests/" + requestId + "/actions", command, who);
    }

    JsonNode actOk(TestApp.Tokens who, String requestId, Map<String, Object> command) {
        HttpResponse<String> response = act(who, requestId, command);
        if (response.statusCode() != 200) {
            throw new AssertionError(command + " failed: " + response.statusCode() + " " + response.body());
        }
        return TestApp.json(response);
    }

    static Map<String, Object> action(String action, Object... pairs) {
        Map<String, Object> command = new HashMap<>();
        command.put("action", action);
        for (int i = 0; i < pairs.length; i += 2) {
            command.put((String) pairs[i], pairs[i + 1]);
        }
        return command;
    }

    static Map<String, Object> afterPhoto() {
        byte[] hash = new byte[32];
        new java.util.Random().nextBytes(hash);
        return Map.of("id", UUID.randomUUID().toString(), "kind", "AFTER", "sha256", HexFormat.of().formatHex(hash),
                      "size", 123_456, "capturedAt", "2026-11-25T08:00:00Z");
    }

    JsonNode detail(TestApp.Tokens who, String requestId) {
        HttpResponse<String> response = app.get("/api/v1/requests/" + requestId, who);
        if (response.statusCode() != 200) {
            throw new AssertionError("cannot read " + requestId + ": " + response.statusCode() + " " + response.body());
        }
        return TestApp.json(response);
    }

    static String status(JsonNode detail) {
        return detail.get("summary").get("status").asText();
    }

    static List<String> kinds(JsonNode detail) {
        return detail.get("timeline").findValuesAsText("kind");
    }
}
