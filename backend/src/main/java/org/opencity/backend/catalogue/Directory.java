package org.opencity.backend.catalogue;

import io.helidon.dbclient.DbClient;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.db.Rows;
import org.opencity.backend.notify.Texts;
import org.opencity.model.GeoPoint;
import org.opencity.model.catalogue.BuildingView;
import org.opencity.model.catalogue.TechnicianView;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Lookups the desks need: buildings by address (the call centre files a request in under a
 * minute), and an organisation's technicians with their skills and current load (to assign).
 */
public final class Directory {

    private static final int LIMIT = 20;
    private final DbClient db;
    private final Texts texts = new Texts();

    public Directory(DbClient db) {
        this.db = db;
    }

    /** Buildings whose street starts with the words typed (Russian or Latin), then matching house numbers. */
    public List<BuildingView> buildings(Caller caller, String query) {
        String q = query.strip().toLowerCase();
        String street = q.replaceAll("[,\\s]+\\d+\\S*$", "").strip();
        String house = q.length() > street.length() ? q.substring(street.length()).replaceAll("[,\\s]", "") : "";
        String pattern = "%" + street.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        try (var rows = db.execute().createQuery("""
                SELECT b.id, b.street_ru, b.street_en, b.house, b.flats, b.entrances, b.floors, b.lat, b.lon, d.code AS district
                FROM building b JOIN district d ON d.id = b.district_id
                WHERE b.city_id = :city AND (lower(b.street_ru) LIKE :pattern OR lower(b.street_en) LIKE :pattern)
                  AND (CAST(:house AS text) = '' OR b.house = :house)
                ORDER BY b.street_ru, length(b.house), b.house LIMIT :limit""")
                .addParam("city", caller.cityId()).addParam("pattern", pattern).addParam("house", house)
                .addParam("limit", LIMIT).execute()) {
            return rows.map(r -> new BuildingView(Rows.uuid(r, "id"), Rows.string(r, "street_ru") + ", " + Rows.string(r, "house"),
                                                  Rows.string(r, "street_en") + ", " + Rows.string(r, "house"),
                                                  Rows.string(r, "district"), Rows.intValue(r, "flats"),
                                                  Rows.intValue(r, "entrances"), Rows.intValue(r, "floors"),
                                                  new GeoPoint(Rows.doubleValue(r, "lat"), Rows.doubleValue(r, "lon"))))
                    .toList();
        }
    }

    /**
     * Technicians of the caller's organisation (or of a given one, for city staff), with skills and open jobs,
     * least loaded first. With a category (its code), only those with the skill it needs: the ones an assignment accepts.
     */
    public List<TechnicianView> technicians(Caller caller, Optional<UUID> organisation, Optional<String> skill,
                                            Optional<String> category, String locale) {
        UUID org = caller.cityWide() ? organisation.orElse(caller.organisationId().orElse(null))
                : caller.organisationId().orElse(null);
        try (var rows = db.execute().createQuery("""
                SELECT u.id, u.display_name,
                       (SELECT string_agg(s.skill, ',') FROM technician_skill s WHERE s.user_id = u.id) AS skills,
                       (SELECT count(*) FROM request q WHERE q.technician_id = u.id
                          AND q.status IN ('ASSIGNED', 'IN_PROGRESS')) AS open_jobs
                FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'TECHNICIAN'
                WHERE u.organisation_id = CAST(:org AS uuid) AND u.active
                  AND (CAST(:skill AS text) IS NULL OR EXISTS (SELECT 1 FROM technician_skill s WHERE s.user_id = u.id AND s.skill = :skill))
                  AND (CAST(:category AS text) IS NULL OR EXISTS (SELECT 1 FROM technician_skill s
                         JOIN service_category c ON c.skill = s.skill AND c.code = :category
                         JOIN organisation o ON o.id = u.organisation_id AND o.city_id = c.city_id
                         WHERE s.user_id = u.id))
                ORDER BY open_jobs, u.display_name LIMIT 200""")
                .addParam("org", org).addParam("skill", skill.orElse(null))
                .addParam("category", category.orElse(null)).execute()) {
            return rows.map(r -> {
                Set<String> skills = Rows.optionalString(r, "skills").map(s -> Arrays.stream(s.split(",")).collect(Collectors.toSet()))
                        .orElse(Set.of());
                List<String> names = skills.stream().map(s -> texts.exists("skill." + s) ? texts.render(locale, "skill." + s, Map.of()) : s)
                        .sorted().toList();
                return new TechnicianView(Rows.uuid(r, "id"), Rows.string(r, "display_name"), skills, Rows.intValue(r, "open_jobs"), names);
            }).toList();
        }
    }
}
