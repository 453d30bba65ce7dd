package org.opencity.backend.notify;

import org.opencity.backend.db.Signals;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wakes live streams when one of their person's notifications commits, on whichever backend
 * instance it was made: every instance {@code LISTEN}s on one PostgreSQL channel, on which
 * {@link Signals} sends each change's signal after it commits (several to a notification, one per
 * line). After a lost connection, or when the sender says signals were lost, every stream is woken
 * and told to re-read, so nothing committed meanwhile waits for the next signal.
 */
public final class LiveNotifications implements AutoCloseable {

    public static final String CHANNEL = "opencity_inbox";
    /** Signals kept per subscription between two looks; beyond this the stream is told to reload everything. */
    static final int PAYLOADS_KEPT = 1_000;
    private static final Logger LOG = Logger.getLogger(LiveNotifications.class.getName());

    /** Opens the listening connection (outside the pool). */
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /** One live stream's doorbell, with the signals that rang it. */
    public final class Subscription implements AutoCloseable {
        private final UUID user;
        private final Semaphore bell = new Semaphore(0);
        private final Queue<String> payloads = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final boolean keepsPayloads;
        private volatile boolean overflowed;

        private Subscription(UUID user, boolean keepsPayloads) {
            this.user = user;
            this.keepsPayloads = keepsPayloads;
        }

        /** Waits until something may have arrived, or the timeout; answers whether it rang. */
        public boolean await(Duration timeout) throws InterruptedException {
            boolean rang = bell.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
            bell.drainPermits();
            return rang;
        }

        /** Wakes this one stream (it looks again at what it may deliver, and whether it may go on). */
        public void wake() {
            ring();
        }

        void ring() {
            if (bell.availablePermits() == 0) {
                bell.release();
            }
        }

        void ring(String payload) {
            if (!keepsPayloads) {
                ring();
                return;
            }
            if (queued.incrementAndGet() > PAYLOADS_KEPT) {
                overflowed = true;
            } else {
                payloads.add(payload);
            }
            ring();
        }

        /**
         * The signals received since the last call, oldest first; empty with {@link #overflowed()}
         * when there were too many to keep (or the connection to the database was lost meanwhile).
         */
        public List<String> drain() {
            List<String> out = new ArrayList<>();
            for (String p; (p = payloads.poll()) != null; ) {
                out.add(p);
                queued.decrementAndGet();
            }
            return out;
        }

        /** Whether signals were lost since the last call (and clears it). */
        public boolean overflowed() {
            boolean was = overflowed;
            overflowed = false;
            if (was) {
                payloads.clear();
                queued.set(0);
            }
            return was;
        }

        @Override
        public void close() {
            subscribers.computeIfPresent(user, (u, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
        }
    }

    private final ConnectionSource source;
    private final String channel;
    private final Map<UUID, Set<Subscription>> subscribers = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile boolean running = true;
    private volatile Connection connection;

    /** The inbox's channel: a person's id per signal. */
    public LiveNotifications(ConnectionSource source) {
        this(source, CHANNEL);
    }

    /**
     * Any channel whose signals start with the id of whom they are for, optionally followed by
     * {@code |} and more (the subscription keeps the whole signal).
     */
    public LiveNotifications(ConnectionSource source, String channel) {
        if (!channel.matches("[a-z_]{1,60}")) {
            throw new IllegalArgumentException("channel names are lower-case letters and underscores");
        }
        this.source = source;
        this.channel = channel;
        this.listener = Thread.ofVirtual().name("opencity-listener-" + channel).start(this::listen);
    }

    /** A doorbell only: rings when something for {@code user} committed. */
    public Subscription subscribe(UUID user) {
        return subscribe(user, false);
    }

    /** A doorbell that also keeps each signal for {@link Subscription#drain()}. */
    public Subscription subscribe(UUID user, boolean keepPayloads) {
        Subscription s = new Subscription(user, keepPayloads);
        subscribers.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(s);
        return s;
    }

    /** How many live streams are open on this instance. */
    public int streams() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }

    private void listen() {
        while (running) {
            try (Connection c = source.open()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                lostTrack();   // anything committed while we were not listening
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] batch = pg.getNotifications(5_000);
                    if (batch == null) {
                        continue;
                    }
                    for (PGNotification n : batch) {
                        for (String signal : n.getParameter().split("\n")) {
                            deliver(signal);
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.log(Level.WARNING, "live notifications lost their database connection; reconnecting: " + e.getMessage());
                    sleep();
                }
            }
        }
    }

    private void deliver(String signal) {
        if (Signals.LOST.equals(signal)) {
            lostTrack();
            return;
        }
        int bar = signal.indexOf('|');
        try {
            Set<Subscription> set = subscribers.get(UUID.fromString(bar < 0 ? signal : signal.substring(0, bar)));
            if (set != null) {
                set.forEach(sub -> sub.ring(signal));
            }
        } catch (IllegalArgumentException ignored) {
            // not ours
        }
    }

    private void lostTrack() {
        subscribers.values().forEach(set -> set.forEach(sub -> {
            sub.overflowed = true;
            sub.ring();
        }));
    }

    /** Wakes every stream (they look for news, or notice the server is stopping). */
    public void wakeEveryone() {
        subscribers.values().forEach(set -> set.forEach(Subscription::ring));
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        listener.interrupt();
        try {
            listener.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        wakeEveryone();
    }
}
