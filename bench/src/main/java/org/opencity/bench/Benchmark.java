package org.opencity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The benchmark command: starts the backend jar as a child process on a database made by
 * {@link GenerateCity}, drives it over HTTP on loopback from this process, and prints a table of
 * throughput, p50, p99 and errors per scenario, plus start-to-healthy time, resident memory and
 * the raw rate of the same inserts made directly over JDBC. Every scenario is bounded in time
 * (after a warm-up) and in count.
 *
 * <pre>mvn -q -DskipTests install &amp;&amp; mvn -q -pl bench exec:java -Dexec.mainClass=org.opencity.bench.Benchmark \
 *     -Dexec.args="--db jdbc:postgresql://127.0.0.1:5432/opencity_bench --user postgres --seconds 10"</pre>
 * ({@code --only reports} runs the report scenarios alone.)
 */
public final class Benchmark {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final URI base;
    private final Duration measure;

    private Benchmark(URI base, Duration measure) {
        this.base = base;
        this.measure = measure;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String db = o.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/opencity_bench");
        String user = o.getOrDefault("user", "postgres");
        String password = o.getOrDefault("password", "");
        Duration seconds = Duration.ofSeconds(Long.parseLong(o.getOrDefault("seconds", "10")));
        Path jar = Path.of(o.getOrDefault("jar", "backend/target/opencity-server.jar"));
        int port = Integer.parseInt(o.getOrDefault("port", "18080"));

        Path data = Files.createTempDirectory("opencity-bench");
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(data.resolve("backend.log").toFile());
        pb.environment().putAll(Map.of("DB_URL", db, "DB_USER", user, "DB_PASSWORD", password, "DEMO", "false", "PORT", String.valueOf(port),
                                       "DATA_DIR", data.toString(), "RATE_LIMIT_PER_IP", "0", "RATE_LIMIT_PER_USER", "0",
                                       "DB_POOL_SIZE", o.getOrDefault("pool", "32")));
        long t0 = System.nanoTime();
        Process backend = pb.start();
        Benchmark b = new Benchmark(URI.create("http://127.0.0.1:" + port), seconds);
        try {
            b.awaitHealthy(backend, data);
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            b.run(db, user, password, o.getOrDefault("only", "all"));
            System.out.printf("%nstart to healthy: %.2f s (external database)%n", startSeconds);
            System.out.printf("backend resident memory after the run: %d MB%n", rssMb(backend.pid()));
        } finally {
            backend.destroy();
            backend.waitFor();
        }
    }

