package org.opencity.mobile.sync;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.TestImages;
import org.opencity.backend.testing.WithApp;
import org.opencity.model.Ids;
import org.opencity.model.request.Action;
import org.opencity.model.request.ActionRequest;
import org.opencity.model.request.NewRequest;
import org.opencity.model.request.PhotoKind;
import org.opencity.model.request.PhotoView;
import org.opencity.model.request.RequestDetail;
import org.opencity.model.request.Status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulated phones — residents reporting and confirming, technicians starting and completing jobs
 * with photos — drive the real sync client against the real backend while their network drops,
 * duplicates, delays and reorders exchanges and their process is killed between sending and
 * hearing back. Then: every command made on a phone was applied exactly once, the server's state
 * is what the applied commands add up to, every photo arrived whole, nothing is left orphaned,
 * and every phone holds what the server holds.
 */
@WithApp
class SyncFaultInjectionTest {

    private static final long SEED = Long.getLong("opencity.faults.seed", 20261128L);
    private static final int MIN_FAULTS = Integer.getInteger("opencity.faults.min", 1000);

    private final TestApp app;
    private final AtomicInteger faults = new AtomicInteger();
    private final Random random = new Random(SEED);

    SyncFaultInjectionTest(TestApp app) {
        this.app = app;
    }

    /** One simulated phone: its folder, its account, its (replaceable, killable) client. */
    final class Phone {
        final String name;
        final Path folder;
        final TestApp.Tokens tokens;
        final FaultyTransport transport;
        final List<UUID> made = new ArrayList<>();     // op ids of the actions this phone queued
        final List<UUID> filed = new ArrayList<>();    // ids of the requests it reported
        SyncClient client;
        int kills;

        Phone(String name, Path folder, TestApp.Tokens tokens) {
            this.name = name;
            this.folder = folder;
            this.tokens = tokens;
            this.transport = new FaultyTransport(new HttpTransport(app.uri("/")), new Random(random.nextLong()), faults);
            restart();
            client.signedIn(tokens.access(), tokens.refresh());
        }

        void restart() {
            client = new SyncClient(new DurableStore(folder), transport, Clock.systemUTC(), new Random(random.nextLong()));
        }

        void sync() {
            try {
                client.syncOnce();
            } catch (SyncClient.RetryLater retry) {
                // the next round tries again, as the app would after its backoff
            } catch (FaultyTransport.Killed killed) {
                kills++;
                restart();
            } catch (SyncClient.SignInRequired e) {
                throw new AssertionError(name + " was signed out", e);
            }
        }
    }

