package org.opencity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    private final Client client;
    private final Duration measure;

    private final String only;

    private Benchmark(URI base, Duration measure, String only, String metricsToken) {
        this.client = new Client(base, metricsToken);
        this.measure = measure;
        this.only = only;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String db = o.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/opencity_bench");
        String user = o.getOrDefault("user", "postgres");
        String password = o.getOrDefault("password", "");
        Duration seconds = Duration.ofSeconds(Long.parseLong(o.getOrDefault("seconds", "10")));
        Path jar = Path.of(o.getOrDefault("jar", "backend/target/opencity-server.jar"));
        int port = o.containsKey("port") ? Integer.parseInt(o.get("port")) : freePort();

        Path data = Files.createTempDirectory("opencity-bench");
        SmsInbox sms = new SmsInbox();   // where the backend sends residents' sign-in codes
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                                                        "-Dauth.otp-per-ip-hour=1000000"));
        if (o.containsKey("jvm")) {
            command.addAll(List.of(o.get("jvm").split(" ")));   // e.g. a flight recording of the backend
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(data.resolve("backend.log").toFile());
        pb.environment().putAll(Map.of("DB_URL", db, "DB_USER", user, "DB_PASSWORD", password, "DEMO", "false", "PORT", String.valueOf(port),
                                       "DATA_DIR", data.toString(), "RATE_LIMIT_PER_IP", "0", "RATE_LIMIT_PER_USER", "0",
                                       "DB_POOL_SIZE", o.getOrDefault("pool", "32")));
        // /metrics answers only its bearer token: a fresh one per run
        byte[] secret = new byte[16];
        new java.security.SecureRandom().nextBytes(secret);
        String metricsToken = java.util.HexFormat.of().formatHex(secret);
        pb.environment().putAll(Map.of("SMS_URL", sms.url().toString(), "DEADLINES_SWEEP_INTERVAL", "PT2S",
                                       "METRICS_TOKEN", metricsToken));
        long t0 = System.nanoTime();
        Process backend = pb.start();
        Benchmark b = new Benchmark(URI.create("http://127.0.0.1:" + port), seconds, o.getOrDefault("only", ""), metricsToken);
        try {
            b.awaitHealthy(backend, data);
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            b.run(db, user, password, sms, Integer.parseInt(o.getOrDefault("peak", "10000")));
            System.out.printf("%nstart to healthy: %.2f s (external database)%n", startSeconds);
            System.out.printf("backend resident memory after the run: %d MB%n", rssMb(backend.pid()));
        } finally {
            backend.destroy();
            backend.waitFor();
            sms.close();
        }
    }

    private void run(String db, String user, String password, SmsInbox sms, int peak) throws Exception {
        String operator = login("operator");
        String city = login("citydispatcher");
        String dispatcher = login("dispatcher");
        if (only.startsWith("report")) {   // --only reports: the report scenarios alone
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
        // the reads at one connection (latency alone) and at many (latency under the load of the throughput)
        for (int connections : new int[] {1, 16}) {
            scenario("board: default (city)", connections, 200_000, () -> send("GET", "/api/v1/requests?limit=50", city, null));
            scenario("board: district + overdue", connections, 200_000,
                     () -> send("GET", "/api/v1/requests?limit=50&district=vakhitovsky&overdue=true", city, null));
            scenario("board: organisation default", connections, 200_000, () -> send("GET", "/api/v1/requests?limit=50", dispatcher, null));
        }
        for (int connections : new int[] {1, 64}) {
            scenario("request by id", connections, 500_000,
                     () -> send("GET", "/api/v1/requests/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())), city, null));
        }
        ReportScenarios.run(this, city, dispatcher);
        String technician = login(technicianWithMostOpenJobs(db, user, password, 0));
        for (int connections : new int[] {1, 16}) {
            scenario("technician pull (first page)", connections, 200_000, () -> send("GET", "/api/v1/sync/pull", technician, null));
        }
        // another technician pushes, so that the comments never lengthen the pulled jobs' timelines
        String pusher = login(technicianWithMostOpenJobs(db, user, password, 1));
        String job = technicianJob(db, user, password, pusher);
        AtomicLong seq = new AtomicLong();
        scenario("push of 200 offline operations", 1, 10_000, () -> send("POST", "/api/v1/sync/push", pusher, comments(job, seq, 200)));
        removeComments(db, user, password, job);
        if ("peak day".startsWith(only) || only.startsWith("peak")) {
            new PeakDay(client, sms, db, user, password).run(peak, 64, 200);
        }
        if (only.isEmpty() || only.startsWith("export")) {
            exportEverything(city);
        }
        if (only.isEmpty() || only.startsWith("sweep")) {
            sweeps();
        }
        if ("raw".startsWith(only) || only.startsWith("raw")) {
            rawInserts(db, user, password, 32);   // the server allows 100 connections, the backend holds up to 34
            rawReads(db, user, password, 32, ids);
        }
    }

    /**
     * The statements one "request by id" makes (the sign-in check, the row, its photos, its
     * timeline), straight over JDBC on prepared statements: the bound the API call is measured against.
     */
    private void rawReads(String db, String user, String password, int connections, List<String> ids) throws Exception {
        String[] statements = {
            "SELECT f.id, u.kind, (SELECT string_agg(r.role, ',') FROM user_role r WHERE r.user_id = u.id) FROM session_family f "
                    + "JOIN app_user u ON u.id = f.user_id WHERE f.user_id = (SELECT reporter_id FROM request WHERE id = CAST(? AS uuid)) LIMIT 1",
            "SELECT r.*, c.code, d.code, o.name_en FROM request r JOIN service_category c ON c.id = r.category_id "
                    + "LEFT JOIN district d ON d.id = r.district_id LEFT JOIN organisation o ON o.id = r.organisation_id WHERE r.id = CAST(? AS uuid)",
            "SELECT * FROM request_photo WHERE request_id = ANY (CAST(string_to_array(?, ',') AS uuid[])) ORDER BY announced_at, id",
            "SELECT e.*, u.display_name FROM request_event e LEFT JOIN app_user u ON u.id = e.actor_id "
                    + "WHERE e.request_id = ANY (CAST(string_to_array(?, ',') AS uuid[])) ORDER BY e.at, e.id"};
        rawLoop("raw: a by-id read's queries (JDBC)", db, user, password, connections, c -> {
            List<PreparedStatement> prepared = prepare(c, statements);
            return () -> {
                String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                for (PreparedStatement p : prepared) {
                    run(p, id);
                }
            };
        });
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
        if (!name.startsWith(only) && !(only.startsWith("report") && name.startsWith("report"))) {
            return;
        }
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

    /**
     * A filing's transaction straight over JDBC, statement for statement what the backend sends
     * for an operator's filing (the replay check, the city, category and building, the caller found
     * or created, the number, the request, its history, routing and the deadline, the change feed,
     * the stage facts; one commit), then the three reads of its answer: the bound the API's
     * filing is measured against. Everything it made is removed afterwards.
     */
    private void rawInserts(String db, String user, String password, int connections) throws Exception {
        String template;
        String sequence;
        try (Connection c = DriverManager.getConnection(db, user, password);
             ResultSet r = c.createStatement().executeQuery("SELECT id FROM request WHERE organisation_id IS NOT NULL ORDER BY created_at DESC LIMIT 1");
             ResultSet q = c.createStatement().executeQuery("SELECT sequencename FROM pg_sequences WHERE sequencename LIKE 'request_number_%' LIMIT 1")) {
            r.next();
            template = r.getString(1);
            q.next();
            sequence = q.getString(1);
        }
        String[] reads = {
            "SELECT reporter_id, filed_by, api_client_id FROM request WHERE id = CAST(? AS uuid)",
            "SELECT code, CAST(boundary AS text) FROM city WHERE id = (SELECT city_id FROM request WHERE id = CAST(? AS uuid))",
            "SELECT id, code, emergency FROM service_category WHERE id = (SELECT category_id FROM request WHERE id = CAST(? AS uuid))",
            "SELECT b.id, b.district_id, b.street_ru, b.house, b.lat, b.lon FROM building b "
                    + "WHERE b.id = (SELECT building_id FROM request WHERE id = CAST(? AS uuid))",
            "SELECT id, kind FROM app_user WHERE phone = ?"};
        String[] writes = {
            "INSERT INTO app_user (id, city_id, kind, phone, display_name, created_at, updated_at) "
                    + "VALUES (CAST(? AS uuid), (SELECT id FROM city LIMIT 1), 'RESIDENT', ?, 'Raw', now(), now()) ON CONFLICT DO NOTHING",
            "INSERT INTO user_role (user_id, role) VALUES (CAST(? AS uuid), 'RESIDENT')",
            "SELECT nextval('" + sequence + "')",
            """
            INSERT INTO request (id, city_id, number, channel, status, priority, category_id, description, reporter_id, reporter_type,
                                 district_id, building_id, address, lat, lon, created_at, updated_at)
            SELECT CAST(? AS uuid), city_id, 'RAW-' || ?, 'CALL_CENTRE', 'NEW', priority, category_id, description, CAST(? AS uuid),
                   reporter_type, district_id, building_id, address, lat, lon, now(), now()
            FROM request WHERE id = CAST(? AS uuid) RETURNING id, status, version""",
            "INSERT INTO request_event (id, request_id, at, kind, to_status, actor_role) VALUES (CAST(? AS uuid), CAST(? AS uuid), now(), 'CREATED', 'NEW', 'CALL_CENTRE')",
            "SELECT x.organisation_id FROM responsibility x WHERE x.category_id = (SELECT category_id FROM request WHERE id = CAST(? AS uuid)) "
                    + "AND x.district_id = (SELECT district_id FROM request WHERE id = CAST(? AS uuid)) LIMIT 1",
            "SELECT duration_minutes FROM category_sla WHERE category_id = (SELECT category_id FROM request WHERE id = CAST(? AS uuid)) LIMIT 1",
            "SELECT name_en FROM organisation WHERE id = (SELECT organisation_id FROM request WHERE id = CAST(? AS uuid))",
            "UPDATE request SET status = 'ROUTED', organisation_id = (SELECT organisation_id FROM request WHERE id = CAST(? AS uuid)), "
                    + "stage = 'ACCEPT', stage_started_at = now(), due_at = now() + interval '1 day', warn_at = now() + interval '20 hours', "
                    + "version = version + 1, updated_at = now() WHERE id = CAST(? AS uuid)",
            "INSERT INTO request_event (id, request_id, at, kind, from_status, to_status, actor_role) "
                    + "VALUES (CAST(? AS uuid), CAST(? AS uuid), now(), 'ROUTED', 'NEW', 'ROUTED', 'SYSTEM')",
            "INSERT INTO sync_change (user_id, request_id) VALUES (CAST(? AS uuid), CAST(? AS uuid))",
            "UPDATE request_stage SET ended_at = now() WHERE request_id = CAST(? AS uuid) AND ended_at IS NULL",
            "INSERT INTO request_stage (request_id, stage, started_at, organisation_id, clock_time, due_at) "
                    + "SELECT id, 'ACCEPT', now(), organisation_id, false, due_at FROM request WHERE id = CAST(? AS uuid)",
            "UPDATE request SET late_stages = 0 WHERE id = CAST(? AS uuid)"};
        String[] answer = {
            "SELECT r.*, c.code, d.code FROM request r JOIN service_category c ON c.id = r.category_id "
                    + "LEFT JOIN district d ON d.id = r.district_id WHERE r.id = CAST(? AS uuid)",
            "SELECT * FROM request_photo WHERE request_id = CAST(? AS uuid)",
            "SELECT * FROM request_event WHERE request_id = CAST(? AS uuid) ORDER BY at, id"};
        ConcurrentLinkedQueue<UUID> requests = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<UUID> people = new ConcurrentLinkedQueue<>();
        rawLoop("raw: a filing's statements (JDBC)", db, user, password, connections, c -> {
            c.setAutoCommit(false);
            List<PreparedStatement> r = prepare(c, reads);
            List<PreparedStatement> x = prepare(c, writes);
            List<PreparedStatement> a = prepare(c, answer);
            return () -> {
                UUID id = uuid7();
                UUID person = uuid7();
                String phone = "+7996" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
                run(r.get(0), id);
                for (int i = 1; i < 4; i++) {
                    run(r.get(i), template);
                }
                run(r.get(4), phone);
                run(x.get(0), person, phone);
                run(x.get(1), person);
                run(x.get(2));
                run(x.get(3), id, id, person, template);
                run(x.get(4), uuid7(), id);
                run(x.get(5), id, id);
                run(x.get(6), id);
                run(x.get(7), template);
                run(x.get(8), template, id);
                run(x.get(9), uuid7(), id);
                run(x.get(10), person, id);
                run(x.get(11), id);
                run(x.get(12), id);
                run(x.get(13), id);
                c.commit();
                for (PreparedStatement each : a) {
                    run(each, id);
                }
                c.commit();
                requests.add(id);
                people.add(person);
            };
        });
        // take the rows away again, by id (their indexes), in one transaction
        try (Connection c = DriverManager.getConnection(db, user, password)) {
            c.setAutoCommit(false);
            // the referencing rows go first; without this, each deleted request would scan the whole table for
            // requests naming it a duplicate (that foreign key has no index: nothing else ever deletes a request)
            c.createStatement().execute("SET LOCAL session_replication_role = replica");
            java.sql.Array ids = c.createArrayOf("uuid", requests.toArray());
            java.sql.Array users = c.createArrayOf("uuid", people.toArray());
            for (String sql : new String[] {"DELETE FROM request_stage WHERE request_id = ANY (?)", "DELETE FROM sync_change WHERE request_id = ANY (?)",
                                            "DELETE FROM request_event WHERE request_id = ANY (?)", "DELETE FROM request WHERE id = ANY (?)",
                                            "DELETE FROM app_user WHERE id = ANY (?)"}) {
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    p.setArray(1, sql.contains("app_user") ? users : ids);
                    p.executeUpdate();
                }
            }
            c.commit();
            c.createStatement().execute("SELECT rebuild_request_tally()");   // its trigger was off too
            c.commit();
        }
    }

    /** One iteration of a raw loop, on its connection's prepared statements. */
    private interface SqlStep {
        void run() throws SQLException;
    }

    /** Prepares a connection's statements and answers its iteration. */
    private interface SqlSetup {
        SqlStep prepare(Connection c) throws SQLException;
    }

    /** {@code connections} JDBC connections repeating their iteration for the measured time; prints the line. */
    private void rawLoop(String name, String db, String user, String password, int connections, SqlSetup setup) throws InterruptedException {
        AtomicLong n = new AtomicLong();
        ConcurrentLinkedQueue<Long> times = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + measure.toNanos();
        long t = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < connections; i++) {
                workers.submit(() -> {
                    try (Connection c = DriverManager.getConnection(db, user, password)) {
                        SqlStep step = setup.prepare(c);
                        while (System.nanoTime() < end) {
                            long s = System.nanoTime();
                            step.run();
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
        line(String.format("%-34s %5d %10.0f %9.1f %9.1f %8d", name, connections, n.get() / seconds, pct(sorted, 0.5), pct(sorted, 0.99), 0));
    }

    private static List<PreparedStatement> prepare(Connection c, String[] sql) throws SQLException {
        List<PreparedStatement> out = new ArrayList<>();
        for (String each : sql) {
            out.add(c.prepareStatement(each));
        }
        return out;
    }

    /** Runs one prepared statement with these parameters (ids as text), reading any rows it answers. */
    private static void run(PreparedStatement p, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            p.setString(i + 1, params[i].toString());
        }
        if (p.execute()) {
            try (ResultSet r = p.getResultSet()) {
                while (r.next()) {
                    r.getObject(1);
                }
            }
        }
    }

    /** The benchmark's comments on the pushed job, taken away again (a long timeline would slow later runs' reads). */
    private static void removeComments(String db, String user, String password, String job) throws SQLException {
        try (Connection c = DriverManager.getConnection(db, user, password);
             PreparedStatement p = c.prepareStatement("DELETE FROM request_event WHERE request_id = CAST(? AS uuid) AND kind = 'COMMENT' "
                                                          + "AND detail::text LIKE '%Offline note%'")) {
            p.setString(1, job);
            p.executeUpdate();
        }
    }

    /** The technician with the most open jobs ({@code rank} 0), the next ({@code rank} 1), and so on. */
    private String technicianWithMostOpenJobs(String db, String user, String password, int rank) throws Exception {
        try (Connection c = DriverManager.getConnection(db, user, password);
             ResultSet r = c.createStatement().executeQuery("""
                     SELECT u.login, count(*) FROM request q JOIN app_user u ON u.id = q.technician_id
                     WHERE q.status IN ('ASSIGNED', 'IN_PROGRESS') GROUP BY u.login ORDER BY 2 DESC, 1 LIMIT 1 OFFSET\s""" + rank)) {
            r.next();
            System.out.println("technician " + r.getString(1) + " has " + r.getLong(2) + " open jobs");
            return r.getString(1);
        }
    }

    /** {@code n} comments on one job as a device's offline batch, continuing the device's sequence. */
    private static ObjectNode comments(String job, AtomicLong seq, int n) {
        ObjectNode batch = JSON.createObjectNode().put("sentAt", java.time.Instant.now().toString());
        var ops = batch.putArray("ops");
        for (int i = 0; i < n; i++) {
            ObjectNode op = ops.addObject().put("opId", uuid7().toString()).put("seq", seq.incrementAndGet()).put("type", "ACTION")
                    .put("requestId", job);
            op.putObject("action").put("action", "COMMENT").put("text", "Offline note " + i + ": checked the riser, will return with parts");
        }
        return batch;
    }

    private String technicianJob(String db, String user, String password, String token) throws Exception {
        String me = get("/api/v1/me", token).get("id").asText();
        try (Connection c = DriverManager.getConnection(db, user, password);
             ResultSet r = c.createStatement().executeQuery("SELECT id FROM request WHERE technician_id = '" + me
                                                                + "' AND status IN ('ASSIGNED', 'IN_PROGRESS') LIMIT 1")) {
            r.next();
            return r.getString(1);
        }
    }

    /** The deadline sweep as the backend timed it (every 2 s during the run): the first pass and the steady state. */
    private void sweeps() throws IOException, InterruptedException {
        Thread.sleep(5_000);   // at least two more passes with nothing new
        String metrics = client.metrics();
        double count = metric(metrics, "opencity_deadline_sweep_seconds_count");
        double sum = metric(metrics, "opencity_deadline_sweep_seconds_sum");
        double max = metric(metrics, "opencity_deadline_sweep_seconds_max");
        line(String.format("%ndeadline sweep: %.0f passes, mean %.1f ms, longest %.1f ms (the longest includes working off the generated backlog)",
                           count, 1000 * sum / count, 1000 * max));
    }

    /**
     * The whole city's requests as CSV, read to the end as a spreadsheet user's download would be,
     * while the backend's heap in use is sampled from its metrics every second: the export must
     * stream (the backend runs with a 512 MB heap; 2.5 million rows are several times that).
     */
    private void exportEverything(String token) throws IOException, InterruptedException {
        java.util.concurrent.atomic.AtomicLong maxHeap = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                try {
                    String metrics = client.metrics();
                    long heap = (long) metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                    maxHeap.accumulateAndGet(heap, Math::max);
                    Thread.sleep(1_000);
                } catch (IOException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        long t = System.nanoTime();
        long bytes = 0;
        long lines = 0;
        HttpResponse<java.io.InputStream> r = client.stream("/api/v1/requests/export.csv", token);
        try (java.io.InputStream in = r.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        } finally {
            running.set(false);
            sampler.join();
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        line(String.format("%nexport of every request as CSV: HTTP %d, %,d rows, %,.0f MB in %.0f s (%,.0f rows/s); "
                                   + "backend heap in use at most %,d MB (sampled each second; heap limit 512 MB)",
                           r.statusCode(), Math.max(0, lines - 1), bytes / 1e6, seconds, Math.max(0, lines - 1) / seconds,
                           maxHeap.get() / (1024 * 1024)));
    }

    private static double metric(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(Double.NaN);
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

    static UUID uuid7() {
        long ms = System.currentTimeMillis();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID((ms << 16) | 0x7000L | (r.nextLong() & 0xFFFL), (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
    }

    private String login(String login) {
        return client.staff(login);
    }

    private JsonNode get(String path, String token) {
        return client.call("GET", path, token, null).expect("GET " + path);
    }

    /** The status of one call (the scenarios count 2xx as success). */
    int send(String method, String path, String token, Object body) {
        return client.status(method, path, token, body);
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

    /** A port nothing listens on now (a backend left over from an earlier run must not be measured instead). */
    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    static double pct(long[] sorted, double p) {
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
