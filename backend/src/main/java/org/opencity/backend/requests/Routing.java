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

    /** The outcome, with the reason recorded in the request's history. */
    record Decision(Optional<UUID> organisation, String reason) {
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
        Map<UUID, String> codes = new LinkedHashMap<>();
        try (var rows = t.createQuery("""
                SELECT r.organisation_id, o.code, r.building_id IS NOT NULL AS building_level
                FROM responsibility r JOIN organisation o ON o.id = r.organisation_id AND o.active
                WHERE r.category_id = :category AND r.valid_from <= :today AND (r.valid_to IS NULL OR r.valid_to > :today)
                  AND (r.building_id = CAST(:building AS uuid) OR r.district_id = CAST(:district AS uuid))""")
                .params(params).execute()) {
            rows.forEach(row -> {
                UUID org = Rows.uuid(row, "organisation_id");
                codes.put(org, Rows.string(row, "code"));
                (Rows.bool(row, "building_level") ? byBuilding : byDistrict).add(org);
            });
        }
        if (byBuilding.size() == 1) {
            UUID org = byBuilding.iterator().next();
            return new Decision(Optional.of(org), "responsible for the building: " + codes.get(org));
        }
        if (byBuilding.size() > 1) {
            return new Decision(Optional.empty(), "several organisations responsible for the building: " + names(byBuilding, codes));
        }
        if (byDistrict.size() == 1) {
            UUID org = byDistrict.iterator().next();
            return new Decision(Optional.of(org), "responsible for the district: " + codes.get(org));
        }
        if (byDistrict.size() > 1) {
            return new Decision(Optional.empty(), "several organisations responsible for the district: " + names(byDistrict, codes));
        }
        return new Decision(Optional.empty(), "no organisation is responsible for this category here");
    }

    private static String names(Set<UUID> orgs, Map<UUID, String> codes) {
        return String.join(", ", orgs.stream().map(codes::get).sorted().toList());
    }
}
