package org.opencity.backend.sync;

import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.requests.RequestListener;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Writes, in the transaction of every change to a request, one feed row per person whose phone
 * keeps a copy of it — its reporter, its technician, and a technician it was just taken from (who
 * will get a tombstone). Pull reads these rows.
 */
public final class SyncFeed implements RequestListener {

    /** A photo of the request arrived or was refused: the phones holding the request must hear of it. */
    public static void photoChanged(DbTransaction t, UUID requestId) {
        t.createInsert("""
                INSERT INTO sync_change (user_id, request_id)
                SELECT DISTINCT u.id, r.id FROM request r CROSS JOIN LATERAL (VALUES (r.reporter_id), (r.technician_id)) AS u (id)
                WHERE r.id = :request AND u.id IS NOT NULL""").addParam("request", requestId).execute();
    }

    @Override
    public void changed(DbTransaction t, Change change) {
        Set<UUID> users = new LinkedHashSet<>();
        change.reporterId().ifPresent(users::add);
        change.technicianId().ifPresent(users::add);
        change.previousTechnicianId().ifPresent(users::add);
        if (change.internal()) {
            // internal entries are for staff: residents' phones need not hear of them
            change.reporterId().ifPresent(users::remove);
            change.technicianId().ifPresent(users::add);
        }
        for (UUID user : users) {
            t.createInsert("INSERT INTO sync_change (user_id, request_id) VALUES (:user, :request)")
                    .addParam("user", user).addParam("request", change.requestId()).execute();
        }
    }

}
