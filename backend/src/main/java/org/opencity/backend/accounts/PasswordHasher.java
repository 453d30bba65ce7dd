package org.opencity.backend.accounts;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so each stored hash names the parameters
 * it was made with and they can be raised later: {@link #needsRehash} tells when a stored hash
 * is weaker than the current parameters, and sign-in rehashes it.
 *
 * <p>Hashing costs ~19 MiB and tens of milliseconds by design; a semaphore bounds how many run
 * at once so that a flood of sign-in attempts queues instead of exhausting CPU and memory, and a
 * caller that cannot get a turn within the wait limit is refused ({@link Busy}) rather than queued
 * without end.
 */
public final class PasswordHasher {

    /** OWASP Password Storage Cheat Sheet, Argon2id minimum: m=19 MiB, t=2, p=1. */
    public record Params(int memoryKiB, int iterations, int parallelism) {
        public static final Params OWASP = new Params(19_456, 2, 1);

        public Params {
            if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("invalid Argon2 parameters");
            }
        }

        boolean weakerThan(Params other) {
            return memoryKiB < other.memoryKiB || iterations < other.iterations;
        }
    }

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    /** No hashing slot became free in time: the server is flooded with sign-ins. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("too many sign-ins at once", null, false, false);
        }
    }

    private final Params params;
    private final Semaphore permits;
    private final Duration maxWait;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(Params params, int maxConcurrent) {
        this(params, maxConcurrent, Duration.ofSeconds(10));
    }

    public PasswordHasher(Params params, int maxConcurrent, Duration maxWait) {
        this.params = Objects.requireNonNull(params);
        this.permits = new Semaphore(maxConcurrent, true);
        this.maxWait = maxWait;
    }

    /** The most hashes ever computed at the same time by this hasher. */
    public int peakConcurrency() {
        return peak.get();
    }

    /** A new PHC string for this password with a fresh random salt. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, params, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + params.memoryKiB + ",t=" + params.iterations + ",p=" + params.parallelism
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Whether the password matches; false (never an exception) for a malformed stored hash. */
    public boolean verify(String password, String phc) {
        Matcher m = PHC.matcher(phc == null ? "" : phc);
        if (!m.matches()) {
            return false;
        }
        Params stored = new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] salt = b64.decode(m.group(4));
        byte[] expected = b64.decode(m.group(5));
        byte[] actual = derive(password, salt, stored, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** True when the stored hash was made with weaker parameters than the current ones. */
    public boolean needsRehash(String phc) {
        Matcher m = PHC.matcher(phc == null ? "" : phc);
        return !m.matches() || new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                                          Integer.parseInt(m.group(3))).weakerThan(params);
    }

    private byte[] derive(String password, byte[] salt, Params p, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKiB)
                .withIterations(p.iterations)
                .withParallelism(p.parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        try {
            if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        try {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        } finally {
            running.decrementAndGet();
            permits.release();
        }
        return out;
    }
}
