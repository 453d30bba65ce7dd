package org.opencity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A peak day compressed: {@code count} requests taken through the whole lifecycle over HTTP — a
 * signed-in resident files, the system routes, the organisation's dispatcher accepts and assigns,
 * the technician starts and completes with an AFTER photo (announced, then uploaded as a real
 * JPEG), the resident confirms and rates — {@code inFlight} lifecycles at once. Prints the wall
 * time and each step's latency.
 */
final class PeakDay {

    private static final String[] STEPS = {"file", "accept", "assign", "start", "complete", "upload photo", "confirm", "rate"};
    private final Client api;
    private final SmsInbox sms;
    private final String db;
    private final String user;
    private final String password;

    PeakDay(Client api, SmsInbox sms, String db, String user, String password) {
        this.api = api;
        this.sms = sms;
        this.db = db;
        this.user = user;
        this.password = password;
    }

    void run(int count, int inFlight, int residents) throws Exception {
        Cast cast = cast();
        List<String> residentTokens = new ArrayList<>();
        int firstPhone = 1_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(8_000_000);   // fresh residents each run
        for (int i = 0; i < residents; i++) {
            residentTokens.add(api.resident(String.format("+7998%07d", firstPhone + i), sms));
        }
        String dispatcher = api.staff(cast.dispatcher);
        List<String> technicianTokens = new ArrayList<>();
        for (String login : cast.technicians.keySet()) {
            technicianTokens.add(api.staff(login));
        }
        List<String> technicianIds = new ArrayList<>(cast.technicians.values());
        byte[] photo = photo();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));

        Map<String, ConcurrentLinkedQueue<Long>> latencies = new LinkedHashMap<>();
        for (String step : STEPS) {
            latencies.put(step, new ConcurrentLinkedQueue<>());
        }
        AtomicInteger done = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
        Semaphore slots = new Semaphore(inFlight);
        long t0 = System.nanoTime();
        try (ExecutorService lifecycles = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                slots.acquire();
                int n = i;
                lifecycles.submit(() -> {
                    try {
                        lifecycle(n, residentTokens.get(n % residentTokens.size()), dispatcher, technicianTokens.get(n % technicianTokens.size()),
                                  technicianIds.get(n % technicianIds.size()), cast.building, photo, sha, latencies);
                        done.incrementAndGet();
                    } catch (RuntimeException e) {
                        if (failures.incrementAndGet() <= 3) {
                            firstErrors.add(e.getMessage());
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%npeak day: %,d requests through the whole lifecycle, %d at once, %d residents, %d technicians%n",
                          count, inFlight, residents, technicianTokens.size());
        System.out.printf("  wall time %.1f s (target ≤ 60 s) · %,d completed · %,d failed · %.0f lifecycles/s · %.0f HTTP calls/s%n",
                          wall, done.get(), failures.get(), done.get() / wall, done.get() * STEPS.length / wall);
        firstErrors.forEach(e -> System.out.println("  error: " + e));
        System.out.printf("  %-14s %9s %9s%n", "step", "p50 ms", "p99 ms");
        latencies.forEach((step, times) -> {
            long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("  %-14s %9.1f %9.1f%n", step, Benchmark.pct(sorted, 0.5), Benchmark.pct(sorted, 0.99));
        });
    }

    private void lifecycle(int n, String resident, String dispatcher, String technician, String technicianId, String building,
                           byte[] photo, String sha, Map<String, ConcurrentLinkedQueue<Long>> latencies) {
        ObjectNode request = Client.JSON.createObjectNode().put("id", Benchmark.uuid7().toString()).put("categoryCode", "plumbing")
                .put("description", "Peak day " + n + ": the riser in the basement leaks").put("buildingId", building)
                .put("flat", String.valueOf(1 + n % 200));
        String id = timed(latencies, "file", () -> api.call("POST", "/api/v1/requests", resident, request))
                .expect("filing").get("summary").get("id").asText();
        String path = "/api/v1/requests/" + id + "/actions";
        timed(latencies, "accept", () -> api.call("POST", path, dispatcher, action("ACCEPT"))).expect("accept");
        timed(latencies, "assign", () -> api.call("POST", path, dispatcher, action("ASSIGN").put("technicianId", technicianId)))
                .expect("assign");
        timed(latencies, "start", () -> api.call("POST", path, technician, action("START"))).expect("start");
        String photoId = Benchmark.uuid7().toString();
        ObjectNode complete = action("COMPLETE").put("note", "Replaced the gasket");
        complete.putArray("photos").addObject().put("id", photoId).put("kind", "AFTER").put("sha256", sha).put("size", photo.length)
                .put("capturedAt", Instant.now().toString());
        timed(latencies, "complete", () -> api.call("POST", path, technician, complete)).expect("complete");
        timed(latencies, "upload photo", () -> api.call("PUT", "/api/v1/photos/" + photoId + "/upload?offset=0", technician, photo))
                .expect("photo upload");
        timed(latencies, "confirm", () -> api.call("POST", path, resident, action("CONFIRM"))).expect("confirm");
        timed(latencies, "rate", () -> api.call("POST", path, resident, action("RATE").put("stars", 5))).expect("rate");
    }

    private static ObjectNode action(String name) {
        return Client.JSON.createObjectNode().put("action", name);
    }

    private static Client.Answer timed(Map<String, ConcurrentLinkedQueue<Long>> latencies, String step,
                                       java.util.function.Supplier<Client.Answer> call) {
        long s = System.nanoTime();
        Client.Answer a = call.get();
        if (a.ok()) {
            latencies.get(step).add(System.nanoTime() - s);
        }
        return a;
    }

    /** Who takes part: a building of Vakhitovsky, the organisation's dispatcher and its technicians. */
    private record Cast(String building, String dispatcher, Map<String, String> technicians) {
    }

    private Cast cast() throws SQLException {
        try (Connection c = DriverManager.getConnection(db, user, password)) {
            String building = one(c, "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' "
                    + "ORDER BY b.id LIMIT 1");
            String organisation = one(c, "SELECT x.organisation_id FROM responsibility x JOIN district d ON d.id = x.district_id "
                    + "JOIN service_category k ON k.id = x.category_id WHERE d.code = 'vakhitovsky' AND k.code = 'plumbing' "
                    + "AND x.valid_to IS NULL LIMIT 1");
            String dispatcher = one(c, "SELECT u.login FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'ORG_DISPATCHER' "
                    + "WHERE u.organisation_id = '" + organisation + "' AND u.login IS NOT NULL ORDER BY u.login LIMIT 1");
            Map<String, String> technicians = new LinkedHashMap<>();
            try (ResultSet r = c.createStatement().executeQuery("SELECT u.login, u.id FROM app_user u JOIN user_role x ON x.user_id = u.id "
                    + "AND x.role = 'TECHNICIAN' WHERE u.organisation_id = '" + organisation + "' AND u.login LIKE 'bench.%' "
                    + "ORDER BY u.login LIMIT 20")) {
                while (r.next()) {
                    technicians.put(r.getString(1), r.getString(2));
                }
            }
            if (technicians.isEmpty()) {
                throw new IllegalStateException("no generated technicians in the organisation: run GenerateCity first");
            }
            return new Cast(building, dispatcher, technicians);
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (ResultSet r = c.createStatement().executeQuery(sql)) {
            if (!r.next()) {
                throw new IllegalStateException("nothing for: " + sql);
            }
            return r.getString(1);
        }
    }

    /** A 1280×960 JPEG with some texture, about what a phone sends after the app has resized it. */
    private static byte[] photo() throws IOException {
        BufferedImage image = new BufferedImage(1280, 960, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 4000; i++) {
            g.setColor(new Color(random.nextInt(0xFFFFFF)));
            g.fillRect(random.nextInt(1280), random.nextInt(960), 4 + random.nextInt(40), 4 + random.nextInt(40));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
