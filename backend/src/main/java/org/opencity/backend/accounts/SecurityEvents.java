package org.opencity.backend.accounts;

import io.helidon.dbclient.DbClient;
import org.opencity.backend.db.Rows;
import org.opencity.backend.web.Json;
import org.opencity.model.Ids;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The security log: sign-ins, failures, lockouts, denials, token reuse, account and device
 * changes, and changes to the deadlines requests get (stage deadlines, the working calendar).
 * Each event is one line on the logger {@code org.opencity.security} and one row in
 * {@code security_event} (written outside any business transaction, so a rolled-back attempt is
 * still recorded). Callers pass no secrets: never a token, code or password, and phone numbers
 * only masked.
 */
public final class SecurityEvents {

    /** Kinds of events; the names are stable (admins filter on them). */
    public enum Kind {
        SIGN_IN, SIGN_IN_FAILED, ACCOUNT_LOCKED, SIGN_IN_LOCKED, OTP_SENT, OTP_LIMITED, OTP_FAILED, OTP_BURNED,
        REFRESHED, REFRESH_REJECTED, TOKEN_REUSE, SIGN_OUT, ACCESS_DENIED, RATE_LIMITED, TOTP_ENABLED, TOTP_DISABLED,
        RECOVERY_CODE_USED, USER_CHANGED, USER_DISABLED, DEVICE_REVOKED, SLA_CHANGED, CALENDAR_CHANGED
    }

    private static final Logger LOG = Logger.getLogger("org.opencity.security");
    private final DbClient db;
    private final Clock clock;

    public SecurityEvents(DbClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void record(Kind kind, UUID userId, UUID deviceId, String ip, Map<String, String> detail) {
        Map<String, String> sorted = new TreeMap<>(detail);
        Level level = switch (kind) {
            case TOKEN_REUSE, ACCOUNT_LOCKED, OTP_BURNED -> Level.WARNING;
            default -> Level.INFO;
        };
        LOG.log(level, () -> "security " + kind + " user=" + userId + " device=" + deviceId + " ip=" + ip + " " + sorted);
        try {
            db.execute().createInsert("""
                            INSERT INTO security_event (id, at, kind, user_id, device_id, ip, detail)
                            VALUES (:id, :at, :kind, :user, :device, :ip, CAST(:detail AS jsonb))""")
                    .addParam("id", Ids.newId()).addParam("at", Rows.param(clock.instant()))
                    .addParam("kind", kind.name()).addParam("user", userId).addParam("device", deviceId)
                    .addParam("ip", ip).addParam("detail", new String(Json.bytes(sorted), StandardCharsets.UTF_8))
                    .execute();
        } catch (RuntimeException e) {
            // the log line above is the record of last resort; a failed insert must not fail the request
            LOG.log(Level.WARNING, "security event " + kind + " not stored: " + e.getMessage());
        }
    }

    public void record(Kind kind, UUID userId, String ip, Map<String, String> detail) {
        record(kind, userId, null, ip, detail);
    }
}
