package org.opencity.backend.faults;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencity.backend.demo.DemoCity;
import org.opencity.backend.testing.BackendProcess;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backend killed with SIGKILL at seeded random moments under a mixed workload, and restarted
 * on the same port, database and photo folder. Clients do what the mobile app and the call-centre
 * page do: retry everything not acknowledged with the same keys (the request's own id, the sync
 * op's id and sequence number, the photo's id and byte offset, the version an action expects)
 * until it is acknowledged. After the last restart the database and the photo folder must hold
 * each acknowledged write exactly once, with its history and its notifications.
 *
 * <p>The seed is printed; {@code -Dcrash.seed=N} replays the same kill delays and workload
 * choices (thread scheduling still varies, so the exact kill points do too).
 */
class CrashHarnessTest {

    private static final int WORKERS = 3;
    private static final int KILLS = 4;
    private static final int MIN_ITEMS = 3;
    private static final int MAX_ITEMS = 25;
    private static final Duration START = Duration.ofSeconds(60);
    /** How long a client keeps retrying one call before the harness calls it a hang. */
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicReference<BackendProcess> backend = new AtomicReference<>();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger lostAnswersRecovered = new AtomicInteger();
    private final AtomicInteger cutInFlight = new AtomicInteger();
    private int port;

    @Test
    void acknowledgedWritesSurviveKillsExactlyOnce(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("CrashHarnessTest seed: " + seed + " (replay with -Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);
        Path photos = dir.resolve("photos");
        try (TestDatabase db = TestDatabases.createDemo()) {
            Map<String, String> env = Map.of("DB_URL", db.url(), "DB_USER", db.user(), "DB_PASSWORD", db.password(), "DEMO", "false",
                                             "PHOTO_DIR", photos.toString(), "DATA_DIR", dir.resolve("data").toString());
            port = BackendProcess.freePort();
            backend.set(BackendProcess.start(env, port).awaitHealthy(START));
            try {
                String building = single(db, "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id "
                                             + "WHERE d.code = 'vakhitovsky' ORDER BY b.id LIMIT 1");
                String plumber = single(db, "SELECT id FROM app_user WHERE login = 'vakhitovsky.plumber1'");
                byte[] photo = TestImages.jpeg(1200, 900);

                List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();
                AtomicBoolean killsDone = new AtomicBoolean();
                ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    Worker worker = new Worker(w, new Random(random.nextLong()), login("operator"), login("dispatcher"),
                                               login("vakhitovsky.plumber1"), building, plumber, photo);
                    workers.add(pool.submit(() -> worker.run(acknowledged, killsDone)));
                }
                List<Long> killedAfter = new ArrayList<>();
                List<Long> restartMillis = new ArrayList<>();
                try {
                    for (int k = 0; k < KILLS; k++) {
                        long delay = 300 + random.nextInt(1_700);
                        Thread.sleep(delay);
                        backend.get().kill();
                        killedAfter.add(delay);
                        long restart = System.nanoTime();
                        backend.set(BackendProcess.start(env, port).awaitHealthy(START));
                        restartMillis.add((System.nanoTime() - restart) / 1_000_000);
                    }
                } finally {
                    killsDone.set(true);
                }
                for (Future<?> f : workers) {
                    f.get();
                }
                pool.shutdown();
                System.out.println("CrashHarnessTest: " + KILLS + " kills after " + killedAfter + " ms of running, restarts took "
                                           + restartMillis + " ms; " + acknowledged.size() + " requests carried through; "
                                           + unanswered.get() + " calls unanswered and retried, " + cutInFlight.get()
                                           + " of them cut in flight; " + lostAnswersRecovered.get()
                                           + " requests or actions applied by an attempt whose answer was lost");

                assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(WORKERS * MIN_ITEMS);
                assertInvariants(db, acknowledged, photos, TestImages.sha256(photo));
            } finally {
                backend.get().close();
            }
        }
    }

    /** What the clients were told was done, for one request carried through its workload. */
    private record Acknowledged(String id, String number, String comment, String photoId) {
    }

    private final class Worker {
        private final int index;
        private final Random random;
        private final String operator;
        private final String dispatcher;
        private final String technician;
        private final String building;
        private final String plumber;
        private final byte[] photo;
        private long seq;

