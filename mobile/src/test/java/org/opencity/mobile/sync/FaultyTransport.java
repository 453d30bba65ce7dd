package org.opencity.mobile.sync;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double around the real {@link HttpTransport}: with a seeded random it drops requests
 * before they leave, drops answers after the server committed, delivers requests twice, delays
 * them, delivers an old request again out of order, and "kills" the client right after the
 * server answered — everything a phone in a basement sees.
 */
final class FaultyTransport implements Transport {

    /** The process died: the client object must be thrown away and rebuilt from its folder. */
    static final class Killed extends RuntimeException {
        Killed() {
            super("killed between send and acknowledgement", null, false, false);
        }
    }

    private final Transport real;
    private final Random random;
    private final AtomicInteger faults;
    private final List<Call> sent = new ArrayList<>();
    private volatile boolean enabled = true;

    FaultyTransport(Transport real, Random random, AtomicInteger faults) {
        this.real = real;
        this.random = random;
        this.faults = faults;
    }

    void heal() {
        enabled = false;
    }

    @Override
    public Reply exchange(Call call) throws IOException {
        if (!enabled) {
            return real.exchange(call);
        }
        int roll = random.nextInt(100);
        if (roll < 10) {
            faults.incrementAndGet();
            throw new IOException("request dropped");
        }
        if (roll < 20) {
            real.exchange(call);
            faults.incrementAndGet();
            throw new IOException("response dropped after the server committed");
        }
        if (roll < 26) {
            faults.incrementAndGet();
            real.exchange(call);
            return remember(call, real.exchange(call));     // delivered twice
        }
        if (roll < 31) {
            faults.incrementAndGet();
            sleep(1 + random.nextInt(15));
        } else if (roll < 37 && !sent.isEmpty()) {
            faults.incrementAndGet();
            real.exchange(sent.get(random.nextInt(sent.size())));   // an old request arrives late, out of order
        } else if (roll < 41) {
            real.exchange(call);
            faults.incrementAndGet();
            throw new Killed();
        }
        return remember(call, real.exchange(call));
    }

    /** Sync and photo calls may be replayed out of order; a replayed token refresh would look like theft, as it should. */
    private Reply remember(Call call, Reply reply) {
        if ((call.method().equals("POST") || call.method().equals("PUT"))
                && (call.path().startsWith("/api/v1/sync") || call.path().startsWith("/api/v1/photos"))) {
            sent.add(call);
            if (sent.size() > 50) {
                sent.removeFirst();
            }
        }
        return reply;
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
