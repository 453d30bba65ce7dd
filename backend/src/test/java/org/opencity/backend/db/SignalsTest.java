package org.opencity.backend.db;

import org.junit.jupiter.api.Test;
import org.opencity.backend.notify.LiveNotifications;
import org.opencity.backend.testing.TestDatabase;
import org.opencity.backend.testing.WithDatabase;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signals go out after commit, many to a notification, and listeners receive each one. */
@WithDatabase
class SignalsTest {

    private static final String CHANNEL = "opencity_signals_test";
    private final TestDatabase db;
    private final Transactions tx;

    SignalsTest(TestDatabase db) {
        this.db = db;
        this.tx = new Transactions(db.client());
    }

    @Test
    void aCommittedChangesSignalArrivesAndARolledBackOneNever() throws Exception {
        UUID user = UUID.randomUUID();
        try (LiveNotifications live = listening(); Signals signals = new Signals(tx, db.client())) {
            LiveNotifications.Subscription sub = live.subscribe(user, true);
            assertThatThrownBy(() -> tx.run(t -> {
                signals.afterCommit(t, CHANNEL, user + "|rolled back");
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            tx.run(t -> signals.afterCommit(t, CHANNEL, user + "|committed"));

            assertThat(sub.await(Duration.ofSeconds(5))).isTrue();
            List<String> got = new ArrayList<>(sub.drain());
            sub.await(Duration.ofMillis(300));   // anything else would have come by now
            got.addAll(sub.drain());
            assertThat(got).containsExactly(user + "|committed");
        }
    }

    @Test
    void thousandsOfSignalsFromConcurrentTransactionsAllArriveThoughBatchedIntoFewerNotifications() throws Exception {
        int threads = 8;
        int each = 500;
        try (Connection listener = DriverManager.getConnection(db.url(), db.user(), db.password());
             Signals signals = new Signals(tx, db.client())) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
            }
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int writer = w;
                writers.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < each; i++) {
                        int n = i;
                        // long payloads, so that one notification cannot carry them all
                        tx.run(t -> signals.afterCommit(t, CHANNEL, writer + "-" + n + "|" + "x".repeat(100)));
                    }
                }));
            }
            for (Thread t : writers) {
                t.join();
            }
            Set<String> got = new HashSet<>();
            int notifications = 0;
            PGConnection pg = listener.unwrap(PGConnection.class);
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (got.size() < threads * each && System.nanoTime() < end) {
                PGNotification[] batch = pg.getNotifications(200);
                for (PGNotification n : batch == null ? new PGNotification[0] : batch) {
                    notifications++;
                    assertThat(n.getParameter().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Signals.MAX_PAYLOAD);
                    got.addAll(List.of(n.getParameter().split("\n")));
                }
            }
            assertThat(got).hasSize(threads * each);
            assertThat(got).allMatch(s -> s.endsWith("|" + "x".repeat(100)));
            assertThat(notifications).as("signals share notifications").isLessThan(threads * each);
        }
    }

    @Test
    void theLostSignalWakesEveryStreamAndTellsItToReReadEverything() throws Exception {
        try (LiveNotifications live = listening()) {
            LiveNotifications.Subscription a = live.subscribe(UUID.randomUUID(), true);
            LiveNotifications.Subscription b = live.subscribe(UUID.randomUUID(), false);
            a.await(Duration.ZERO);
            a.overflowed();
            b.await(Duration.ZERO);
            db.execute("SELECT pg_notify('" + CHANNEL + "', '" + Signals.LOST + "')");
            assertThat(a.await(Duration.ofSeconds(5))).isTrue();
            assertThat(b.await(Duration.ofSeconds(5))).isTrue();
            assertThat(a.overflowed()).isTrue();
        }
    }

    @Test
    void aSignalIsOneShortLine() {
        try (Signals signals = new Signals(tx, db.client())) {
            assertThatThrownBy(() -> tx.run(t -> signals.afterCommit(t, CHANNEL, "two\nlines"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> tx.run(t -> signals.afterCommit(t, "Bad-Channel", "x"))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** A listener whose LISTEN is in place: a probe sent directly has reached it. */
    private LiveNotifications listening() throws InterruptedException {
        LiveNotifications live = new LiveNotifications(() -> DriverManager.getConnection(db.url(), db.user(), db.password()), CHANNEL);
        UUID probe = UUID.randomUUID();
        try (LiveNotifications.Subscription sub = live.subscribe(probe, true)) {
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < end) {
                db.execute("SELECT pg_notify('" + CHANNEL + "', '" + probe + "')");
                if (sub.await(Duration.ofMillis(100)) && sub.drain().contains(probe.toString())) {
                    return live;
                }
            }
        }
        live.close();
        throw new IllegalStateException("the listener never heard the probe");
    }
}
