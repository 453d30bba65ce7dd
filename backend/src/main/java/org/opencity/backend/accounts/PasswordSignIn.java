package org.opencity.backend.accounts;

import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.errors.TooManyRequests;
import org.opencity.backend.errors.Unauthorized;
import org.opencity.backend.errors.Unavailable;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.model.auth.PasswordLogin;
import org.opencity.model.auth.Session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Staff sign-in with login and password (Argon2id), then the authenticator code when two-factor
 * sign-in is on. Every wrong attempt costs progressively more time (a pause before the answer),
 * and past a few failures the login and the address must wait a growing delay before the next
 * attempt ({@link SignInThrottle}; 429 with {@code Retry-After}). An unknown login costs the same
 * hashing time, is throttled the same way and gets the same answers as a wrong password.
 *
 * <p>While a login is delayed, only an attempt that carries an authenticator or recovery code is
 * heard at all, and it succeeds only with the right password and the right code for an account
 * that has two-factor sign-in: so someone guessing passwords cannot keep its owner out. Any other
 * outcome of such an attempt is the same 429, whatever the login, password or code was.
 */
public final class PasswordSignIn {

    /** Problem type a client sees when it must ask for the authenticator code. */
    public static final String TOTP_REQUIRED = "/problems/totp-required";
    private static final String INVALID = "wrong login or password";
    private static final Duration BASE_DELAY = Duration.ofMillis(250);
    private static final Duration MAX_DELAY = Duration.ofSeconds(4);

    private final Transactions tx;
    private final Sessions sessions;
    private final PasswordHasher hasher;
    private final TwoFactor twoFactor;
    private final Clock clock;
    private final SecurityEvents events;
    private final SignInThrottle throttle;
    private final String dummyHash;

    public PasswordSignIn(Transactions tx, Sessions sessions, PasswordHasher hasher, TwoFactor twoFactor,
                          SignInThrottle throttle, Clock clock, SecurityEvents events) {
        this.tx = tx;
        this.sessions = sessions;
        this.hasher = hasher;
        this.twoFactor = twoFactor;
        this.throttle = throttle;
        this.clock = clock;
        this.events = events;
        this.dummyHash = hasher.hash("an unknown login spends the same time as a known one");
    }

    public Session login(PasswordLogin login, String ip) {
        if (login.login() == null || login.login().isBlank() || login.password() == null || login.password().isEmpty()) {
            throw ValidationFailed.of(login.login() == null || login.login().isBlank() ? "login" : "password",
                                      "required", "login and password are required");
        }
        Optional<Duration> addressDelay = throttle.addressDelay(ip);
        if (addressDelay.isPresent()) {
            events.record(SecurityEvents.Kind.SIGN_IN_LOCKED, null, ip, Map.of("throttled", "address"));
            throw delayed(addressDelay.get());
        }
        Optional<Duration> loginDelay = throttle.loginDelay(login.login());
        if (loginDelay.isPresent() && !codeGiven(login)) {
            events.record(SecurityEvents.Kind.SIGN_IN_LOCKED, null, ip, Map.of("throttled", "login"));
            throw delayed(loginDelay.get());
        }
        Outcome outcome;
        try {
            outcome = tx.inTransaction(t -> attempt(t, login, loginDelay.isPresent()));
        } catch (PasswordHasher.Busy busy) {
            throw new Unavailable("too many sign-ins at once; try again in a few seconds");
        }
        switch (outcome) {
            case Outcome.SignedIn s -> {
                events.record(SecurityEvents.Kind.SIGN_IN, s.userId, login.device().id(), ip,
                              s.recoveryCodeUsed ? Map.of("method", "password", "recovery", "used") : Map.of("method", "password"));
                if (s.recoveryCodeUsed) {
                    events.record(SecurityEvents.Kind.RECOVERY_CODE_USED, s.userId, login.device().id(), ip, Map.of());
                }
                return s.session;
            }
            case Outcome.NeedsCode n -> throw new Unauthorized("enter the code from your authenticator app", TOTP_REQUIRED);
            case Outcome.Failed f -> {
                int failures = throttle.failed(login.login(), ip);
                Optional<Duration> nowDelayed = throttle.loginDelay(login.login());
                // the login is recorded only when it is a real account: an unknown one may be a mistyped password
                events.record(nowDelayed.isPresent() ? SecurityEvents.Kind.ACCOUNT_LOCKED : SecurityEvents.Kind.SIGN_IN_FAILED,
                              f.userId, ip, f.userId == null ? Map.of("reason", f.reason)
                                      : Map.of("reason", f.reason, "login", truncate(login.login())));
                if (f.whileDelayed) {
                    throw delayed(nowDelayed.orElse(Duration.ofSeconds(1)));
                }
                pause(failures);
                throw new Unauthorized(INVALID);
            }
        }
    }

