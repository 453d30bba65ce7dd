package org.opencity.backend.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (an IP address, a user): {@code perSecond} tokens flow in, at most
 * {@code burst} are held, each request takes one. Limits hold per backend node. Idle buckets are
 * dropped so the map cannot grow without bound.
 */
public final class RateLimiter {

    private static final int MAX_KEYS = 100_000;

    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perSecond, int burst, Clock clock) {
        this((double) perSecond, burst, clock);
    }

    private RateLimiter(double perSecond, int burst, Clock clock) {
        this.perSecond = perSecond;
        this.burst = Math.max(burst, 1);
        this.clock = clock;
    }

    /** A limit of {@code perMinute} sustained (0: no limit) with bursts of {@code burst}. */
    public static RateLimiter perMinute(int perMinute, int burst, Clock clock) {
        return new RateLimiter(perMinute / 60.0, burst, clock);
    }

    /** Empty when a request could go ahead now, else how long until it could; takes nothing. */
    public Optional<Duration> exhausted(String key) {
        if (perSecond <= 0) {
            return Optional.empty();
        }
        Bucket bucket = buckets.get(key);
        return bucket == null ? Optional.empty() : bucket.peek(clock.millis(), perSecond, burst);
    }

    /** Empty when the request may go ahead, else how long until it could. */
    public Optional<Duration> acquire(String key) {
        if (perSecond <= 0) {
            return Optional.empty();   // limit switched off
        }
        long now = clock.millis();
        if (buckets.size() > MAX_KEYS) {
            buckets.values().removeIf(b -> b.fullAt(now, perSecond, burst));
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        return bucket.take(now, perSecond, burst);
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        synchronized Optional<Duration> take(long now, double rate, double burst) {
            refill(now, rate, burst);
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis((long) Math.ceil((1 - tokens) / rate * 1000)));
        }

        synchronized Optional<Duration> peek(long now, double rate, double burst) {
            refill(now, rate, burst);
            return tokens >= 1 ? Optional.empty() : Optional.of(Duration.ofMillis((long) Math.ceil((1 - tokens) / rate * 1000)));
        }

        synchronized boolean fullAt(long now, double rate, double burst) {
            refill(now, rate, burst);
            return tokens >= burst;
        }

        private void refill(long now, double rate, double burst) {
            if (now > updated) {
                tokens = Math.min(burst, tokens + (now - updated) / 1000.0 * rate);
                updated = now;
            }
        }
    }
}
