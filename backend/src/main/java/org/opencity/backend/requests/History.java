package org.opencity.backend.requests;

import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.db.Rows;
import org.opencity.backend.web.Json;
import org.opencity.model.Ids;
import org.opencity.model.request.Status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Appends to a request's history, inside the transaction of the change it records: nothing
 * changes without an entry. Entries are never updated or deleted.
 */
final class History {

    private History() {
    }

    /** Who did it: a user in a role, or the system. */
    record Actor(UUID userId, String role) {
        static final Actor SYSTEM = new Actor(null, "SYSTEM");
    }

    static UUID append(DbTransaction t, UUID requestId, Instant at, String kind, Status from, Status to, Actor actor,
                       boolean internal, Map<String, ?> detail) {
        UUID id = Ids.newId();
        Map<String, Object> clean = new LinkedHashMap<>();
        detail.forEach((k, v) -> {
            if (v != null) {
                clean.put(k, v.toString());
            }
        });
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", id);
        params.put("request", requestId);
        params.put("at", Rows.param(at));
        params.put("kind", kind);
        params.put("from", from == null ? null : from.name());
        params.put("to", to == null ? null : to.name());
        params.put("actor", actor.userId());
        params.put("role", actor.role());
        params.put("internal", internal);
        params.put("detail", new String(Json.bytes(clean), StandardCharsets.UTF_8));
        t.createInsert("""
                INSERT INTO request_event (id, request_id, at, kind, from_status, to_status, actor_id, actor_role, internal, detail)
                VALUES (:id, :request, :at, :kind, :from, :to, :actor, :role, :internal, CAST(:detail AS jsonb))""")
                .params(params).execute();
        return id;
    }
}
