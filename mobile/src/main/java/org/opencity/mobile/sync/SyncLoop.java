package org.opencity.mobile.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Syncs in the background: right away, then every {@link #PERIOD}, at once when the user acts or
 * asks ("sync now"), and after a failure with the client's backoff — so when the network comes
 * back, work goes out within the backoff. Each outcome is told to a listener (the sync indicator).
 */
public final class SyncLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SyncLoop.class.getName());
    static final Duration PERIOD = Duration.ofSeconds(30);

    /** What the last attempt found. */
    public record Outcome(boolean online, boolean signInRequired, String problem, Instant at, SyncClient.Status status) {
    }

    private final SyncClient client;
    private final Clock clock;
    private final Consumer<Outcome> listener;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running = true;
    private volatile Thread thread;
    private int failures;

    public SyncLoop(SyncClient client, Clock clock, Consumer<Outcome> listener) {
        this.client = client;
        this.clock = clock;
        this.listener = listener;
    }

    public SyncLoop start() {
        thread = Thread.ofVirtual().name("opencity-sync").start(this::run);
        return this;
    }

    /** Sync as soon as possible (the user acted, or tapped "sync now"). */
    public void now() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void run() {
        while (running) {
            Duration next = PERIOD;
            try {
                client.syncOnce();
                failures = 0;
                listener.accept(new Outcome(true, false, null, clock.instant(), client.status()));
            } catch (SyncClient.RetryLater e) {
                failures++;
                next = client.backoff(failures, e.delay());
                listener.accept(new Outcome(false, false, e.getMessage(), clock.instant(), client.status()));
            } catch (SyncClient.SignInRequired e) {
                listener.accept(new Outcome(false, true, "sign in again", clock.instant(), client.status()));
                next = Duration.ofMinutes(5);
            } catch (RuntimeException e) {
                LOG.warning("sync failed: " + e);
                failures++;
                next = client.backoff(failures, null);
                listener.accept(new Outcome(false, false, e.getMessage(), clock.instant(), client.status()));
            }
            try {
                if (wake.tryAcquire(Math.min(next.toMillis(), PERIOD.toMillis()), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        now();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
