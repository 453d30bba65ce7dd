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
