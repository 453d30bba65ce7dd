package org.opencity.backend.accounts;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.config.AuthSettings;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.errors.Conflict;
import org.opencity.backend.errors.Unauthorized;
import org.opencity.model.Ids;
import org.opencity.model.Role;
import org.opencity.model.auth.DeviceInfo;
import org.opencity.model.auth.Me;
import org.opencity.model.auth.Session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Sessions bound to devices. A sign-in opens a <em>family</em>: one refresh token and one access
 * token at a time. Refreshing spends the refresh token and issues the next pair. Presenting a
 * spent refresh token is taken as theft and revokes the whole family — unless it is the
 * legitimate retry of a client whose answer was lost: within the short grace window after it was
 * spent, from the family's own device (named in the request), while the pair it was spent for is
 * still unused. That client gets a fresh pair and the unused one is voided. A replay that is not
 * that retry cannot void the legitimate client's pair: it ends the family for both.
 *
 * <p>Access tokens are looked up on every request together with the user's and device's current
 * state, so disabling either takes effect at the next call.
 */
public final class Sessions {

    private static final Duration LAST_SEEN_GRANULARITY = Duration.ofMinutes(5);

    private final DbClient db;
    private final Transactions tx;
    private final AuthSettings settings;
    private final Clock clock;
    private final SecurityEvents events;
    private final CsrfTokens csrf;

    public Sessions(DbClient db, Transactions tx, AuthSettings settings, Clock clock, SecurityEvents events, CsrfTokens csrf) {
        this.db = db;
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
        this.csrf = csrf;
    }

    /** The CSRF tokens of web sessions, bound to their family. */
    public CsrfTokens csrf() {
        return csrf;
    }

    /** The family a token — access or refresh, live or spent — was issued in; for binding a CSRF token to it. */
    public Optional<UUID> familyOf(String token) {
        String table = Tokens.wellFormed(token, Tokens.ACCESS_PREFIX) ? "access_token"
                : Tokens.wellFormed(token, Tokens.REFRESH_PREFIX) ? "refresh_token" : null;
        if (table == null) {
            return Optional.empty();
        }
        return db.execute().createGet("SELECT family_id FROM " + table + " WHERE token_hash = :hash")
                .addParam("hash", Tokens.hash(token)).execute().map(r -> Rows.uuid(r, "family_id"));
    }

    /** Opens a new family for a user who has just proved who they are, within the caller's transaction. */
    Session open(DbTransaction t, UUID userId, DeviceInfo device) {
        Instant now = clock.instant();
        registerDevice(t, userId, device, now);
        UUID family = Ids.newId();
        Instant familyEnd = now.plus(settings.sessionMax());
        t.createInsert("""
                INSERT INTO session_family (id, user_id, device_id, created_at, expires_at)
                VALUES (:id, :user, :device, :now, :end)""")
                .addParam("id", family).addParam("user", userId).addParam("device", device.id())
                .addParam("now", Rows.param(now)).addParam("end", Rows.param(familyEnd)).execute();
        return issue(t, userId, family, device.id(), familyEnd, now);
    }

    /** The caller behind an access token, if the token is live and its user, device and family are too. */
    public Optional<Caller> authenticate(String accessToken) {
        if (!Tokens.wellFormed(accessToken, Tokens.ACCESS_PREFIX)) {
            return Optional.empty();
        }
        Optional<DbRow> found = db.execute().createGet("""
                SELECT f.id AS family_id, f.user_id, f.device_id, u.city_id, u.kind, u.organisation_id, u.locale,
                       u.totp_enabled_at IS NOT NULL AS totp_enabled, d.last_seen_at,
                       (SELECT string_agg(r.role, ',') FROM user_role r WHERE r.user_id = u.id) AS roles
                FROM access_token a
                JOIN session_family f ON f.id = a.family_id
                JOIN app_user u ON u.id = f.user_id
                JOIN device d ON d.id = f.device_id
                WHERE a.token_hash = :hash AND a.expires_at > :now
                  AND f.revoked_at IS NULL AND f.expires_at > :now
                  AND u.active AND d.revoked_at IS NULL""")
                .addParam("hash", Tokens.hash(accessToken)).addParam("now", Rows.param(clock.instant()))
                .execute();
        return found.map(row -> {
            Caller caller = caller(row);
            touchDevice(caller.deviceId(), Rows.instant(row, "last_seen_at"));
            return caller;
        });
    }

