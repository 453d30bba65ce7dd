package org.opencity.backend.faults;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencity.backend.demo.DemoCity;
import org.opencity.backend.testing.BackendProcess;
import org.opencity.backend.web.Json;
import org.opencity.model.Ids;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database failing under the backend while clients file requests: PostgreSQL stopped at once
 * (immediate shutdown) and started again, and the link to it frozen and then flowing again. The
 * backend process is never restarted. Clients must get an answer within the configured timeouts —
 * a 503 problem document they may retry, never a stack trace or a hang; the server must keep
 * answering what needs no database; the pool must recover on its own; and no request may be
 * half-written.
 */
class DatabaseFaultTest {

    private static final Duration START = Duration.ofSeconds(90);
    /** DB_STATEMENT_TIMEOUT for these tests; the driver's socket timeout is this plus 15 s. */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = STATEMENT_TIMEOUT.plusSeconds(15);
    /** db.connect-timeout: the pool's wait for a connection, and the driver's connect and login timeout. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MARGIN = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String building;

    @Test
    void postgresStoppedAndRestartedUnderLoadGivesBounded503sAndThePoolRecoversByItself(@TempDir Path dir) throws Exception {
        try (OwnPostgres postgres = new OwnPostgres(dir.resolve("pg"), BackendProcess.freePort());
             BackendProcess backend = start(postgres.port(), dir)) {
            String operator = login(backend, "operator");
            building = aBuilding(postgres);
            try (Load load = new Load(backend, operator, 3)) {
                Thread.sleep(1_500);
                long stopped = System.nanoTime();
                postgres.stopImmediately();
                Thread.sleep(4_000);
                long asked = System.nanoTime();
                assertThat(backend.get("/observe/health").orElseThrow().statusCode()).as("not ready without its database").isEqualTo(503);
                assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("and says so within the check's limit")
                        .isLessThan(Duration.ofSeconds(3));
                assertLiveAndStaticAnswer(backend);
                postgres.start();
                long restarted = System.nanoTime();
                Duration recovered = load.awaitSuccessAfter(restarted, Duration.ofSeconds(30));
                Thread.sleep(1_000);
                load.stop();

                List<Outcome> outcomes = load.outcomes();
                List<Outcome> refused = outcomes.stream().filter(o -> o.status() == 503).toList();
                Duration slowest = slowest(outcomes);
                System.out.println("DatabaseFaultTest stop/restart: " + outcomes.size() + " calls, " + refused.size()
                                           + " answered 503, slowest answer " + slowest.toMillis() + " ms; 503s seen for "
                                           + window(refused).toMillis() + " ms; PostgreSQL down for "
                                           + (restarted - stopped) / 1_000_000 + " ms; first success " + recovered.toMillis()
                                           + " ms after the restart");
                assertThat(refused).as("the stop was felt").isNotEmpty();
                assertNoUnexpectedFailureLogged(backend);
                assertOnlyCreatedOr503Problems(outcomes);
                assertThat(slowest).as("no answer slower than the connect timeout twice over")
                        .isLessThan(CONNECT_TIMEOUT.multipliedBy(2).plus(MARGIN));
                assertThat(backend.process().isAlive()).isTrue();
                assertThat(backend.get("/observe/health").orElseThrow().statusCode()).as("ready again").isEqualTo(200);
                assertNoPartialWrites(postgres, outcomes, backend, operator);
            }
        }
    }

    @Test
    void aFrozenLinkFailsRequestsWithinTheTimeoutsKeepsTheServerAnsweringAndRecovers(@TempDir Path dir) throws Exception {
        try (OwnPostgres postgres = new OwnPostgres(dir.resolve("pg"), BackendProcess.freePort());
             FaultyLink link = new FaultyLink(postgres.port());
             BackendProcess backend = start(link.port(), dir)) {
            String operator = login(backend, "operator");
            building = aBuilding(postgres);
            try (Load load = new Load(backend, operator, 3)) {
                Thread.sleep(1_500);
                link.freeze();
                long frozen = System.nanoTime();
                // while the link is frozen, what needs no database answers at once, again and again
                List<Long> liveMillis = new ArrayList<>();
                while (System.nanoTime() - frozen < SOCKET_TIMEOUT.plus(MARGIN).toNanos()) {
                    liveMillis.add(assertLiveAndStaticAnswer(backend));
                    Thread.sleep(500);
                }
                link.resume();
                long resumed = System.nanoTime();
                Duration recovered = load.awaitSuccessAfter(resumed, Duration.ofSeconds(30));
                Thread.sleep(1_000);
                load.stop();

                List<Outcome> outcomes = load.outcomes();
                List<Outcome> refused = outcomes.stream().filter(o -> o.status() == 503).toList();
                Duration slowest = slowest(outcomes);
                System.out.println("DatabaseFaultTest frozen link: " + outcomes.size() + " calls, " + refused.size()
                                           + " answered 503, slowest answer " + slowest.toMillis() + " ms; link frozen "
                                           + (resumed - frozen) / 1_000_000 + " ms; liveness and a static page answered in at most "
                                           + liveMillis.stream().mapToLong(Long::longValue).max().orElse(0) + " ms ("
                                           + liveMillis.size() + " checks); first success " + recovered.toMillis()
                                           + " ms after the link flowed again");
                assertThat(refused).as("the freeze was felt").isNotEmpty();
                assertNoUnexpectedFailureLogged(backend);
                assertOnlyCreatedOr503Problems(outcomes);
                assertThat(slowest).as("no answer slower than the socket timeout (statement timeout + 15 s)")
                        .isLessThan(SOCKET_TIMEOUT.plus(MARGIN));
                assertThat(backend.get("/observe/health").orElseThrow().statusCode()).as("ready again").isEqualTo(200);
                assertNoPartialWrites(postgres, outcomes, backend, operator);
            }
        }
    }

    private static BackendProcess start(int databasePort, Path dir) {
        long t0 = System.nanoTime();
        BackendProcess backend = startBackend(databasePort, dir);
        System.out.println("DatabaseFaultTest: backend with the demo city up in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        return backend;
    }

    private static BackendProcess startBackend(int databasePort, Path dir) {
        Map<String, String> env = Map.of("DB_URL", "jdbc:postgresql://localhost:" + databasePort + "/" + OwnPostgres.DATABASE,
                                         "DB_USER", "postgres", "DB_PASSWORD", "", "DEMO", "true",
                                         "DB_STATEMENT_TIMEOUT", "PT" + STATEMENT_TIMEOUT.toSeconds() + "S",
                                         "DATA_DIR", dir.resolve("data").toString());
        return BackendProcess.start(env, BackendProcess.freePort()).awaitHealthy(START);
    }

    /** Liveness and a static page, each within a second; answers the slower one's time. */
    private long assertLiveAndStaticAnswer(BackendProcess backend) {
        long slowest = 0;
        for (String path : List.of("/observe/health/live", "/status.html")) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = backend.get(path).orElseThrow(() -> new AssertionError(path + " did not answer"));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(millis).as(path + " answered at once").isLessThan(1_000);
            slowest = Math.max(slowest, millis);
        }
        return slowest;
    }

    /** A 500 is logged in full: show the first, if any. */
    private static void assertNoUnexpectedFailureLogged(BackendProcess backend) {
        String output = backend.output();
        int at = output.indexOf("unexpected failure");
        assertThat(at).as(() -> "logged: " + output.substring(Math.max(0, at - 200), Math.min(output.length(), at + 6_000)))
                .isEqualTo(-1);
    }

    private static void assertOnlyCreatedOr503Problems(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            assertThat(o.status()).as("answered, and only created or unavailable: " + o.body()).isIn(201, 503);
            if (o.status() == 503) {
                assertThat(o.contentType()).contains("application/problem+json");
                assertThat(o.retryAfter()).as("Retry-After").isPresent();
                JsonNode problem = parse(o.body());
                assertThat(problem.get("type").asText()).isEqualTo("/problems/unavailable");
                assertThat(problem.get("status").asInt()).isEqualTo(503);
                assertThat(o.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.")
                        .doesNotContain("jdbc").doesNotContain("5432");
            }
        }
    }

    /**
     * Every acknowledged request is there with its whole history; every refused one is either
     * absent or whole (the commit may have happened before the connection broke); sending the
     * refused ones again with the same id leaves exactly one of each.
     */
    private void assertNoPartialWrites(OwnPostgres postgres, List<Outcome> outcomes, BackendProcess backend, String operator)
            throws SQLException {
        try (Connection c = postgres.connect()) {
            assertThat(count(c, "SELECT count(*) FROM request r WHERE NOT EXISTS "
                                + "(SELECT 1 FROM request_event e WHERE e.request_id = r.id AND e.kind = 'CREATED')"))
                    .as("no request without its history").isZero();
            assertThat(count(c, "SELECT count(*) FROM request r WHERE r.status = 'NEW'")).as("none left unrouted").isZero();
            assertThat(count(c, "SELECT count(*) FROM (SELECT number FROM request GROUP BY number HAVING count(*) > 1) d")).isZero();
            for (Outcome o : outcomes) {
                long rows = count(c, "SELECT count(*) FROM request WHERE id = '" + o.id() + "'");
                if (o.status() == 201) {
                    assertThat(rows).as("acknowledged " + o.id()).isEqualTo(1);
                }
                assertThat(count(c, "SELECT count(*) FROM request_event WHERE kind = 'CREATED' AND request_id = '" + o.id() + "'"))
                        .isEqualTo(rows);
            }
        }
        for (Outcome o : outcomes.stream().filter(o -> o.status() == 503).toList()) {
            HttpResponse<String> again = send(backend, operator, newRequest(o.id()));
            assertThat(again.statusCode()).as(again.body()).isIn(200, 201);
        }
        try (Connection c = postgres.connect()) {
            for (Outcome o : outcomes) {
                assertThat(count(c, "SELECT count(*) FROM request WHERE id = '" + o.id() + "'")).isEqualTo(1);
            }
        }
    }

    private record Outcome(String id, int status, long startedNanos, long millis, String body, String contentType,
                           Optional<String> retryAfter) {
    }

    /** Client threads filing requests, each with a new id, as fast as answers come. */
    private final class Load implements AutoCloseable {
        private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Load(BackendProcess backend, String token, int clients) {
            for (int i = 0; i < clients; i++) {
                threads.add(Thread.ofPlatform().name("load-" + i).start(() -> {
                    while (running.get()) {
                        String id = Ids.newId().toString();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = send(backend, token, newRequest(id));
                            outcomes.add(new Outcome(id, r.statusCode(), t0, (System.nanoTime() - t0) / 1_000_000, r.body(),
                                                     r.headers().firstValue("Content-Type").orElse(""),
                                                     r.headers().firstValue("Retry-After")));
                        } catch (AssertionError noAnswer) {
                            // a dropped connection or a hang past the client's timeout: recorded, and fails the checks
                            outcomes.add(new Outcome(id, -1, t0, (System.nanoTime() - t0) / 1_000_000, noAnswer.getMessage(), "",
                                                     Optional.empty()));
                        }
                        pause(50);
                    }
                }));
            }
        }

        /** How long after {@code since} the first call started that was then acknowledged. */
        Duration awaitSuccessAfter(long since, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<Outcome> first = outcomes.stream().filter(o -> o.startedNanos() >= since && o.status() == 201).findFirst();
                if (first.isPresent()) {
                    return Duration.ofNanos(first.get().startedNanos() + first.get().millis() * 1_000_000 - since);
                }
                pause(50);
            }
            throw new AssertionError("no request succeeded within " + timeout + " of the database coming back");
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(40));
            }
        }

        List<Outcome> outcomes() {
            return List.copyOf(outcomes);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    private static Duration slowest(List<Outcome> outcomes) {
        return Duration.ofMillis(outcomes.stream().mapToLong(Outcome::millis).max().orElse(0));
    }

    /** From the start of the first to the end of the last of these calls. */
    private static Duration window(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Duration.ZERO;
        }
        long first = outcomes.stream().mapToLong(Outcome::startedNanos).min().orElseThrow();
        long last = outcomes.stream().mapToLong(o -> o.startedNanos() + o.millis() * 1_000_000).max().orElseThrow();
        return Duration.ofNanos(last - first);
    }

    private Map<String, Object> newRequest(String id) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("categoryCode", "plumbing");
        body.put("description", "The riser leaks in the basement");
        body.put("buildingId", building);
        body.put("flat", "5");
        body.put("caller", Map.of("phone", "+79270004455", "name", "Caller"));
        return body;
    }

    private HttpResponse<String> send(BackendProcess backend, String token, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + backend.port() + "/api/v1/requests"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("no answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String login(BackendProcess backend, String login) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + backend.port() + "/api/v1/auth/login"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(Map.of(
                        "login", login, "password", DemoCity.DEMO_PASSWORD,
                        "device", Map.of("id", UUID.randomUUID().toString(), "platform", "ANDROID", "appVersion", "1", "name", "faults")))))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return parse(r.body()).get("accessToken").asText();
    }

    private static String aBuilding(OwnPostgres postgres) throws SQLException {
        try (Connection c = postgres.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' ORDER BY b.id LIMIT 1");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
