package org.opencity.backend.scale;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencity.backend.demo.DemoCity;
import org.opencity.backend.testing.BackendProcess;
import org.opencity.backend.testing.EventStream;
import org.opencity.backend.testing.TestDatabase;
import org.opencity.backend.testing.TestDatabases;
import org.opencity.backend.testing.TestImages;
import org.opencity.backend.web.Json;
import org.opencity.model.Ids;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two backend processes on one database, requests alternating between them, as behind a load
 * balancer: live board events cross nodes, a request moves through its lifecycle whichever node
 * answers, a sync batch replayed on the other node applies once, a photo uploaded half to each
 * node is whole, and both nodes' deadline sweepers escalate an overdue request exactly once.
 */
class TwoNodeTest {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twoNodesShareOneCity(@TempDir Path shared) throws Exception {
        try (TestDatabase db = TestDatabases.createDemo()) {
            Map<String, String> env = Map.of("DB_URL", db.url(), "DB_USER", db.user(), "DB_PASSWORD", db.password(), "DEMO", "false",
                                             "PHOTO_DIR", shared.resolve("photos").toString(),
                                             "DEADLINES_SWEEP_INTERVAL", "PT1S");
            CompletableFuture<BackendProcess> startingB = CompletableFuture.supplyAsync(() -> start(env, shared.resolve("b")));
            try (BackendProcess a = start(env, shared.resolve("a")); BackendProcess b = startingB.join()) {
                String operator = login(a, "operator");
                String dispatcherOnB = login(b, "dispatcher");
                String dispatcherOnA = login(a, "dispatcher");

                // filed on A, seen live on a board held by B
                try (EventStream board = new EventStream(http, uri(b, "/api/v1/requests/stream"), "Authorization", "Bearer " + dispatcherOnB)) {
                    board.awaitOpen();
                    JsonNode filed = json(send(a, "POST", "/api/v1/requests", operator, newRequest(db, "plumbing", "The riser leaks in the basement")));
                    String id = filed.get("summary").get("id").asText();
                    Map<String, String> event = board.next(WAIT);
                    assertThat(Json.mapper().readTree(event.get("data")).get("id").asText()).isEqualTo(id);

                    // the lifecycle, alternating nodes
                    assertThat(send(b, "POST", "/api/v1/requests/" + id + "/actions", dispatcherOnB, Map.of("action", "ACCEPT")).statusCode())
                            .isEqualTo(200);
                    String plumber = single(db, "SELECT id FROM app_user WHERE login = 'vakhitovsky.plumber1'");
                    assertThat(send(a, "POST", "/api/v1/requests/" + id + "/actions", dispatcherOnA,
                                    Map.of("action", "ASSIGN", "technicianId", plumber)).statusCode()).isEqualTo(200);
                    String technician = login(b, "vakhitovsky.plumber1");
                    assertThat(send(a, "GET", "/api/v1/sync/pull", technician, null).body()).contains(id);
                    assertThat(send(b, "GET", "/api/v1/sync/pull", technician, null).body()).contains(id);

                    // an offline batch pushed to A, its answer lost, pushed again to B: applied once
                    byte[] photo = TestImages.jpeg(1600, 1200);
                    String photoId = UUID.randomUUID().toString();
                    List<Map<String, Object>> ops = List.of(
                            op(1, id, Map.of("action", "START")),
                            op(2, id, Map.of("action", "COMPLETE", "note", "Replaced a section of the riser", "photos",
                                             List.of(Map.of("id", photoId, "kind", "AFTER", "sha256", TestImages.sha256(photo), "size", photo.length)))));
                    JsonNode first = json(send(a, "POST", "/api/v1/sync/push", technician, Map.of("ops", ops)));
                    JsonNode again = json(send(b, "POST", "/api/v1/sync/push", technician, Map.of("ops", ops)));
                    assertThat(first.get("results").findValuesAsText("outcome")).containsExactly("APPLIED", "APPLIED");
                    assertThat(again.get("results").toString()).isEqualTo(first.get("results").toString());
                    assertThat(db.count("SELECT count(*) FROM request_event WHERE request_id = '" + id + "' AND to_status = 'DONE'")).isEqualTo(1);

                    // the photo: the first half to A, the rest to B
                    int half = photo.length / 2;
                    assertThat(upload(a, technician, photoId, 0, Arrays.copyOfRange(photo, 0, half)).statusCode()).isEqualTo(200);
                    assertThat(upload(b, technician, photoId, half, Arrays.copyOfRange(photo, half, photo.length)).statusCode()).isEqualTo(200);
                    assertThat(send(a, "GET", "/api/v1/photos/" + photoId + "/display", dispatcherOnA, null).statusCode()).isEqualTo(200);
                    assertThat(send(b, "GET", "/api/v1/photos/" + photoId + "/display", dispatcherOnB, null).statusCode()).isEqualTo(200);
                }

                // both sweepers run every second: an overdue request is escalated once, not twice
                JsonNode late = json(send(b, "POST", "/api/v1/requests", operator, newRequest(db, "heating", "Radiators cold on the 3rd floor")));
                String lateId = late.get("summary").get("id").asText();
                db.execute("UPDATE request SET due_at = now() - interval '1 minute', warn_at = now() - interval '2 minutes' WHERE id = '" + lateId + "'");
                String escalated = "SELECT count(*) FROM request_event WHERE request_id = '" + lateId + "' AND kind = 'ESCALATED'";
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (db.count(escalated) == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(db.count(escalated)).as("escalated by one of the nodes").isEqualTo(1);
                Thread.sleep(3_000);   // several more sweeps on each node
                assertThat(db.count(escalated)).as("and only once").isEqualTo(1);
                assertThat(a.output()).as("both nodes sweep every second").contains("deadline sweep every PT1S");
                assertThat(b.output()).contains("deadline sweep every PT1S");
            }
        }
    }