    /**
     * Spends a refresh token for the next pair; see the class comment for reuse.
     *
     * @param device the device the client says it is, if it says so: needed only to retry
     */
    public Session refresh(String refreshToken, Optional<UUID> device, String ip) {
        if (!Tokens.wellFormed(refreshToken, Tokens.REFRESH_PREFIX)) {
            throw new Unauthorized("the session has ended; sign in again");
        }
        byte[] hash = Tokens.hash(refreshToken);
        RefreshOutcome outcome = tx.inTransaction(t -> refreshIn(t, hash, device));
        switch (outcome) {
            case RefreshOutcome.Issued issued -> {
                events.record(SecurityEvents.Kind.REFRESHED, issued.userId, issued.deviceId, ip,
                              issued.retry ? Map.of("retry", "true") : Map.of());
                return issued.session;
            }
            case RefreshOutcome.Reused reused -> {
                events.record(SecurityEvents.Kind.TOKEN_REUSE, reused.userId, reused.deviceId, ip,
                              Map.of("family", reused.familyId.toString(), "action", "family revoked"));
                throw new Unauthorized("the session has ended; sign in again");
            }
            case RefreshOutcome.Rejected rejected -> {
                events.record(SecurityEvents.Kind.REFRESH_REJECTED, rejected.userId, rejected.deviceId, ip,
                              Map.of("reason", rejected.reason));
                throw new Unauthorized("the session has ended; sign in again");
            }
        }
    }

    /** Ends the family of this caller's session (sign-out). */
    public void close(Caller caller, String ip) {
        revokeFamily(caller.familyId(), "signed out");
        events.record(SecurityEvents.Kind.SIGN_OUT, caller.userId(), caller.deviceId(), ip, Map.of());
    }

    /** Ends every session of a user (disabled, or password changed). */
    public void revokeUser(DbTransaction t, UUID userId, String reason) {
        t.createUpdate("""
                UPDATE session_family SET revoked_at = :now, revoked_reason = :reason
                WHERE user_id = :user AND revoked_at IS NULL""")
                .addParam("now", Rows.param(clock.instant())).addParam("reason", reason).addParam("user", userId).execute();
        t.createDelete("DELETE FROM access_token a USING session_family f WHERE a.family_id = f.id AND f.user_id = :user")
                .addParam("user", userId).execute();
    }

    /**
     * Revokes a device of this user: its sessions end and it cannot be used until its owner signs
     * in on it again. A device that is not this user's (or is already revoked) is left exactly as
     * it is, and the answer is false.
     */
    public boolean revokeDevice(UUID userId, UUID deviceId) {
        return tx.inTransaction(t -> {
            boolean owned = t.createGet("""
                    SELECT 1 FROM device WHERE id = :device AND user_id = :user AND revoked_at IS NULL FOR UPDATE""")
                    .addParam("device", deviceId).addParam("user", userId).execute().isPresent();
            if (!owned) {
                return false;
            }
            Instant now = clock.instant();
            t.createUpdate("UPDATE device SET revoked_at = :now WHERE id = :device AND user_id = :user")
                    .addParam("now", Rows.param(now)).addParam("device", deviceId).addParam("user", userId).execute();
            t.createUpdate("""
                    UPDATE session_family SET revoked_at = :now, revoked_reason = 'device revoked'
                    WHERE device_id = :device AND user_id = :user AND revoked_at IS NULL""")
                    .addParam("now", Rows.param(now)).addParam("device", deviceId).addParam("user", userId).execute();
            return true;
        });
    }

    /** Deletes tokens that can no longer be used; run periodically. */
    public long purgeExpired() {
        Instant at = clock.instant();
        long access = db.execute().createDelete("DELETE FROM access_token WHERE expires_at < :now")
                .addParam("now", Rows.param(at)).execute();
        long refresh = db.execute().createDelete("DELETE FROM refresh_token WHERE expires_at < :now")
                .addParam("now", Rows.param(at.minus(settings.refreshReuseGrace()))).execute();
        return access + refresh;
    }

    /** The signed-in user as clients see themselves. */
    public Me me(Caller caller, String displayName) {
        return new Me(caller.userId(), caller.kind(), displayName, caller.roles(), caller.organisationId().orElse(null),
                      caller.locale(), caller.totpEnabled(), caller.enrollmentRequired(), caller.deviceId());
    }