        Worker(int index, Random random, String operator, String dispatcher, String technician, String building, String plumber,
               byte[] photo) {
            this.index = index;
            this.random = random;
            this.operator = operator;
            this.dispatcher = dispatcher;
            this.technician = technician;
            this.building = building;
            this.plumber = plumber;
            this.photo = photo;
        }

        void run(List<Acknowledged> acknowledged, AtomicBoolean killsDone) {
            for (int item = 0; item < MAX_ITEMS && (item < MIN_ITEMS || !killsDone.get()); item++) {
                acknowledged.add(carryThrough(item));
            }
        }

        /** One request from the caller's phone call to the technician's photo of the repair. */
        private Acknowledged carryThrough(int item) {
            String id = Ids.newId().toString();
            Map<String, Object> body = new HashMap<>();
            body.put("id", id);
            body.put("categoryCode", "plumbing");
            body.put("description", "Worker " + index + " item " + item + ": the riser leaks");
            body.put("buildingId", building);
            body.put("flat", Integer.toString(1 + random.nextInt(90)));
            body.put("caller", Map.of("phone", "+7927000" + (4400 + index), "name", "Caller " + index));
            HttpResponse<String> first = untilAnswered(() -> post("/api/v1/requests", operator, body));
            if (first.statusCode() == 200) {
                lostAnswersRecovered.incrementAndGet();   // an attempt whose answer was lost had filed it
            }
            JsonNode created = json(first, 201, 200);
            assertThat(created.get("summary").get("id").asText()).isEqualTo(id);
            String number = created.get("summary").get("number").asText();
            // a second POST of the same id, as after a lost answer, is the same request
            JsonNode again = json(untilAnswered(() -> post("/api/v1/requests", operator, body)), 200);
            assertThat(again.get("summary").get("number").asText()).isEqualTo(number);

            JsonNode detail = act(id, created.get("version").asInt(), Map.of("action", "ACCEPT"),
                                  d -> !d.get("summary").get("status").asText().equals("ROUTED"));
            detail = act(id, detail.get("version").asInt(), Map.of("action", "ASSIGN", "technicianId", plumber),
                         d -> d.get("summary").get("status").asText().equals("ASSIGNED"));
            String comment = "Worker " + index + " item " + item + ": the plumber comes at " + (8 + random.nextInt(10)) + ":00";
            act(id, detail.get("version").asInt(), Map.of("action", "COMMENT", "text", comment),
                d -> d.get("timeline").toString().contains(comment));

            // the technician's offline batch: started and done, with an AFTER photo announced
            String photoId = UUID.randomUUID().toString();
            List<Map<String, Object>> ops = List.of(
                    op(++seq, id, Map.of("action", "START")),
                    op(++seq, id, Map.of("action", "COMPLETE", "note", "Replaced a section of the riser", "photos",
                                         List.of(Map.of("id", photoId, "kind", "AFTER", "sha256", TestImages.sha256(photo),
                                                        "size", photo.length)))));
            JsonNode pushed = json(untilAnswered(() -> post("/api/v1/sync/push", technician, Map.of("ops", ops))), 200);
            assertThat(pushed.get("results").findValuesAsText("outcome")).as(pushed.toString()).containsExactly("APPLIED", "APPLIED");
            if (random.nextBoolean()) {
                // the batch sent again, as after a lost answer: the same results, nothing applied twice
                JsonNode replayed = json(untilAnswered(() -> post("/api/v1/sync/push", technician, Map.of("ops", ops))), 200);
                assertThat(replayed.get("results").toString()).isEqualTo(pushed.get("results").toString());
            }

            upload(photoId);
            return new Acknowledged(id, number, comment, photoId);
        }

        /**
         * An action sent with the version it expects until acknowledged. A 409 after an attempt
         * whose answer was lost is the lost attempt having applied — if the request shows it.
         */
        private JsonNode act(String id, int version, Map<String, Object> action, Predicate<JsonNode> applied) {
            Map<String, Object> body = new HashMap<>(action);
            body.put("expectedVersion", version);
            int before = unanswered.get();
            AtomicInteger attempts = new AtomicInteger();
            HttpResponse<String> r = untilAnswered(() -> {
                attempts.incrementAndGet();
                return post("/api/v1/requests/" + id + "/actions", dispatcher, body);
            });
            if (r.statusCode() == 409 && attempts.get() > 1) {
                JsonNode now = json(untilAnswered(() -> get("/api/v1/requests/" + id, dispatcher)), 200);
                assertThat(applied.test(now)).as("409 after a lost answer to " + action + ", and it did not apply: " + r.body()
                                                         + " (unanswered before: " + before + ")").isTrue();
                lostAnswersRecovered.incrementAndGet();
                return now;
            }
            return json(r, 200);
        }

