package org.opencity.backend.requests;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import org.opencity.backend.catalogue.Names;
import org.opencity.backend.db.Rows;
import org.opencity.model.SlaStage;
import org.opencity.model.request.PhotoKind;
import org.opencity.model.request.PublicMapPoint;
import org.opencity.model.request.PublicRequest;
import org.opencity.model.request.Status;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A request as anyone may see it by its number (see {@link PublicRequest} for what is left out and
 * why), and the work photos it shows.
 */
public final class PublicStatus {

    /** Who may write comments that the public sees: the organisations and the city, never residents or the call centre. */
    private static final String PUBLIC_AUTHORS = "('TECHNICIAN', 'ORG_DISPATCHER', 'ORG_ADMIN', 'CITY_DISPATCHER', 'CITY_ADMIN')";

    private final DbClient db;
    private final Clock clock;

    public PublicStatus(DbClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * The request with the number as people type it (see {@link TypedNumber}): without a city code the
     * city is the first by code (a deployment serves one city), without a year it is this year in that
     * city's zone.
     */
    public Optional<PublicRequest> of(String typed, String locale) {
        return canonical(typed).flatMap(number -> byNumber(number, locale));
    }

    /** The canonical number meant by what was typed, or empty when it is no number or names no city we serve. */
    Optional<String> canonical(String typed) {
        Optional<String> named = TypedNumber.cityOf(typed);
        Optional<DbRow> city = (named.isPresent()
                ? db.execute().createGet("SELECT code, timezone FROM city WHERE code = :code").addParam("code", named.get())
                : db.execute().createGet("SELECT code, timezone FROM city ORDER BY code LIMIT 1")).execute();
        return city.flatMap(c -> TypedNumber.read(typed, Rows.string(c, "code"),
                                                  LocalDate.now(clock.withZone(ZoneId.of(Rows.string(c, "timezone")))).getYear()))
                .map(TypedNumber::canonical);
    }

    private Optional<PublicRequest> byNumber(String number, String locale) {
        String category = Names.category("c", locale);
        String organisation = Names.organisation("o", locale);
        Optional<DbRow> found = db.execute().createGet("""
                SELECT r.id, r.number, r.status, c.code, %s AS category_name, %s AS address, d.code AS district,
                       %s AS organisation, r.created_at, r.updated_at, r.stage, r.due_at, r.paused_at
                FROM request r JOIN service_category c ON c.id = r.category_id
                LEFT JOIN building b ON b.id = r.building_id LEFT JOIN district d ON d.id = r.district_id
                LEFT JOIN organisation o ON o.id = r.organisation_id
                WHERE r.number = :number""".formatted(category, PublicAddress.sql(locale), organisation))
                .addParam("number", number).execute();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DbRow r = found.get();
        UUID id = Rows.uuid(r, "id");
        Instant now = clock.instant();
        Optional<Instant> due = Rows.optionalInstant(r, "due_at");
        boolean overdue = due.map(now::isAfter).orElse(false) && Rows.optionalInstant(r, "paused_at").isEmpty();
        return Optional.of(new PublicRequest(Rows.string(r, "number"), Status.valueOf(Rows.string(r, "status")), Rows.string(r, "code"),
                                             Rows.string(r, "category_name"), Rows.string(r, "address"),
                                             Rows.optionalString(r, "district").orElse(null),
                                             Rows.optionalString(r, "organisation").orElse(null), Rows.instant(r, "created_at"),
                                             Rows.instant(r, "updated_at"),
                                             Rows.optionalString(r, "stage").map(SlaStage::valueOf).orElse(null), due.orElse(null),
                                             overdue, history(id), comments(id, organisation), photos(id)));
    }

    /** At most this many places on the map (open requests grouped by building), the largest first. */
    static final int MAP_LIMIT = 20_000;

    /**
     * The open requests of the city as places: grouped by building (street and house) or, outside
     * buildings, by a spot rounded to three decimals (about 100 m); counts per category and overdue.
     */
    public List<PublicMapPoint> map(String locale) {
        String category = Names.category("c", locale);
        java.util.Map<String, PublicMapPoint> places = new java.util.LinkedHashMap<>();
        try (var rows = db.execute().createQuery("""
                SELECT COALESCE(CAST(b.id AS text), round(CAST(r.lat AS numeric), 3) || ',' || round(CAST(r.lon AS numeric), 3)) AS place,
                       %s AS lat, %s AS lon,
                       %s AS address, %s AS category,
                       count(*) AS open, count(*) FILTER (WHERE r.due_at < :now AND r.paused_at IS NULL) AS overdue
                FROM request r JOIN service_category c ON c.id = r.category_id LEFT JOIN building b ON b.id = r.building_id
                WHERE r.status NOT IN ('DONE', 'CLOSED', 'CANCELLED', 'DUPLICATE')
                GROUP BY 1, 2, 3, 4, 5 ORDER BY 1 LIMIT %d""".formatted(PublicAddress.LAT, PublicAddress.LON, Names.building("b", locale), category,
                                                        MAP_LIMIT))
                .addParam("now", Rows.param(clock.instant())).execute()) {
            rows.forEach(r -> {
                String place = Rows.string(r, "place");
                PublicMapPoint was = places.get(place);
                int open = (int) Rows.longValue(r, "open");
                int overdue = (int) Rows.longValue(r, "overdue");
                java.util.Map<String, Integer> categories = new java.util.TreeMap<>(was == null ? java.util.Map.of() : was.categories());
                categories.merge(Rows.string(r, "category"), open, Integer::sum);
                places.put(place, new PublicMapPoint(Rows.doubleValue(r, "lat"), Rows.doubleValue(r, "lon"),
                                                     Rows.optionalString(r, "address").orElse(null),
                                                     open + (was == null ? 0 : was.open()), overdue + (was == null ? 0 : was.overdue()),
                                                     categories));
            });
        }
        return List.copyOf(places.values());
    }

    /** A work photo's display copy may be shown to anyone: answers whether this one is such a photo. */
    public boolean isPublicPhoto(UUID photo) {
        return db.execute().createGet("""
                SELECT 1 FROM request_photo WHERE id = :id AND kind IN ('BEFORE', 'AFTER') AND stored_at IS NOT NULL""")
                .addParam("id", photo).execute().isPresent();
    }

    private List<PublicRequest.Step> history(UUID id) {
        try (var rows = db.execute().createQuery("""
                SELECT at, to_status FROM request_event
                WHERE request_id = :id AND to_status IS NOT NULL AND NOT internal ORDER BY at, id""")
                .addParam("id", id).execute()) {
            return rows.map(e -> new PublicRequest.Step(Rows.instant(e, "at"), Status.valueOf(Rows.string(e, "to_status")))).toList();
        }
    }

    private List<PublicRequest.Comment> comments(UUID id, String organisationName) {
        try (var rows = db.execute().createQuery("""
                SELECT e.at, e.detail ->> 'text' AS text, %s AS author
                FROM request_event e LEFT JOIN app_user u ON u.id = e.actor_id LEFT JOIN organisation o ON o.id = u.organisation_id
                WHERE e.request_id = :id AND e.kind = 'COMMENT' AND NOT e.internal AND e.actor_role IN %s
                  AND e.detail ->> 'text' IS NOT NULL
                ORDER BY e.at, e.id""".formatted(organisationName, PUBLIC_AUTHORS)).addParam("id", id).execute()) {
            return rows.map(e -> new PublicRequest.Comment(Rows.instant(e, "at"), Rows.optionalString(e, "author").orElse(null),
                                                           Rows.string(e, "text"))).toList();
        }
    }

    private List<PublicRequest.Photo> photos(UUID id) {
        try (var rows = db.execute().createQuery("""
                SELECT id, kind FROM request_photo
                WHERE request_id = :id AND kind IN ('BEFORE', 'AFTER') AND stored_at IS NOT NULL ORDER BY announced_at, id""")
                .addParam("id", id).execute()) {
            return rows.map(p -> {
                UUID photo = Rows.uuid(p, "id");
                return new PublicRequest.Photo(photo, PhotoKind.valueOf(Rows.string(p, "kind")), "/api/v1/public/photos/" + photo);
            }).toList();
        }
    }
}
