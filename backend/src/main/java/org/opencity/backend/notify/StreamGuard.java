package org.opencity.backend.notify;

import io.helidon.http.sse.SseEvent;
import org.opencity.backend.accounts.Caller;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Who may keep a live stream (notifications, the board) open. A stream is authenticated once,
 * when it opens, so it asks again — whether its session is still live — every time it wakes,
 * before it delivers anything and at every heartbeat, and ends when the session has (sign-out,
 * password reset, disabled account, revoked device).
 *
 * <p>Each user holds at most {@code perUser} streams on a node; opening one more closes that
 * user's oldest. Refusing the new one instead would lock people out after a few page reloads:
 * a browser that leaves a page drops its stream without a word, and the server learns of it only
 * when the next heartbeat fails to write (up to 25 s later), so the oldest streams are most often
 * the dead ones. A closed stream is told to wait a minute before reconnecting, so that a person
 * with more tabs than the cap does not have them close each other every few seconds.
 */
public final class StreamGuard {

    /** Said to a stream closed for a newer one: come back in a minute, not at once. */
    public static final SseEvent DISPLACED = SseEvent.builder().comment("replaced by a newer stream of the same person")
            .reconnectDelay(Duration.ofMinutes(1)).build();

    private final Predicate<Caller> live;
    private final int perUser;
    private final Duration heartbeat;
    private final Map<UUID, Deque<Slot>> open = new ConcurrentHashMap<>();

    /**
     * @param live      whether a caller's session is still live (asked of the database)
     * @param perUser   streams one user may hold open at once
     * @param heartbeat how long a stream waits for news before it writes a comment line and checks its session
     */
    public StreamGuard(Predicate<Caller> live, int perUser, Duration heartbeat) {
        this.live = live;
        this.perUser = perUser;
        this.heartbeat = heartbeat;
    }

    /** How long a stream waits for news before it writes a comment line and checks its session again. */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** A place for one more stream of this caller, closing their oldest beyond the cap; {@code wake} wakes the stream. */
    public Slot open(Caller caller, Runnable wake) {
        Slot slot = new Slot(caller, wake);
        List<Slot> displaced = new ArrayList<>();
        open.compute(caller.userId(), (user, slots) -> {
            Deque<Slot> mine = slots == null ? new ArrayDeque<>() : slots;
            mine.addLast(slot);
            while (mine.size() > perUser) {
                displaced.add(mine.removeFirst());
            }
            return mine;
        });
        displaced.forEach(Slot::displace);
        return slot;
    }

    /** One open stream's place; closing it frees the place. */
    public final class Slot implements AutoCloseable {
        private final Caller caller;
        private final Runnable wake;
        private volatile boolean displaced;

        private Slot(Caller caller, Runnable wake) {
            this.caller = caller;
            this.wake = wake;
        }

        private void displace() {
            displaced = true;
            wake.run();
        }

        /** Whether a newer stream of the same person took this one's place. */
        public boolean displaced() {
            return displaced;
        }

        /** Whether the stream may deliver and go on: not displaced, and its session still live. */
        public boolean mayGoOn() {
            return !displaced && live.test(caller);
        }

        @Override
        public void close() {
            open.computeIfPresent(caller.userId(), (user, slots) -> {
                slots.remove(this);
                return slots.isEmpty() ? null : slots;
            });
        }
    }
}