    private static BackendProcess start(Map<String, String> env, Path data) {
        Map<String, String> own = new HashMap<>(env);
        own.put("DATA_DIR", data.toString());
        return BackendProcess.start(own, BackendProcess.freePort()).awaitHealthy(START);
    }

    private static Map<String, Object> op(long seq, String request, Map<String, Object> action) {
        return Map.of("opId", Ids.newId().toString(), "seq", seq, "type", "ACTION", "requestId", request, "action", action);
    }

    private Map<String, Object> newRequest(TestDatabase db, String category, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", Ids.newId().toString());
        body.put("categoryCode", category);
        body.put("description", description);
        body.put("buildingId", single(db, "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id "
                                          + "WHERE d.code = 'vakhitovsky' ORDER BY b.id LIMIT 1"));
        body.put("flat", "5");
        body.put("caller", Map.of("phone", "+79270004455", "name", "Caller"));
        return body;
    }

    private String login(BackendProcess node, String login) throws IOException {
        HttpResponse<String> r = send(node, "POST", "/api/v1/auth/login", null, Map.of("login", login, "password", DemoCity.DEMO_PASSWORD,
                "device", Map.of("id", UUID.randomUUID().toString(), "platform", "ANDROID", "appVersion", "1", "name", "test")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("accessToken").asText();
    }

    private HttpResponse<String> upload(BackendProcess node, String token, String photo, long offset, byte[] bytes) {
        return exchange(HttpRequest.newBuilder(uri(node, "/api/v1/photos/" + photo + "/upload?offset=" + offset))
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).header("Content-Type", "application/octet-stream")
                                .header("Authorization", "Bearer " + token));
    }

    private HttpResponse<String> send(BackendProcess node, String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(node, path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return exchange(request);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(BackendProcess node, String path) {
        return URI.create("http://localhost:" + node.port() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return Json.mapper().readTree(response.body());
    }

    private static String single(TestDatabase db, String sql) {
        try (var rows = db.client().execute().query(sql)) {
            return rows.findFirst().orElseThrow().column(1).get().toString();
        }
    }
}
