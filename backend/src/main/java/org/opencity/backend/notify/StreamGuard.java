package org.opencity.backend.notify;

import org.opencity.backend.accounts.Caller;
import org.opencity.backend.errors.TooManyRequests;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Who may keep a live stream (notifications, the board) open. A stream is authenticated once,
 * when it opens, so it asks again — whether its session is still live — every time it wakes,
 * before it delivers anything and at every heartbeat, and ends when the session has (sign-out,
 * password reset, disabled account, revoked device). Each user holds at most {@code perUser}
 * streams on a node; one more is refused with 429 rather than closing an older one, because
 * browsers and apps reconnect a closed stream on their own and two tabs would then take turns
 * closing each other. A stream whose client vanished is found at its next heartbeat, so the
 * refusal asks to retry after one heartbeat.
 */
public final class StreamGuard {

    private final Predicate<Caller> live;
    private final int perUser;
    private final Duration retryAfter;
    private final Map<UUID, Integer> open = new ConcurrentHashMap<>();

    /**
     * @param live       whether a caller's session is still live (asked of the database)
     * @param perUser    streams one user may hold open at once
     * @param retryAfter how long a refused client should wait (the heartbeat interval)
     */
    public StreamGuard(Predicate<Caller> live, int perUser, Duration retryAfter) {
        this.live = live;
        this.perUser = perUser;
        this.retryAfter = retryAfter;
    }

    /** A place for one more stream of this caller, or 429 when they hold as many as allowed. */
    public Slot open(Caller caller) {
        boolean[] granted = {false};
        open.compute(caller.userId(), (user, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perUser) {
                return count;
            }
            granted[0] = true;
            return now + 1;
        });
        if (!granted[0]) {
            throw new TooManyRequests("at most " + perUser + " live streams per person are open at once; close one", retryAfter);
        }
        return new Slot(caller);
    }

    /** Open streams of one user (for tests and metrics). */
    public int openBy(UUID user) {
        return open.getOrDefault(user, 0);
    }

    /** One open stream's place; closing it frees the place. */
    public final class Slot implements AutoCloseable {
        private final Caller caller;
        private boolean closed;

        private Slot(Caller caller) {
            this.caller = caller;
        }

        /** Whether the stream may deliver and go on: its session is still live. */
        public boolean sessionLive() {
            return live.test(caller);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                open.computeIfPresent(caller.userId(), (user, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}