    private RefreshOutcome refreshIn(DbTransaction t, byte[] hash, Optional<UUID> claimedDevice) {
        Instant now = clock.instant();
        Optional<DbRow> found = t.createGet("""
                SELECT r.family_id, r.expires_at, r.used_at, r.replaced_by, f.user_id, f.device_id,
                       f.expires_at AS family_expires_at, f.revoked_at, u.active, d.revoked_at AS device_revoked_at
                FROM refresh_token r
                JOIN session_family f ON f.id = r.family_id
                JOIN app_user u ON u.id = f.user_id
                JOIN device d ON d.id = f.device_id
                WHERE r.token_hash = :hash
                FOR UPDATE OF r, f""").addParam("hash", hash).execute();
        if (found.isEmpty()) {
            return new RefreshOutcome.Rejected(null, null, "unknown token");
        }
        DbRow row = found.get();
        UUID family = Rows.uuid(row, "family_id");
        UUID user = Rows.uuid(row, "user_id");
        UUID device = Rows.uuid(row, "device_id");
        Instant familyEnd = Rows.instant(row, "family_expires_at");
        if (Rows.optionalInstant(row, "revoked_at").isPresent()) {
            return new RefreshOutcome.Rejected(user, device, "session revoked");
        }
        if (!Rows.bool(row, "active") || Rows.optionalInstant(row, "device_revoked_at").isPresent()) {
            return new RefreshOutcome.Rejected(user, device, "user disabled or device revoked");
        }
        if (!familyEnd.isAfter(now) || !Rows.instant(row, "expires_at").isAfter(now)) {
            return new RefreshOutcome.Rejected(user, device, "expired");
        }
        Optional<Instant> usedAt = Rows.optionalInstant(row, "used_at");
        if (usedAt.isPresent()) {
            boolean withinGrace = !now.isAfter(usedAt.get().plus(settings.refreshReuseGrace()));
            Optional<byte[]> successor = Optional.ofNullable((byte[]) row.column("replaced_by").get());
            boolean successorUnused = successor.map(s -> t.createGet(
                            "SELECT used_at FROM refresh_token WHERE token_hash = :hash")
                    .addParam("hash", s).execute()
                    .map(r -> Rows.optionalInstant(r, "used_at").isEmpty()).orElse(false)).orElse(false);
            boolean sameDevice = claimedDevice.filter(device::equals).isPresent();
            if (!withinGrace || !successorUnused || !sameDevice) {
                revokeFamily(t, family, "refresh token reuse", now);
                return new RefreshOutcome.Reused(user, device, family);
            }
            // a retry after a lost response: void the unused successor and hand out a new pair
            t.createDelete("DELETE FROM refresh_token WHERE token_hash = :hash").addParam("hash", successor.get()).execute();
            Session session = issue(t, user, family, device, familyEnd, now);
            t.createUpdate("UPDATE refresh_token SET replaced_by = :next WHERE token_hash = :hash")
                    .addParam("next", Tokens.hash(session.refreshToken())).addParam("hash", hash).execute();
            return new RefreshOutcome.Issued(session, user, device, true);
        }
        Session session = issue(t, user, family, device, familyEnd, now);
        t.createUpdate("UPDATE refresh_token SET used_at = :now, replaced_by = :next WHERE token_hash = :hash")
                .addParam("now", Rows.param(now)).addParam("next", Tokens.hash(session.refreshToken()))
                .addParam("hash", hash).execute();
        return new RefreshOutcome.Issued(session, user, device, false);
    }

    private Session issue(DbTransaction t, UUID userId, UUID family, UUID deviceId, Instant familyEnd, Instant now) {
        String access = Tokens.newAccessToken();
        String refresh = Tokens.newRefreshToken();
        Instant accessEnd = min(now.plus(settings.accessTokenTtl()), familyEnd);
        Instant refreshEnd = min(now.plus(settings.refreshIdle()), familyEnd);
        t.createInsert("""
                INSERT INTO access_token (token_hash, family_id, issued_at, expires_at) VALUES (:hash, :family, :now, :end)""")
                .addParam("hash", Tokens.hash(access)).addParam("family", family)
                .addParam("now", Rows.param(now)).addParam("end", Rows.param(accessEnd)).execute();
        t.createInsert("""
                INSERT INTO refresh_token (token_hash, family_id, issued_at, expires_at) VALUES (:hash, :family, :now, :end)""")
                .addParam("hash", Tokens.hash(refresh)).addParam("family", family)
                .addParam("now", Rows.param(now)).addParam("end", Rows.param(refreshEnd)).execute();
        DbRow user = t.createGet("""
                SELECT u.id, u.kind, u.display_name, u.organisation_id, u.locale, u.totp_enabled_at IS NOT NULL AS totp_enabled,
                       (SELECT string_agg(r.role, ',') FROM user_role r WHERE r.user_id = u.id) AS roles
                FROM app_user u WHERE u.id = :id""").addParam("id", userId).execute().orElseThrow();
        Set<Role> roles = roles(user);
        boolean totp = Rows.bool(user, "totp_enabled");
        Me me = new Me(userId, Rows.string(user, "kind"), Rows.string(user, "display_name"), roles,
                       Rows.optionalUuid(user, "organisation_id").orElse(null), Rows.string(user, "locale"), totp,
                       !totp && roles.stream().anyMatch(settings.totpRequiredRoles()::contains), deviceId);
        return new Session(access, accessEnd, refresh, refreshEnd, me);
    }

