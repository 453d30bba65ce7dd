package org.opencity.backend.notify;

import io.helidon.dbclient.DbClient;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.model.Platform;
import org.opencity.model.notify.PushProvider;
import org.opencity.model.notify.PushRegistration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Push tokens, one per device. The app registers after sign-in and at every start (which keeps the
 * token's last-seen time fresh); a token that moves to another device (reinstall, another account
 * on the phone) leaves its old place; the language the app reports becomes the person's language
 * for notifications.
 */
public final class PushTokens {

    /** A token nobody has refreshed for this long belongs to a phone that is gone. */
    public static final Duration STALE = Duration.ofDays(270);

    private final DbClient db;
    private final Transactions tx;
    private final Clock clock;

    public PushTokens(DbClient db, Transactions tx, Clock clock) {
        this.db = db;
        this.tx = tx;
        this.clock = clock;
    }

    public void register(Caller caller, Platform platform, PushRegistration registration) {
        if (platform == Platform.WEB) {
            throw ValidationFailed.of("platform", "web", "browsers get notifications through the live stream, not push tokens");
        }
        PushProvider provider = Optional.ofNullable(registration.provider())
                .orElse(platform == Platform.IOS ? PushProvider.APNS : PushProvider.FCM);
        String locale = Optional.ofNullable(registration.locale()).orElse(caller.locale());
        Instant now = clock.instant();
        tx.run(t -> {
            t.createDelete("DELETE FROM push_token WHERE token = :token AND device_id <> :device")
                    .addParam("token", registration.token()).addParam("device", caller.deviceId()).execute();
            t.createInsert("""
                    INSERT INTO push_token (device_id, user_id, provider, token, app_version, locale, registered_at, last_seen_at)
                    VALUES (:device, :user, :provider, :token, :version, :locale, :now, :now)
                    ON CONFLICT (device_id) DO UPDATE SET user_id = EXCLUDED.user_id, provider = EXCLUDED.provider,
                        token = EXCLUDED.token, app_version = EXCLUDED.app_version, locale = EXCLUDED.locale,
                        registered_at = CASE WHEN push_token.token = EXCLUDED.token THEN push_token.registered_at ELSE EXCLUDED.registered_at END,
                        last_seen_at = EXCLUDED.last_seen_at""")
                    .addParam("device", caller.deviceId()).addParam("user", caller.userId()).addParam("provider", provider.name())
                    .addParam("token", registration.token()).addParam("version", registration.appVersion())
                    .addParam("locale", locale).addParam("now", Rows.param(now)).execute();
            if (registration.appVersion() != null) {
                t.createUpdate("UPDATE device SET app_version = :version WHERE id = :device")
                        .addParam("version", registration.appVersion()).addParam("device", caller.deviceId()).execute();
            }
            t.createUpdate("UPDATE app_user SET locale = :locale, updated_at = :now WHERE id = :user AND locale <> :locale")
                    .addParam("locale", locale).addParam("now", Rows.param(now)).addParam("user", caller.userId()).execute();
        });
    }

    /** The app signs out or turns notifications off. */
    public boolean unregister(Caller caller) {
        return db.execute().createDelete("DELETE FROM push_token WHERE device_id = :device AND user_id = :user")
                .addParam("device", caller.deviceId()).addParam("user", caller.userId()).execute() > 0;
    }

    /** Removes tokens of revoked devices and tokens unused for {@link #STALE}. */
    public long purge() {
        return db.execute().createDelete("""
                DELETE FROM push_token p WHERE p.last_seen_at < :before
                   OR EXISTS (SELECT 1 FROM device d WHERE d.id = p.device_id AND d.revoked_at IS NOT NULL)""")
                .addParam("before", Rows.param(clock.instant().minus(STALE))).execute();
    }
}
