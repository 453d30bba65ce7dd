package org.opencity.backend.notify;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wakes live streams when one of their person's notifications commits, on whichever backend
 * instance it was made: every instance {@code LISTEN}s on one PostgreSQL channel (the inbox sends
 * {@code pg_notify} in the notifying transaction, so the signal arrives only after commit). After a
 * lost connection every stream is woken once, so nothing committed meanwhile waits for the next
 * signal.
 */
public final class LiveNotifications implements AutoCloseable {

    static final String CHANNEL = "opencity_inbox";
    private static final Logger LOG = Logger.getLogger(LiveNotifications.class.getName());

    /** Opens the listening connection (outside the pool). */
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /** One live stream's doorbell. */
    public final class Subscription implements AutoCloseable {
        private final UUID user;
        private final Semaphore bell = new Semaphore(0);

        private Subscription(UUID user) {
            this.user = user;
        }

        /** Waits until something may have arrived, or the timeout; answers whether it rang. */
        public boolean await(Duration timeout) throws InterruptedException {
            boolean rang = bell.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
            bell.drainPermits();
            return rang;
        }

        void ring() {
            if (bell.availablePermits() == 0) {
                bell.release();
            }
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
    private final Map<UUID, Set<Subscription>> subscribers = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile boolean running = true;
    private volatile Connection connection;

    public LiveNotifications(ConnectionSource source) {
        this.source = source;
        this.listener = Thread.ofVirtual().name("opencity-inbox-listener").start(this::listen);
    }

    public Subscription subscribe(UUID user) {
        Subscription s = new Subscription(user);
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
                    s.execute("LISTEN " + CHANNEL);
                }
                wakeEveryone();   // anything committed while we were not listening
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] batch = pg.getNotifications(5_000);
                    if (batch == null) {
                        continue;
                    }
                    for (PGNotification n : batch) {
                        try {
                            Set<Subscription> set = subscribers.get(UUID.fromString(n.getParameter()));
                            if (set != null) {
                                set.forEach(Subscription::ring);
                            }
                        } catch (IllegalArgumentException ignored) {
                            // not ours
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
