package org.opencity.backend.accounts;

import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.config.AuthSettings;
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
 * sign-in is on. Every wrong attempt costs progressively more time (a delay before the answer)
 * and enough of them lock the account for a while. An unknown login costs the same hashing time
 * and gets the same answer as a wrong password.
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
    private final AuthSettings settings;
    private final Clock clock;
    private final SecurityEvents events;
    private final String dummyHash;

    public PasswordSignIn(Transactions tx, Sessions sessions, PasswordHasher hasher, TwoFactor twoFactor,
                          AuthSettings settings, Clock clock, SecurityEvents events) {
        this.tx = tx;
        this.sessions = sessions;
        this.hasher = hasher;
        this.twoFactor = twoFactor;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
        this.dummyHash = hasher.hash("an unknown login spends the same time as a known one");
    }

    public Session login(PasswordLogin login, String ip) {
        if (login.login() == null || login.login().isBlank() || login.password() == null || login.password().isEmpty()) {
            throw ValidationFailed.of(login.login() == null || login.login().isBlank() ? "login" : "password",
                                      "required", "login and password are required");
        }
        Outcome outcome;
        try {
            outcome = tx.inTransaction(t -> attempt(t, login));
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
            case Outcome.Locked l -> {
                events.record(SecurityEvents.Kind.SIGN_IN_LOCKED, l.userId, ip, Map.of());
                throw new TooManyRequests("too many failed sign-ins; the account is locked for a while",
                                          Duration.between(clock.instant(), l.until));
            }
            case Outcome.Failed f -> {
                // the login is recorded only when it is a real account: an unknown one may be a mistyped password
                events.record(f.lockedNow ? SecurityEvents.Kind.ACCOUNT_LOCKED : SecurityEvents.Kind.SIGN_IN_FAILED,
                              f.userId, ip, f.userId == null ? Map.of("reason", f.reason)
                                      : Map.of("reason", f.reason, "login", truncate(login.login())));
                pause(f.failures);
                throw new Unauthorized(INVALID);
            }
        }
    }

    private Outcome attempt(DbTransaction t, PasswordLogin login) {
        Instant now = clock.instant();
        Optional<DbRow> found = t.createGet("""
                SELECT id, password_hash, active, failed_logins, locked_until, totp_enabled_at IS NOT NULL AS totp
                FROM app_user WHERE lower(login) = lower(:login) AND kind = 'STAFF' FOR UPDATE""")
                .addParam("login", login.login().strip()).execute();
        if (found.isEmpty()) {
            hasher.verify(login.password(), dummyHash);
            return new Outcome.Failed(null, "unknown login", 1, false);
        }
        DbRow user = found.get();
        UUID id = Rows.uuid(user, "id");
        Optional<Instant> lockedUntil = Rows.optionalInstant(user, "locked_until").filter(now::isBefore);
        if (lockedUntil.isPresent()) {
            return new Outcome.Locked(id, lockedUntil.get());
        }
        String hash = Rows.string(user, "password_hash");
        if (!hasher.verify(login.password(), hash)) {
            return failure(t, id, Rows.intValue(user, "failed_logins") + 1, "wrong password", now);
        }
        if (!Rows.bool(user, "active")) {
            return new Outcome.Failed(id, "account disabled", 1, false);
        }
        boolean recoveryUsed = false;
        if (Rows.bool(user, "totp")) {
            boolean codeGiven = notBlank(login.totpCode()) || notBlank(login.recoveryCode());
            if (!codeGiven) {
                return new Outcome.NeedsCode(id);
            }
            if (!twoFactor.check(t, id, login.totpCode(), login.recoveryCode())) {
                return failure(t, id, Rows.intValue(user, "failed_logins") + 1, "wrong two-factor code", now);
            }
            recoveryUsed = !notBlank(login.totpCode());
        }
        String newHash = hasher.needsRehash(hash) ? hasher.hash(login.password()) : hash;
        t.createUpdate("""
                UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = :now, password_hash = :hash
                WHERE id = :id""")
                .addParam("now", Rows.param(now)).addParam("hash", newHash).addParam("id", id).execute();
        return new Outcome.SignedIn(sessions.open(t, id, login.device()), id, recoveryUsed);
    }

    private Outcome failure(DbTransaction t, UUID id, int failures, String reason, Instant now) {
        boolean lock = failures >= settings.loginMaxFailures();
        t.createUpdate("UPDATE app_user SET failed_logins = :failures, locked_until = :until WHERE id = :id")
                .addParam("failures", lock ? 0 : failures)
                .addParam("until", lock ? Rows.param(now.plus(settings.loginLockout())) : null)
                .addParam("id", id).execute();
        return new Outcome.Failed(id, reason, failures, lock);
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

        record Locked(UUID userId, Instant until) implements Outcome {
        }

        record Failed(UUID userId, String reason, int failures, boolean lockedNow) implements Outcome {
        }
    }
}