    private void run(String db, String user, String password, String only) throws Exception {
        String operator = login("operator");
        String city = login("citydispatcher");
        String dispatcher = login("dispatcher");
        if (only.equals("reports")) {   // --only reports: the report scenarios alone
            header();
            ReportScenarios.run(this, city, dispatcher);
            return;
        }
        String building = field(get("/api/v1/buildings?q=" + enc("Баумана"), operator).get(0), "id");
        List<String> ids = new ArrayList<>();
        for (JsonNode r : get("/api/v1/requests?limit=200", city).get("items")) {
            ids.add(r.get("id").asText());
        }
        header();
        for (int connections : new int[] {16, 64}) {
            scenario("create request (full pipeline)", connections, 200_000, () -> send("POST", "/api/v1/requests", operator, newRequest(building)));
        }
        scenario("board: default (city)", 16, 200_000, () -> send("GET", "/api/v1/requests?limit=50", city, null));
        scenario("board: district + overdue", 16, 200_000, () -> send("GET", "/api/v1/requests?limit=50&district=vakhitovsky&overdue=true", city, null));
        scenario("board: organisation default", 16, 200_000, () -> send("GET", "/api/v1/requests?limit=50", dispatcher, null));
        scenario("request by id", 64, 500_000, () -> send("GET", "/api/v1/requests/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())), city, null));
        ReportScenarios.run(this, city, dispatcher);
        String technician = login(technicianWithMostOpenJobs(db, user, password));
        scenario("technician pull (first page)", 16, 200_000, () -> send("GET", "/api/v1/sync/pull", technician, null));
        rawInserts(db, user, password, 32);   // the server allows 100 connections, the backend holds up to 34
    }

    // ------------------------------------------------------------------ scenarios

    /** A line of the table, printed at once (a long run shows its figures as they come). */
    private static void line(String text) {
        System.out.println(text);
        System.out.flush();
    }

    private record Outcome(boolean ok, long nanos) {
    }

    private void header() {
        line(String.format("%n%-34s %5s %10s %9s %9s %8s", "scenario", "conns", "ops/s", "p50 ms", "p99 ms", "errors"));
    }

    /** Warm-up of a fifth of the time, then {@code measure} (or {@code limit} operations), {@code connections} at once. */
    void scenario(String name, int connections, long limit, Supplier<Integer> call) throws InterruptedException {
        drive(connections, measure.dividedBy(5), limit, call);   // warm-up
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        long t = System.nanoTime();
        long done = drive(connections, measure, limit, () -> {
            long s = System.nanoTime();
            int status = call.get();
            outcomes.add(new Outcome(status >= 200 && status < 300, System.nanoTime() - s));
            return status;
        });
        double seconds = (System.nanoTime() - t) / 1e9;
        long[] ok = outcomes.stream().filter(Outcome::ok).mapToLong(Outcome::nanos).sorted().toArray();
        long errors = outcomes.stream().filter(x -> !x.ok()).count();
        line(String.format("%-34s %5d %10.0f %9.1f %9.1f %8d", name, connections, done / seconds, pct(ok, 0.50), pct(ok, 0.99), errors));
    }

    private static long drive(int connections, Duration time, long limit, Supplier<Integer> call) throws InterruptedException {
        AtomicLong count = new AtomicLong();
        long end = System.nanoTime() + time.toNanos();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < connections; i++) {
                workers.submit(() -> {
                    while (System.nanoTime() < end && count.incrementAndGet() <= limit) {
                        call.get();
                    }
                });
            }
        }
        return Math.min(count.get(), limit);
    }

