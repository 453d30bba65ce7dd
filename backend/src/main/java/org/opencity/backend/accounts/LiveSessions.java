package org.opencity.backend.accounts;

import io.helidon.dbclient.DbClient;
import org.opencity.backend.db.Rows;

import java.time.Clock;

/**
 * Whether a session authenticated earlier is still live: its family neither signed out, revoked
 * nor past its end, its user active, its device not revoked — the conditions of
 * {@link Sessions#authenticate} without the access token's own expiry, so that a long-lived
 * connection (a live stream) ends with the session, not with the token it opened with.
 */
public final class LiveSessions {

    private final DbClient db;
    private final Clock clock;

    public LiveSessions(DbClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public boolean live(Caller caller) {
        return db.execute().createGet("""
                SELECT 1 FROM session_family f
                JOIN app_user u ON u.id = f.user_id
                JOIN device d ON d.id = f.device_id
                WHERE f.id = :family AND f.user_id = :user AND f.revoked_at IS NULL AND f.expires_at > :now
                  AND u.active AND d.revoked_at IS NULL""")
                .addParam("family", caller.familyId()).addParam("user", caller.userId())
                .addParam("now", Rows.param(clock.instant())).execute().isPresent();
    }
}
