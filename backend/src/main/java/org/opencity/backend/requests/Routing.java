package org.opencity.backend.requests;

import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.db.Rows;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Finds the one organisation responsible for a category at a place, from the responsibility
 * table on a given day. A responsibility for the building itself wins over one for its district.
 * No match, or several at the same level, is not guessed at: the request goes to triage, and the
 * reason says which.
 */
final class Routing {

    /**
     * The outcome and its basis, recorded in the request's history as codes (the timeline puts
     * them in words): BUILDING or DISTRICT (the one organisation responsible there),
     * SEVERAL_BUILDING, SEVERAL_DISTRICT or NONE (left to the city dispatcher), DISPATCHER (the
     * city dispatcher chose, saying why in {@code note}, which may be null). {@code candidates}
     * are the organisations responsible when there are several.
     */
    record Decision(Optional<UUID> organisation, String basis, String note, Set<UUID> candidates) {

        Decision(Optional<UUID> organisation, String basis) {
            this(organisation, basis, null, Set.of());
        }
    }

    private Routing() {
    }

    static Decision route(DbTransaction t, UUID categoryId, Optional<UUID> building, Optional<UUID> district, LocalDate today) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("category", categoryId);
        params.put("today", today);
        params.put("building", building.orElse(null));
        params.put("district", district.orElse(null));
        Set<UUID> byBuilding = new LinkedHashSet<>();
        Set<UUID> byDistrict = new LinkedHashSet<>();
        try (var rows = t.createQuery("""
                SELECT r.organisation_id, r.building_id IS NOT NULL AS building_level
                FROM responsibility r JOIN organisation o ON o.id = r.organisation_id AND o.active
                WHERE r.category_id = :category AND r.valid_from <= :today AND (r.valid_to IS NULL OR r.valid_to > :today)
                  AND (r.building_id = CAST(:building AS uuid) OR r.district_id = CAST(:district AS uuid))""")
                .params(params).execute()) {
            rows.forEach(row -> {
                (Rows.bool(row, "building_level") ? byBuilding : byDistrict).add(Rows.uuid(row, "organisation_id"));
            });
        }
        if (byBuilding.size() == 1) {
            return new Decision(Optional.of(byBuilding.iterator().next()), "BUILDING");
        }
        if (byBuilding.size() > 1) {
            return new Decision(Optional.empty(), "SEVERAL_BUILDING", null, byBuilding);
        }
        if (byDistrict.size() == 1) {
            return new Decision(Optional.of(byDistrict.iterator().next()), "DISTRICT");
        }
        if (byDistrict.size() > 1) {
            return new Decision(Optional.empty(), "SEVERAL_DISTRICT", null, byDistrict);
        }
        return new Decision(Optional.empty(), "NONE");
    }
}