    @Test
    void everyCommandAppliesExactlyOnceThroughAThousandFaults(@TempDir Path phones) throws Exception {
        System.out.println("sync fault injection seed: " + SEED + " (rerun with -Dopencity.faults.seed=" + SEED + ")");
        String building = single("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' "
                                         + "ORDER BY b.id LIMIT 1");
        List<Phone> residents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            residents.add(new Phone("resident" + i, phones.resolve("resident" + i), app.newResident()));
        }
        List<Phone> technicians = List.of(new Phone("plumber", phones.resolve("plumber"), app.login("plumber")),
                                          new Phone("plumber1", phones.resolve("plumber1"), app.login("vakhitovsky.plumber1")));
        TestApp.Tokens dispatcher = app.login("dispatcher");
        List<Phone> all = new ArrayList<>(residents);
        all.addAll(technicians);
        int comment = 0;
        int rounds = 0;
        while (faults.get() < MIN_FAULTS && rounds < 400) {
            rounds++;
            for (Phone r : residents) {
                if (random.nextInt(3) == 0) {
                    r.filed.add(r.client.fileRequest(new NewRequest(Ids.newId(), "plumbing", "Leak number " + rounds + " from " + r.name, null,
                                                        UUID.fromString(building), null, null, "5", null, null, null, null, null,
                                                        List.of()), photos(PhotoKind.REPORT, random.nextInt(2))));
                }
                List<RequestDetail> known = r.client.requests();
                if (!known.isEmpty() && random.nextInt(5) == 0) {
                    RequestDetail any = known.get(random.nextInt(known.size()));
                    r.made.add(r.client.act(any.summary().id(), text(Action.COMMENT, "comment " + (++comment)), List.of()));
                }
                for (RequestDetail request : known) {
                    if (!r.client.pending(request.summary().id()).isEmpty()) {
                        continue;   // the app shows the queued action instead of offering it again
                    }
                    int roll = random.nextInt(10);
                    if (request.summary().status() == Status.DONE && roll < 6) {
                        r.made.add(r.client.act(request.summary().id(), ActionRequest.of(Action.CONFIRM), List.of()));
                    } else if (request.summary().status() == Status.CLOSED && request.rating() == null && roll < 4) {
                        r.made.add(r.client.act(request.summary().id(), new ActionRequest(Action.RATE, null, null, null, null, null,
                                                                                          null, "ok", 1 + random.nextInt(5), null,
                                                                                          null), List.of()));
                    }
                }
                if (random.nextInt(8) == 0) {
                    r.restart();   // killed between saving and syncing
                }
                r.sync();
            }
            dispatch(dispatcher, technicians);
            for (Phone t : technicians) {
                for (RequestDetail job : t.client.requests()) {
                    if (!t.client.pending(job.summary().id()).isEmpty()) {
                        continue;
                    }
                    int roll = random.nextInt(10);
                    if (job.summary().status() == Status.ASSIGNED && roll < 5) {
                        t.made.add(t.client.act(job.summary().id(), ActionRequest.of(Action.START),
                                                photos(PhotoKind.BEFORE, random.nextInt(2))));
                    } else if (job.summary().status() == Status.IN_PROGRESS && roll < 5) {
                        t.made.add(t.client.act(job.summary().id(), new ActionRequest(Action.COMPLETE, null, null, null, null, "fixed",
                                                                                      null, null, null, null, null),
                                                photos(PhotoKind.AFTER, 1)));
                    } else if (roll == 9) {
                        t.made.add(t.client.act(job.summary().id(), text(Action.COMMENT, "comment " + (++comment)), List.of()));
                    }
                }
                t.sync();
            }
        }
        assertThat(faults.get()).as("faults injected in " + rounds + " rounds").isGreaterThanOrEqualTo(MIN_FAULTS);

        for (Phone p : all) {
            p.transport.heal();
            p.restart();
        }
        for (int i = 0; i < 3; i++) {
            for (Phone p : all) {
                p.client.syncOnce();
            }
        }
        int kills = all.stream().mapToInt(p -> p.kills).sum();
        System.out.println("sync fault injection: " + faults.get() + " faults, " + kills + " kills, " + rounds + " rounds");

