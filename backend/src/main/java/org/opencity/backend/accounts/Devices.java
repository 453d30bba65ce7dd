package org.opencity.backend.accounts;

import io.helidon.dbclient.DbClient;
import org.opencity.backend.db.Rows;
import org.opencity.model.Platform;
import org.opencity.model.auth.DeviceView;

import java.util.List;
import java.util.UUID;

/** Reads the devices a user has signed in on. */
public final class Devices {

    private final DbClient db;

    public Devices(DbClient db) {
        this.db = db;
    }

    public List<DeviceView> of(UUID userId) {
        try (var rows = db.execute().createQuery("""
                SELECT id, platform, app_version, name, created_at, last_seen_at, revoked_at
                FROM device WHERE user_id = :user ORDER BY last_seen_at DESC LIMIT 100""")
                .addParam("user", userId).execute()) {
            return rows.map(r -> new DeviceView(Rows.uuid(r, "id"), Platform.valueOf(Rows.string(r, "platform")),
                                                Rows.optionalString(r, "app_version").orElse(null),
                                                Rows.optionalString(r, "name").orElse(null),
                                                Rows.instant(r, "created_at"), Rows.instant(r, "last_seen_at"),
                                                Rows.optionalInstant(r, "revoked_at").orElse(null)))
                    .toList();
        }
    }
}