        /** Chunks of random sizes; after a failure, the server says where to go on from. */
        private void upload(String photoId) {
            long offset = 0;
            while (true) {
                int length = (int) Math.min(photo.length - offset, 1 + random.nextInt(photo.length / 2));
                long from = offset;
                byte[] chunk = Arrays.copyOfRange(photo, (int) from, (int) from + length);
                HttpResponse<String> r = attempt(() -> HttpRequest.newBuilder(uri("/api/v1/photos/" + photoId + "/upload?offset=" + from))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(chunk)).header("Content-Type", "application/octet-stream")
                        .header("Authorization", "Bearer " + technician));
                if (r == null || r.statusCode() >= 500) {
                    unanswered.incrementAndGet();
                    pause();
                    JsonNode status = json(untilAnswered(() -> get("/api/v1/photos/" + photoId + "/upload", technician)), 200);
                    if (status.get("stored").asBoolean()) {
                        return;
                    }
                    offset = status.get("received").asLong();
                    continue;
                }
                JsonNode status = json(r, 200);
                if (status.get("stored").asBoolean()) {
                    assertThat(offset + length).isEqualTo(photo.length);
                    return;
                }
                offset = status.get("received").asLong();
            }
        }

        private HttpRequest.Builder post(String path, String token, Object body) {
            return HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token);
        }

        private HttpRequest.Builder get(String path, String token) {
            return HttpRequest.newBuilder(uri(path)).GET().header("Authorization", "Bearer " + token);
        }
    }

    private void assertInvariants(TestDatabase db, List<Acknowledged> acknowledged, Path photos, String photoSha256) throws Exception {
        Set<String> ids = new HashSet<>();
        acknowledged.forEach(a -> ids.add(a.id()));
        assertThat(ids).as("each acknowledged request once").hasSameSizeAs(acknowledged);
        String in = "('" + String.join("','", ids) + "')";

        // every acknowledged write exists exactly once, and nothing else was written
        assertThat(db.count("SELECT count(*) FROM request WHERE channel = 'CALL_CENTRE' AND id NOT IN " + in))
                .as("no request that was never acknowledged").isZero();
        assertThat(db.count("SELECT count(*) FROM request WHERE id IN " + in)).isEqualTo(ids.size());
        assertThat(db.count("SELECT count(DISTINCT number) FROM request")).isEqualTo(db.count("SELECT count(*) FROM request"));
        for (Acknowledged a : acknowledged) {
            assertThat(single(db, "SELECT number FROM request WHERE id = '" + a.id() + "'")).isEqualTo(a.number());
            assertThat(single(db, "SELECT status FROM request WHERE id = '" + a.id() + "'")).isEqualTo("DONE");
        }
        Map<String, Long> events = countBy(db, "SELECT kind, count(*) FROM request_event WHERE request_id IN " + in + " GROUP BY kind");
        for (String kind : List.of("CREATED", "ACCEPT", "ASSIGNED", "COMMENT", "STARTED", "COMPLETED")) {
            assertThat(events.get(kind)).as("one %s history entry per request: %s", kind, events).isEqualTo((long) ids.size());
        }
        for (Acknowledged a : acknowledged) {
            assertThat(db.count("SELECT count(*) FROM request_event WHERE request_id = '" + a.id() + "' AND kind = 'COMMENT' "
                                + "AND detail->>'text' = '" + a.comment() + "'")).as("the comment, once").isEqualTo(1);
        }
        assertThat(db.count("SELECT count(*) FROM sync_op WHERE outcome = 'APPLIED'")).isEqualTo(2L * ids.size());

        // every committed change has its notifications: as many as its history entries, for the right people
        Map<String, Long> notes = countBy(db, "SELECT kind, count(*) FROM notification WHERE request_id IN " + in + " GROUP BY kind");
        System.out.println("CrashHarnessTest: history " + events + ", notifications " + notes);
        assertThat(notes.get("REQUEST_ACCEPTED")).as("the caller told of each acceptance").isEqualTo(events.get("ACCEPT"));
        assertThat(notes.get("JOB_ASSIGNED")).as("the technician told of each assignment").isEqualTo(events.get("ASSIGNED"));
        assertThat(notes.get("TECHNICIAN_ASSIGNED")).as("the caller told of each assignment").isEqualTo(events.get("ASSIGNED"));
        assertThat(notes.get("ORGANISATION_COMMENT")).as("the caller told of each comment").isEqualTo(events.get("COMMENT"));
        assertThat(notes.get("CONFIRM_AND_RATE")).as("the caller asked to confirm each completion").isEqualTo(events.get("COMPLETED"));
        assertThat(db.count("SELECT count(*) FROM notification n JOIN request_event e ON e.request_id = n.request_id "
                            + "AND e.kind = 'ACCEPT' JOIN request r ON r.id = n.request_id "
                            + "WHERE n.kind = 'REQUEST_ACCEPTED' AND n.user_id = r.reporter_id AND r.id IN " + in))
                .as("each acceptance notice for the request's reporter").isEqualTo(ids.size());

        // photos: every acknowledged one stored with its three files; no file without its stored row
        Set<String> stored = new HashSet<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM request_photo WHERE stored_at IS NOT NULL")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        acknowledged.forEach(a -> assertThat(stored).as("photo of " + a.number()).contains(a.photoId()));
        assertThat(db.count("SELECT count(*) FROM photo_chunk")).as("no chunks left behind").isZero();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(photos)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        // a file being written has a temporary name in .incoming until it is whole; a kill may leave one there (never
        // served, deleted at a start an hour later)
        List<Path> temporary = files.stream().filter(f -> f.getParent().getFileName().toString().equals(".incoming")).toList();
        System.out.println("CrashHarnessTest: " + (files.size() - temporary.size()) + " photo files, " + temporary.size()
                                   + " temporary files left by kills");
        Map<String, Integer> variants = new HashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (temporary.contains(f)) {
                continue;
            }
            if (name.endsWith(".orig")) {
                assertThat(TestImages.sha256(Files.readAllBytes(f))).as("the original of " + name + " whole").isEqualTo(photoSha256);
            }
            String photoId = name.substring(0, name.indexOf('.'));
            assertThat(stored).as("a row for the file " + name).contains(photoId);
            variants.merge(photoId, 1, Integer::sum);
        }
        for (String photoId : stored) {
            assertThat(variants.get(photoId)).as("original, display and thumbnail of " + photoId).isEqualTo(3);
        }
    }

    /** The answer to a call sent until the server answers it (a connection failure or 5xx is no answer). */
    private HttpResponse<String> untilAnswered(Supplier<HttpRequest.Builder> request) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = attempt(request);
            if (r != null && r.statusCode() < 500) {
                return r;
            }
            unanswered.incrementAndGet();
            pause();
        }
        throw new AssertionError("no answer within " + GIVE_UP);
    }

    private HttpResponse<String> attempt(Supplier<HttpRequest.Builder> request) {
        try {
            return http.send(request.get().timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            return null;   // the server was down: nothing was sent
        } catch (IOException e) {
            cutInFlight.incrementAndGet();   // sent, and the connection died before the answer: a kill landed on this call
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String login(String login) {
        HttpResponse<String> r = untilAnswered(() -> HttpRequest.newBuilder(uri("/api/v1/auth/login")).POST(HttpRequest.BodyPublishers.ofByteArray(
                Json.bytes(Map.of("login", login, "password", DemoCity.DEMO_PASSWORD,
                                  "device", Map.of("id", UUID.randomUUID().toString(), "platform", "ANDROID", "appVersion", "1",
                                                   "name", "crash harness")))))
                .header("Content-Type", "application/json"));
        return json(r, 200).get("accessToken").asText();
    }

    private static Map<String, Object> op(long seq, String request, Map<String, Object> action) {
        return Map.of("opId", Ids.newId().toString(), "seq", seq, "type", "ACTION", "requestId", request, "action", action);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static JsonNode json(HttpResponse<String> response, int... statuses) {
        assertThat(response.statusCode()).as(response.body()).isIn(Arrays.stream(statuses).boxed().toList());
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private static Map<String, Long> countBy(TestDatabase db, String sql) throws Exception {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static String single(TestDatabase db, String sql) {
        try (var rows = db.client().execute().query(sql)) {
            return rows.findFirst().orElseThrow().column(1).get().toString();
        }
    }
}