    private void registerDevice(DbTransaction t, UUID userId, DeviceInfo device, Instant now) {
        Optional<UUID> owner = t.createGet("SELECT user_id FROM device WHERE id = :id FOR UPDATE")
                .addParam("id", device.id()).execute().map(r -> Rows.uuid(r, "user_id"));
        if (owner.isPresent() && !owner.get().equals(userId)) {
            throw new Conflict("this device id belongs to another account; the app must make a new one");
        }
        Map<String, Object> params = new HashMap<>();
        params.put("id", device.id());
        params.put("user", userId);
        params.put("platform", device.platform().name());
        params.put("version", device.appVersion());
        params.put("name", device.name());
        params.put("now", Rows.param(now));
        t.createInsert("""
                INSERT INTO device (id, user_id, platform, app_version, name, created_at, last_seen_at)
                VALUES (:id, :user, :platform, :version, :name, :now, :now)
                ON CONFLICT (id) DO UPDATE SET platform = EXCLUDED.platform, app_version = EXCLUDED.app_version,
                    name = EXCLUDED.name, last_seen_at = EXCLUDED.last_seen_at, revoked_at = NULL""")
                .params(params).execute();
    }

    private void touchDevice(UUID deviceId, Instant lastSeen) {
        Instant now = clock.instant();
        if (lastSeen.plus(LAST_SEEN_GRANULARITY).isBefore(now)) {
            db.execute().createUpdate("UPDATE device SET last_seen_at = :now WHERE id = :id")
                    .addParam("now", Rows.param(now)).addParam("id", deviceId).execute();
        }
    }

    private void revokeFamily(UUID family, String reason) {
        tx.run(t -> revokeFamily(t, family, reason, clock.instant()));
    }

    private static void revokeFamily(DbTransaction t, UUID family, String reason, Instant now) {
        t.createUpdate("""
                UPDATE session_family SET revoked_at = :now, revoked_reason = :reason WHERE id = :id AND revoked_at IS NULL""")
                .addParam("now", Rows.param(now)).addParam("reason", reason).addParam("id", family).execute();
        t.createDelete("DELETE FROM access_token WHERE family_id = :id").addParam("id", family).execute();
    }

    private Caller caller(DbRow row) {
        Set<Role> roles = roles(row);
        boolean totp = Rows.bool(row, "totp_enabled");
        return new Caller(Rows.uuid(row, "user_id"), Rows.uuid(row, "city_id"), Rows.string(row, "kind"), roles,
                          Rows.optionalUuid(row, "organisation_id"), Rows.uuid(row, "device_id"),
                          Rows.uuid(row, "family_id"), Rows.string(row, "locale"), totp,
                          !totp && roles.stream().anyMatch(settings.totpRequiredRoles()::contains));
    }

    static Set<Role> roles(DbRow row) {
        return Rows.optionalString(row, "roles")
                .map(s -> Arrays.stream(s.split(",")).map(Role::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class))))
                .map(Set::copyOf)
                .orElse(Set.of());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** What a refresh came to, decided inside the transaction and acted on after it committed. */
    private sealed interface RefreshOutcome {
        record Issued(Session session, UUID userId, UUID deviceId, boolean retry) implements RefreshOutcome {
        }

        record Reused(UUID userId, UUID deviceId, UUID familyId) implements RefreshOutcome {
        }

        record Rejected(UUID userId, UUID deviceId, String reason) implements RefreshOutcome {
        }
    }
}
