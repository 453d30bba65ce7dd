package org.opencity.model;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Client- and server-side identifiers: UUID version 7 (RFC 9562), time-ordered so that
 * B-tree indexes on ids stay compact, random enough (74 bits) that devices can create ids
 * offline without coordination.
 *
 * <p>Within one generator, ids are strictly increasing even when several are made in the
 * same millisecond or the clock steps back: the 12-bit {@code rand_a} field is used as a
 * counter seeded randomly at each new millisecond (RFC 9562 §6.2, method 1).
 */
public final class Ids {

    private static final Ids DEFAULT = new Ids(Clock.systemUTC(), new SecureRandom());

    private final Clock clock;
    private final SecureRandom random;
    private final ReentrantLock lock = new ReentrantLock();
    private long lastMillis = -1;
    private int counter;

    public Ids(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** A new UUIDv7 from the process-wide generator. */
    public static UUID newId() {
        return DEFAULT.next();
    }

    /** A new UUIDv7 from this generator. */
    public UUID next() {
        long millis;
        int seq;
        lock.lock();
        try {
            millis = Math.max(clock.millis(), lastMillis);
            if (millis == lastMillis) {
                counter++;
                if (counter > 0xFFF) {
                    // counter exhausted within this millisecond: borrow the next one
                    millis++;
                    counter = random.nextInt(0x800);
                }
            } else {
                counter = random.nextInt(0x800);
            }
            lastMillis = millis;
            seq = counter;
        } finally {
            lock.unlock();
        }
        long msb = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (seq & 0xFFF);
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** The creation time in epoch milliseconds carried by a version 7 id. */
    public static long timestampMillis(UUID id) {
        if (id.version() != 7) {
            throw new IllegalArgumentException("not a UUIDv7: " + id);
        }
        return id.getMostSignificantBits() >>> 16;
    }
}
