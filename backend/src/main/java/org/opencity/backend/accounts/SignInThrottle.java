package org.opencity.backend.accounts;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Failed password sign-ins, counted per login and per client address. After a number of free
 * failures each further one delays the next attempt by a growing time (1 s, 2 s, 4 s … up to a
 * ceiling); there is no lock that outlasts the delay. The login key is the typed login, whether
 * or not such an account exists, so an unknown login is throttled exactly like a known one and
 * the answers cannot tell them apart. A failure older than {@link #FORGET_AFTER} is forgotten;
 * a successful sign-in forgets the login's failures (not the address's); an admin may forget them.
 *
 * @see PasswordSignIn for how a delayed login may still be unlocked with the authenticator code
 */
public final class SignInThrottle {

    /** Failures no longer counted once none has followed for this long. */
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    /** An address is shared by a whole office behind NAT: it gets this many times the free failures of a login. */
    private static final int ADDRESS_FACTOR = 4;

    private final DbClient db;
    private final Transactions tx;
    private final Clock clock;
    private final int freeFailures;
    private final Duration maxDelay;

    /**
     * @param freeFailures failures of one login before delays begin
     * @param maxDelay     the longest delay
     */
    public SignInThrottle(DbClient db, Transactions tx, Clock clock, int freeFailures, Duration maxDelay) {
        this.db = db;
        this.tx = tx;
        this.clock = clock;
        this.freeFailures = freeFailures;
        this.maxDelay = maxDelay;
    }

    /** How long this login must still wait, if it must. */
    public Optional<Duration> loginDelay(String login) {
        return remaining(loginKey(login));
    }

    /** How long this address must still wait, if it must. */
    public Optional<Duration> addressDelay(String ip) {
        return remaining(addressKey(ip));
    }

    /** Counts a failure against both; answers the login's failure count (the same for known and unknown logins). */
    public int failed(String login, String ip) {
        return tx.inTransaction(t -> {
            count(t, addressKey(ip), freeFailures * ADDRESS_FACTOR);
            return count(t, loginKey(login), freeFailures);
        });
    }

    /** The login signed in: its earlier failures no longer count. */
    public void succeeded(DbTransaction t, String login) {
        t.createDelete("DELETE FROM sign_in_throttle WHERE key = :key").addParam("key", loginKey(login)).execute();
    }

    /** An admin lifts the delay of a login. */
    public void clear(String login) {
        db.execute().createDelete("DELETE FROM sign_in_throttle WHERE key = :key").addParam("key", loginKey(login)).execute();
    }

    /** Deletes failures that are no longer counted; run periodically. */
    public long purge() {
        return db.execute().createDelete("DELETE FROM sign_in_throttle WHERE last_failure_at < :before")
                .addParam("before", Rows.param(clock.instant().minus(FORGET_AFTER))).execute();
    }

    /** The delay after the n-th failure when {@code free} failures cost nothing. */
    static Optional<Duration> delayAfter(int failures, int free, Duration max) {
        if (failures < free) {
            return Optional.empty();
        }
        long seconds = FIRST_DELAY.toSeconds() << Math.min(failures - free, 30);
        return Optional.of(seconds >= max.toSeconds() ? max : Duration.ofSeconds(seconds));
    }

    private int count(DbTransaction t, byte[] key, int free) {
        Instant now = clock.instant();
        int failures = t.createGet("""
                INSERT INTO sign_in_throttle AS s (key, failures, last_failure_at) VALUES (:key, 1, :now)
                ON CONFLICT (key) DO UPDATE SET
                    failures = CASE WHEN s.last_failure_at < :forgotten THEN 1 ELSE s.failures + 1 END,
                    last_failure_at = :now
                RETURNING failures""")
                .addParam("key", key).addParam("now", Rows.param(now))
                .addParam("forgotten", Rows.param(now.minus(FORGET_AFTER)))
                .execute().map(r -> Rows.intValue(r, "failures")).orElseThrow();
        Optional<Duration> delay = delayAfter(failures, free, maxDelay);
        t.createUpdate("UPDATE sign_in_throttle SET blocked_until = :until WHERE key = :key")
                .addParam("until", delay.map(d -> Rows.param(now.plus(d))).orElse(null)).addParam("key", key).execute();
        return failures;
    }

    private Optional<Duration> remaining(byte[] key) {
        Instant now = clock.instant();
        return db.execute().createGet("SELECT blocked_until FROM sign_in_throttle WHERE key = :key").addParam("key", key)
                .execute().flatMap(r -> Rows.optionalInstant(r, "blocked_until"))
                .filter(now::isBefore).map(until -> Duration.between(now, until));
    }

    /** The key of a login as {@code Users} computes it in SQL: SHA-256 of "login:" and the login in lower case. */
    static byte[] loginKey(String login) {
        return sha256("login:" + login.strip().toLowerCase(Locale.ROOT));
    }

    private static byte[] addressKey(String ip) {
        return sha256("address:" + ip);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
