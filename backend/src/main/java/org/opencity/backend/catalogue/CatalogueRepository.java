package org.opencity.backend.catalogue;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import org.opencity.backend.db.Rows;
import org.opencity.model.DistrictView;
import org.opencity.model.GeoPoint;
import org.opencity.model.ServiceCategoryView;
import org.opencity.model.SlaStage;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the service catalogue and the districts, localised. */
public final class CatalogueRepository {

    private final DbClient db;

    public CatalogueRepository(DbClient db) {
        this.db = db;
    }

    /** Active categories in display order, with their deadlines per stage. */
    public List<ServiceCategoryView> categories(String locale) {
        String sql = """
                SELECT c.code, c.group_code, c.icon, c.emergency, c.outdoor, c.skill, %s AS name, s.stage, s.duration_minutes
                FROM service_category c
                LEFT JOIN category_sla s ON s.category_id = c.id
                WHERE c.active
                ORDER BY c.sort_order, c.code, s.stage""".formatted(Names.category("c", locale));
        Map<String, Builder> byCode = new LinkedHashMap<>();
        try (var rows = db.execute().query(sql)) {
            rows.forEach(row -> byCode.computeIfAbsent(Rows.string(row, "code"), code -> new Builder(row))
                    .add(row));
        }
        return byCode.values().stream().map(Builder::build).toList();
    }

    public List<DistrictView> districts(String locale) {
        String sql = "SELECT code, %s AS name, centre_lat, centre_lon FROM district ORDER BY %s"
                .formatted(Names.district("district", locale), Names.district("district", locale));
        try (var rows = db.execute().query(sql)) {
            return rows.map(row -> new DistrictView(Rows.string(row, "code"), Rows.string(row, "name"),
                                                    new GeoPoint(Rows.doubleValue(row, "centre_lat"),
                                                                 Rows.doubleValue(row, "centre_lon"))))
                    .toList();
        }
    }


    private static final class Builder {
        private final DbRow first;
        private final Map<SlaStage, Integer> sla = new EnumMap<>(SlaStage.class);

        Builder(DbRow first) {
            this.first = first;
        }

        void add(DbRow row) {
            Rows.optionalString(row, "stage").ifPresent(stage -> sla.put(SlaStage.valueOf(stage),
                                                                          Rows.intValue(row, "duration_minutes")));
        }

        ServiceCategoryView build() {
            return new ServiceCategoryView(Rows.string(first, "code"), Rows.string(first, "name"),
                                           Rows.string(first, "group_code"), Rows.string(first, "icon"),
                                           Rows.bool(first, "emergency"), Rows.bool(first, "outdoor"), sla,
                                           Rows.string(first, "skill"));
        }
    }
}