    /** The rows one filing writes (the request, its two history entries), straight over JDBC, 64 at once. */
    private void rawInserts(String db, String user, String password, int connections) throws Exception {
        String template;
        try (Connection c = DriverManager.getConnection(db, user, password);
             ResultSet r = c.createStatement().executeQuery("SELECT id FROM request ORDER BY created_at DESC LIMIT 1")) {
            r.next();
            template = r.getString(1);
        }
        List<Connection> pool = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            pool.add(DriverManager.getConnection(db, user, password));
        }
        AtomicLong n = new AtomicLong();
        ConcurrentLinkedQueue<Long> times = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<UUID> made = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + measure.toNanos();
        long t = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Connection c : pool) {
                workers.submit(() -> {
                    c.setAutoCommit(false);
                    try (PreparedStatement request = c.prepareStatement("""
                            INSERT INTO request (id, city_id, number, channel, status, priority, category_id, description, reporter_type,
                                                 district_id, building_id, address, lat, lon, organisation_id, stage, stage_started_at, due_at,
                                                 warn_at, escalate_city_at, created_at, updated_at)
                            SELECT ?, city_id, 'RAW-' || ?, channel, 'ROUTED', priority, category_id, description, reporter_type, district_id,
                                   building_id, address, lat, lon, organisation_id, 'ACCEPT', now(), now() + interval '1 day',
                                   now() + interval '20 hours', now() + interval '2 days', now(), now()
                            FROM request WHERE id = CAST(? AS uuid)""");
                         PreparedStatement event = c.prepareStatement("""
                            INSERT INTO request_event (id, request_id, at, kind, from_status, to_status, actor_role)
                            VALUES (?, ?, now(), ?, ?, ?, 'SYSTEM')""")) {
                        while (System.nanoTime() < end) {
                            long s = System.nanoTime();
                            UUID id = UUID.randomUUID();
                            request.setObject(1, id);
                            request.setString(2, id.toString());
                            request.setString(3, template);
                            request.executeUpdate();
                            for (String[] e : new String[][] {{"CREATED", null, "NEW"}, {"ROUTED", "NEW", "ROUTED"}}) {
                                event.setObject(1, UUID.randomUUID());
                                event.setObject(2, id);
                                event.setString(3, e[0]);
                                event.setString(4, e[1]);
                                event.setString(5, e[2]);
                                event.executeUpdate();
                            }
                            c.commit();
                            made.add(id);
                            times.add(System.nanoTime() - s);
                            n.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        line(String.format("%-34s %5d %10.0f %9.1f %9.1f %8d", "raw: the filing's inserts over JDBC", connections, n.get() / seconds,
                                pct(sorted, 0.5), pct(sorted, 0.99), 0));
        // take the rows away again, by id (their indexes), in one transaction
        Connection c = pool.getFirst();
        c.rollback();
        try (PreparedStatement events = c.prepareStatement("DELETE FROM request_event WHERE request_id = ANY (?)");
             PreparedStatement rows = c.prepareStatement("DELETE FROM request WHERE id = ANY (?)")) {
            java.sql.Array ids = c.createArrayOf("uuid", made.toArray());
            events.setArray(1, ids);
            events.executeUpdate();
            rows.setArray(1, ids);
            rows.executeUpdate();
            c.commit();
        }
        for (Connection each : pool) {
            each.close();
        }
    }

    private String technicianWithMostOpenJobs(String db, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(db, user, password);
             ResultSet r = c.createStatement().executeQuery("""
                     SELECT u.login, count(*) FROM request q JOIN app_user u ON u.id = q.technician_id
                     WHERE q.status IN ('ASSIGNED', 'IN_PROGRESS') GROUP BY u.login ORDER BY 2 DESC LIMIT 1""")) {
            r.next();
            System.out.println("technician " + r.getString(1) + " has " + r.getLong(2) + " open jobs");
            return r.getString(1);
        }
    }

    // ------------------------------------------------------------------ HTTP

    private ObjectNode newRequest(String building) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", uuid7().toString());
        body.put("categoryCode", "plumbing");
        body.put("description", "Benchmark: the tap in the kitchen drips");
        body.put("buildingId", building);
        body.put("flat", "12");
        body.putObject("caller").put("phone", "+7927" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999))).put("name", "Caller");
        return body;
    }

    private static UUID uuid7() {
        long ms = System.currentTimeMillis();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID((ms << 16) | 0x7000L | (r.nextLong() & 0xFFFL), (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
    }

    private String login(String login) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("login", login).put("password", "opencity-demo");
        body.putObject("device").put("id", UUID.randomUUID().toString()).put("platform", "ANDROID").put("appVersion", "bench").put("name", "bench");
        HttpResponse<String> r = http.send(request("POST", "/api/v1/auth/login", null, body), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in of " + login + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("accessToken").asText();
    }

    private JsonNode get(String path, String token) throws IOException, InterruptedException {
        return JSON.readTree(http.send(request("GET", path, token, null), HttpResponse.BodyHandlers.ofString()).body());
    }

    int send(String method, String path, String token, Object body) {
        try {
            return http.send(request(method, path, token, body), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 599;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 599;
        }
    }

    private HttpRequest request(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .header("Content-Type", "application/json");
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return b.build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitHealthy(Process backend, Path data) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < end) {
            if (!backend.isAlive()) {
                throw new IllegalStateException("the backend stopped:\n" + Files.readString(data.resolve("backend.log")));
            }
            if (send("GET", "/observe/health", null, null) == 200) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the backend did not become healthy:\n" + Files.readString(data.resolve("backend.log")));
    }

    private static long rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }

    private static String field(JsonNode node, String name) {
        return node.get(name).asText();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