    private static TooManyRequests delayed(Duration wait) {
        return new TooManyRequests("too many failed sign-ins; try again after the delay", wait);
    }

    private static boolean codeGiven(PasswordLogin login) {
        return notBlank(login.totpCode()) || notBlank(login.recoveryCode());
    }

    /**
     * @param delayed the login is being throttled: only the right password with the right
     *                authenticator or recovery code of an enrolled account gets through
     */
    private Outcome attempt(DbTransaction t, PasswordLogin login, boolean delayed) {
        Instant now = clock.instant();
        Optional<DbRow> found = t.createGet("""
                SELECT id, password_hash, active, totp_enabled_at IS NOT NULL AS totp
                FROM app_user WHERE lower(login) = lower(:login) AND kind = 'STAFF' FOR UPDATE""")
                .addParam("login", login.login().strip()).execute();
        if (found.isEmpty()) {
            hasher.verify(login.password(), dummyHash);
            return new Outcome.Failed(null, "unknown login", delayed);
        }
        DbRow user = found.get();
        UUID id = Rows.uuid(user, "id");
        String hash = Rows.string(user, "password_hash");
        if (!hasher.verify(login.password(), hash)) {
            return new Outcome.Failed(id, "wrong password", delayed);
        }
        if (!Rows.bool(user, "active")) {
            return new Outcome.Failed(id, "account disabled", delayed);
        }
        boolean recoveryUsed = false;
        if (Rows.bool(user, "totp")) {
            if (!codeGiven(login)) {
                return new Outcome.NeedsCode(id);
            }
            if (!twoFactor.check(t, id, login.totpCode(), login.recoveryCode())) {
                return new Outcome.Failed(id, "wrong two-factor code", delayed);
            }
            recoveryUsed = !notBlank(login.totpCode());
        } else if (delayed) {
            return new Outcome.Failed(id, "right password while delayed, no two-factor sign-in", true);
        }
        String newHash = hasher.needsRehash(hash) ? hasher.hash(login.password()) : hash;
        t.createUpdate("UPDATE app_user SET last_login_at = :now, password_hash = :hash WHERE id = :id")
                .addParam("now", Rows.param(now)).addParam("hash", newHash).addParam("id", id).execute();
        throttle.succeeded(t, login.login());
        return new Outcome.SignedIn(sessions.open(t, id, login.device()), id, recoveryUsed);
    }

    /** 250 ms after the first failure, doubling with each further one, at most 4 s. */
    static Duration delayAfter(int failures) {
        long millis = BASE_DELAY.toMillis() << Math.min(Math.max(failures - 1, 0), 10);
        return Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis()));
    }

    private static void pause(int failures) {
        try {
            Thread.sleep(delayAfter(failures));   // a virtual thread: sleeping costs no platform thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String truncate(String login) {
        String clean = login.strip();
        return clean.length() > 40 ? clean.substring(0, 40) : clean;
    }

    private sealed interface Outcome {
        record SignedIn(Session session, UUID userId, boolean recoveryCodeUsed) implements Outcome {
        }

        record NeedsCode(UUID userId) implements Outcome {
        }

        /** @param whileDelayed the attempt was heard only because it carried a code: it is answered 429 */
        record Failed(UUID userId, String reason, boolean whileDelayed) implements Outcome {
        }
    }
}
