package org.opencity.backend.open311;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import org.opencity.backend.catalogue.Names;
import org.opencity.backend.db.Rows;
import org.opencity.backend.errors.BadRequest;
import org.opencity.backend.errors.NotFound;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The cities we serve as Open311 jurisdictions (the {@code jurisdiction_id} is the city code, such
 * as {@code KZN}, in any case) and their service categories as Open311 services. Categories ask
 * no extra questions of their own; what a building category may additionally be told is where in
 * the building the problem is — entrance, floor, flat — which are exactly the optional fields of
 * our intake, so they are the attributes of every non-outdoor service. Every service also declares
 * the client's own report id ({@link #CLIENT_ID_ATTRIBUTE}), set by the client software.
 */
final class Open311Catalogue {

    /** A city as an Open311 jurisdiction. */
    record Jurisdiction(UUID id, String code, ZoneId zone) {
    }

    /** A service category as an Open311 service. */
    record Service(UUID id, String code, String name, String group, boolean emergency, boolean outdoor) {
        /** Our categories ask questions only about where in a building, and every one takes the client's own id. */
        List<Attribute> attributes() {
            return outdoor ? List.of(CLIENT_ID) : BUILDING_ATTRIBUTES;
        }
    }

    /**
     * One attribute of a service definition (all ours are optional strings); one that is not
     * {@code variable} is filled by the client software itself, never asked of the user.
     */
    record Attribute(String code, int order, String description, int maxLength, boolean variable) {
    }

    /**
     * The client's own id of the report, the key that makes filing idempotent. FixMyStreet fills
     * an attribute of this name with its report id whenever a definition declares one.
     */
    static final String CLIENT_ID_ATTRIBUTE = "fixmystreet_id";
    static final Attribute CLIENT_ID = new Attribute(CLIENT_ID_ATTRIBUTE, 0,
            "Your own id of this report, set by your software: a request sent again with the same id answers the first one's"
                    + " service_request_id instead of filing it twice", 100, false);

    static final List<Attribute> BUILDING_ATTRIBUTES = List.of(
            CLIENT_ID,
            new Attribute("entrance", 1, "Entrance (stairwell) number, as written at the door", 10, true),
            new Attribute("floor", 2, "Floor", 10, true),
            new Attribute("flat", 3, "Flat number, when the problem is inside a flat", 10, true));

    private final DbClient db;

    Open311Catalogue(DbClient db) {
        this.db = db;
    }

    /**
     * The city a call is about: the one named by {@code jurisdiction_id}, else the API key's, else
     * the only one served. Unknown → 404; missing while several cities are served → 400.
     */
    Jurisdiction jurisdiction(Optional<String> id, Optional<UUID> keyCity) {
        if (id.isPresent()) {
            return db.execute().createGet("SELECT id, code, timezone FROM city WHERE code = :code")
                    .addParam("code", id.get().strip().toUpperCase(Locale.ROOT)).execute().map(Open311Catalogue::jurisdiction)
                    .orElseThrow(() -> new NotFound("jurisdiction_id " + id.get() + " is not served here"));
        }
        if (keyCity.isPresent()) {
            return db.execute().createGet("SELECT id, code, timezone FROM city WHERE id = :id").addParam("id", keyCity.get())
                    .execute().map(Open311Catalogue::jurisdiction).orElseThrow();
        }
        try (var rows = db.execute().createQuery("SELECT id, code, timezone FROM city ORDER BY code LIMIT 2").execute()) {
            List<Jurisdiction> cities = rows.map(Open311Catalogue::jurisdiction).toList();
            if (cities.size() == 1) {
                return cities.getFirst();
            }
            throw cities.isEmpty() ? new NotFound("no city is served here yet")
                    : new BadRequest("jurisdiction_id is required: several cities are served here");
        }
    }

    List<Service> services(Jurisdiction city, String locale) {
        try (var rows = db.execute().createQuery(SERVICES.formatted(Names.category("service_category", locale), "")).addParam("city", city.id()).execute()) {
            return rows.map(Open311Catalogue::service).toList();
        }
    }

    Optional<Service> service(Jurisdiction city, String code, String locale) {
        return db.execute().createGet(SERVICES.formatted(Names.category("service_category", locale), "AND code = :code")).addParam("city", city.id())
                .addParam("code", code).execute().map(Open311Catalogue::service);
    }

    /**
     * When the catalogue or the definitions last changed, the discovery {@code changeset}: the
     * latest change to any category (the database stamps each insert and update), or the release
     * that last changed how definitions are written, whichever is later.
     */
    Instant lastChange() {
        Instant categories = db.execute().createGet("SELECT max(changed_at) AS at FROM service_category").execute()
                .flatMap(r -> Rows.optionalInstant(r, "at")).orElse(DEFINITIONS_CHANGED);
        return categories.isAfter(DEFINITIONS_CHANGED) ? categories : DEFINITIONS_CHANGED;
    }

    /** The release that last changed the attributes every definition lists (the client's own id). */
    static final Instant DEFINITIONS_CHANGED = Instant.parse("2026-12-08T00:00:00Z");

    private static final String SERVICES = """
            SELECT id, code, %s AS name, group_code, emergency, outdoor FROM service_category
            WHERE city_id = :city AND active %s ORDER BY sort_order, code""";

    private static Jurisdiction jurisdiction(DbRow r) {
        return new Jurisdiction(Rows.uuid(r, "id"), Rows.string(r, "code"), ZoneId.of(Rows.string(r, "timezone")));
    }

    private static Service service(DbRow r) {
        return new Service(Rows.uuid(r, "id"), Rows.string(r, "code"), Rows.string(r, "name"), Rows.string(r, "group_code"),
                           Rows.bool(r, "emergency"), Rows.bool(r, "outdoor"));
    }
}
