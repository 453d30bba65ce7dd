package org.opencity.backend.requests;

import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.db.Rows;
import org.opencity.backend.errors.Conflict;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.model.request.PhotoAnnouncement;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Photo announcements: the metadata of photos a command refers to, recorded before their bytes
 * arrive. Announcing the same photo again is harmless; the same id for another request or with
 * another hash is a conflict.
 */
final class Photos {

    static final int MAX_PER_COMMAND = 10;

    private Photos() {
    }

    static void announce(DbTransaction t, UUID requestId, List<PhotoAnnouncement> photos, UUID by, Instant now) {
        if (photos.size() > MAX_PER_COMMAND) {
            throw ValidationFailed.of("photos", "too-many", "at most " + MAX_PER_COMMAND + " photos at once");
        }
        Set<UUID> seen = new HashSet<>();
        for (PhotoAnnouncement p : photos) {
            if (!seen.add(p.id())) {
                throw ValidationFailed.of("photos", "duplicate", "the same photo id twice");
            }
            Map<String, Object> params = new HashMap<>();
            params.put("id", p.id());
            params.put("request", requestId);
            params.put("kind", p.kind().name());
            params.put("sha", p.sha256());
            params.put("size", p.size());
            params.put("captured", Rows.param(p.capturedAt()));
            params.put("lat", p.position() == null ? null : p.position().lat());
            params.put("lon", p.position() == null ? null : p.position().lon());
            params.put("by", by);
            params.put("now", Rows.param(now));
            long inserted = t.createInsert("""
                    INSERT INTO request_photo (id, request_id, kind, sha256, size, captured_at, lat, lon, uploaded_by, announced_at)
                    VALUES (:id, :request, :kind, :sha, :size, CAST(:captured AS timestamptz), CAST(:lat AS double precision),
                            CAST(:lon AS double precision), CAST(:by AS uuid), :now)
                    ON CONFLICT (id) DO NOTHING""").params(params).execute();
            if (inserted == 0) {
                boolean same = t.createGet("SELECT 1 FROM request_photo WHERE id = :id AND request_id = :request AND sha256 = :sha")
                        .addParam("id", p.id()).addParam("request", requestId).addParam("sha", p.sha256()).execute().isPresent();
                if (!same) {
                    throw new Conflict("photo " + p.id() + " was announced already with other content");
                }
            }
        }
    }
}
