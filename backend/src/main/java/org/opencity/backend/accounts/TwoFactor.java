package org.opencity.backend.accounts;

import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.config.AuthSettings;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.errors.Conflict;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.model.auth.RecoveryCodes;
import org.opencity.model.auth.TotpEnrollment;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Two-factor sign-in for staff: enrolment of an authenticator app (a 160-bit secret), ten one-time
 * recovery codes shown once, verification at sign-in with replay protection, and switching it off
 * where the role allows.
 */
public final class TwoFactor {

    private static final int RECOVERY_CODES = 10;
    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private final Transactions tx;
    private final AuthSettings settings;
    private final Clock clock;
    private final SecurityEvents events;
    private final SecureRandom random = new SecureRandom();

    public TwoFactor(Transactions tx, AuthSettings settings, Clock clock, SecurityEvents events) {
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    /** Starts enrolment: a new secret, pending until a code from it is confirmed. */
    public TotpEnrollment enroll(Caller caller) {
        if (caller.totpEnabled()) {
            throw new Conflict("two-factor sign-in is already on; turn it off first to change the authenticator");
        }
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        String encoded = Base32.encode(secret);
        String login = tx.inTransaction(t -> {
            t.createUpdate("UPDATE app_user SET totp_secret = :secret WHERE id = :id")
                    .addParam("secret", encoded).addParam("id", caller.userId()).execute();
            return t.createGet("SELECT coalesce(login, phone) AS name FROM app_user WHERE id = :id")
                    .addParam("id", caller.userId()).execute().map(r -> Rows.string(r, "name")).orElse("user");
        });
        String label = URLEncoder.encode("Open City:" + login, StandardCharsets.UTF_8).replace("+", "%20");
        return new TotpEnrollment(encoded, "otpauth://totp/" + label + "?secret=" + encoded
                + "&issuer=Open%20City&algorithm=SHA1&digits=6&period=30");
    }

    /** Confirms enrolment with a code from the app; answers the recovery codes, shown this once. */
    public RecoveryCodes confirm(Caller caller, String code, String ip) {
        List<String> codes = new ArrayList<>();
        tx.run(t -> {
            DbRow user = user(t, caller.userId());
            if (Rows.optionalInstant(user, "totp_enabled_at").isPresent()) {
                throw new Conflict("two-factor sign-in is already on");
            }
            String secret = Rows.optionalString(user, "totp_secret")
                    .orElseThrow(() -> new Conflict("start enrolment first"));
            OptionalLong step = Totp.verify(Base32.decode(secret), code, clock.instant(), Long.MIN_VALUE);
            if (step.isEmpty()) {
                throw ValidationFailed.of("code", "wrong", "the code does not match; check the app's clock");
            }
            t.createUpdate("UPDATE app_user SET totp_enabled_at = :now, totp_last_step = :step WHERE id = :id")
                    .addParam("now", Rows.param(clock.instant())).addParam("step", step.getAsLong())
                    .addParam("id", caller.userId()).execute();
            t.createDelete("DELETE FROM recovery_code WHERE user_id = :id").addParam("id", caller.userId()).execute();
            for (int i = 0; i < RECOVERY_CODES; i++) {
                String recovery = recoveryCode();
                codes.add(recovery);
                t.createInsert("INSERT INTO recovery_code (user_id, code_hash) VALUES (:id, :hash)")
                        .addParam("id", caller.userId()).addParam("hash", recoveryHash(recovery)).execute();
            }
        });
        events.record(SecurityEvents.Kind.TOTP_ENABLED, caller.userId(), caller.deviceId(), ip, Map.of());
        return new RecoveryCodes(codes);
    }

    /** Turns two-factor sign-in off, when no role of the account requires it. */
    public void disable(Caller caller, String code, String ip) {
        if (caller.roles().stream().anyMatch(settings.totpRequiredRoles()::contains)) {
            throw new Conflict("two-factor sign-in is required for this account's role");
        }
        tx.run(t -> {
            if (!check(t, caller.userId(), code, null)) {
                throw ValidationFailed.of("code", "wrong", "the code does not match");
            }
            t.createUpdate("UPDATE app_user SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = :id")
                    .addParam("id", caller.userId()).execute();
            t.createDelete("DELETE FROM recovery_code WHERE user_id = :id").addParam("id", caller.userId()).execute();
        });
        events.record(SecurityEvents.Kind.TOTP_DISABLED, caller.userId(), caller.deviceId(), ip, Map.of());
    }

    /**
     * Checks a sign-in's second factor inside its transaction: an authenticator code (not replayed)
     * or an unused recovery code, which is then spent.
     */
    boolean check(DbTransaction t, UUID userId, String totpCode, String recoveryCode) {
        DbRow user = user(t, userId);
        if (totpCode != null && !totpCode.isBlank()) {
            String secret = Rows.optionalString(user, "totp_secret").orElse(null);
            if (secret == null) {
                return false;
            }
            long last = Rows.optionalLong(user, "totp_last_step").orElse(Long.MIN_VALUE);
            OptionalLong step = Totp.verify(Base32.decode(secret), totpCode.strip(), clock.instant(), last);
            if (step.isEmpty()) {
                return false;
            }
            t.createUpdate("UPDATE app_user SET totp_last_step = :step WHERE id = :id")
                    .addParam("step", step.getAsLong()).addParam("id", userId).execute();
            return true;
        }
        if (recoveryCode != null && !recoveryCode.isBlank()) {
            long spent = t.createUpdate("""
                    UPDATE recovery_code SET used_at = :now WHERE user_id = :id AND code_hash = :hash AND used_at IS NULL""")
                    .addParam("now", Rows.param(clock.instant())).addParam("id", userId)
                    .addParam("hash", recoveryHash(recoveryCode)).execute();
            return spent == 1;
        }
        return false;
    }

    private DbRow user(DbTransaction t, UUID id) {
        return t.createGet("SELECT totp_secret, totp_enabled_at, totp_last_step FROM app_user WHERE id = :id FOR UPDATE")
                .addParam("id", id).execute().orElseThrow();
    }

    private String recoveryCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
        }
        return code.toString();
    }

    private static byte[] recoveryHash(String code) {
        String normalised = code.strip().toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
        return Tokens.sha256(normalised.getBytes(StandardCharsets.UTF_8));
    }
}