        for (Phone p : all) {
            SyncClient.Status status = p.client.status();
            assertThat(status.pendingOps()).as(p.name + " pending ops").isZero();
            assertThat(status.pendingPhotos()).as(p.name + " pending photos").isZero();
            everyCommandAppliedExactlyOnce(p);
            converged(p);
        }
        everyAnnouncedPhotoArrivedWhole();
        nothingOrphaned();
    }

    /** Every command the phone ever made has one result on the server, and each applied one one effect. */
    private void everyCommandAppliedExactlyOnce(Phone p) {
        String device = "(SELECT id FROM device WHERE user_id = '" + p.tokens.userId() + "')";
        long results = app.database().count("SELECT count(*) FROM sync_op WHERE device_id IN " + device);
        assertThat(results).as(p.name + ": one result per command").isEqualTo(p.made.size() + p.filed.size());
        assertThat(app.database().count("SELECT max(seq) FROM sync_op WHERE device_id IN " + device)).isEqualTo(results);
        for (UUID op : p.made) {
            assertThat(app.database().count("SELECT count(*) FROM sync_op WHERE op_id = '" + op + "'")).as("op " + op).isEqualTo(1);
        }
        for (UUID request : p.filed) {
            assertThat(app.database().count("SELECT count(*) FROM request WHERE id = '" + request + "' AND reporter_id = '"
                                                    + p.tokens.userId() + "'")).as("report " + request).isEqualTo(1);
        }
        // the fold: each applied command made exactly one history entry by this person (a report: its CREATED entry)
        long applied = app.database().count("SELECT count(*) FROM sync_op WHERE outcome = 'APPLIED' AND device_id IN " + device);
        long effects = app.database().count("SELECT count(*) FROM request_event WHERE actor_id = '" + p.tokens.userId() + "'");
        assertThat(effects).as(p.name + ": history entries = applied commands").isEqualTo(applied);
        assertThat(applied).as(p.name + " made progress").isPositive();
    }

    /** The phone's local copy equals the server's state of every request in its scope. */
    private void converged(Phone p) {
        Map<String, String> local = new HashMap<>();
        for (RequestDetail r : p.client.requests()) {
            local.put(r.summary().id().toString(), r.summary().status() + "/" + r.version() + "/"
                    + r.photos().stream().filter(PhotoView::stored).count() + " photos");
        }
        Map<String, String> server = new HashMap<>();
        try (var rows = app.database().client().execute().query(
                "SELECT id, status, version, (SELECT count(*) FROM request_photo p WHERE p.request_id = r.id AND p.stored_at IS NOT NULL) AS photos"
                        + " FROM request r WHERE reporter_id = '" + p.tokens.userId() + "' OR (technician_id = '"
                        + p.tokens.userId() + "' AND status IN ('ASSIGNED', 'IN_PROGRESS', 'DONE'))")) {
            rows.forEach(r -> server.put(r.column("id").get().toString(), r.column("status").get() + "/" + r.column("version").get() + "/"
                    + r.column("photos").get() + " photos"));
        }
        for (Map.Entry<String, String> e : server.entrySet()) {
            assertThat(local.get(e.getKey())).as(p.name + " has " + e.getKey()).isEqualTo(e.getValue());
        }
    }

    private void everyAnnouncedPhotoArrivedWhole() {
        assertThat(app.database().count("""
                SELECT count(*) FROM request_photo WHERE stored_at IS NULL AND rejected_at IS NULL""")).as("photos still missing").isZero();
        assertThat(app.database().count("SELECT count(*) FROM request_photo WHERE rejected_at IS NOT NULL")).as("photos refused").isZero();
        assertThat(app.database().count("SELECT count(*) FROM request_photo WHERE stored_at IS NOT NULL")).isPositive();
    }

    private void nothingOrphaned() throws Exception {
        assertThat(app.database().count("SELECT count(*) FROM photo_chunk")).isZero();
        List<String> stored = new ArrayList<>();
        try (var rows = app.database().client().execute().query("SELECT id FROM request_photo WHERE stored_at IS NOT NULL")) {
            rows.forEach(r -> stored.add(r.column("id").get().toString()));
        }
        Path photos = app.app().settings().photos();
        List<String> files;
        try (var walk = Files.walk(photos)) {
            files = walk.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
        }
        assertThat(files).allSatisfy(f -> assertThat(stored).contains(f.substring(0, 36)));
        for (String id : stored) {
            assertThat(files).contains(id + ".orig", id + ".jpg", id + ".thumb");
        }
    }

    private void dispatch(TestApp.Tokens dispatcher, List<Phone> technicians) {
        JsonNode routed = TestApp.json(app.get("/api/v1/requests?status=ROUTED&limit=50", dispatcher));
        for (JsonNode r : routed.get("items")) {
            String id = r.get("id").asText();
            app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ACCEPT"), dispatcher);
            Phone t = technicians.get(random.nextInt(technicians.size()));
            app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ASSIGN", "technicianId", t.tokens.userId().toString()),
                     dispatcher);
        }
        JsonNode reopened = TestApp.json(app.get("/api/v1/requests?status=REOPENED&limit=50", dispatcher));
        for (JsonNode r : reopened.get("items")) {
            app.post("/api/v1/requests/" + r.get("id").asText() + "/actions", Map.of("action", "ASSIGN", "technicianId",
                                                                                     technicians.getFirst().tokens.userId().toString()), dispatcher);
        }
    }

    private List<SyncClient.LocalPhoto> photos(PhotoKind kind, int count) {
        List<SyncClient.LocalPhoto> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new SyncClient.LocalPhoto(UUID.randomUUID(), kind, TestImages.jpeg(320 + random.nextInt(400), 240 + random.nextInt(300)),
                                               app.clock().instant(), null));
        }
        return list;
    }

    private static ActionRequest text(Action action, String text) {
        return new ActionRequest(action, null, null, null, null, null, null, text, null, null, null);
    }

    private String single(String sql) {
        return app.database().client().execute().query(sql).findFirst().orElseThrow().column(1).get().toString();
    }

}
