package org.opencity.backend.open311;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import org.opencity.backend.catalogue.Names;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.integrations.ApiClient;
import org.opencity.backend.errors.Conflict;
import org.opencity.backend.photos.PhotoProcessor;
import org.opencity.backend.photos.PhotoUploads;
import org.opencity.backend.requests.Intake;
import org.opencity.backend.requests.RequestActions;
import org.opencity.backend.requests.PublicAddress;
import org.opencity.backend.web.Json;
import org.opencity.model.request.Channel;
import org.opencity.model.request.NewRequest;
import org.opencity.model.request.PhotoAnnouncement;
import org.opencity.model.request.Status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Open311 requests and their updates over our tables: filing through the one intake pipeline
 * (channel {@code OPEN311}), the public request list and the update feed. Every field written
 * out is listed in {@link #REQUEST_FIELDS} and {@link #UPDATE_FIELDS}; none of them is personal:
 * no reporter, no flat, entrance or floor, no resident's comment, and the description and a typed
 * address only to the client that sent them (residents write names and phone numbers in both);
 * everyone else reads the building or the district ({@link PublicAddress}). Positions are rounded
 * as on the public map, for every reader.
 */
final class Open311Requests {

    static final List<String> REQUEST_FIELDS = List.of(
            "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
            "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
            "lat", "long", "media_url");
    static final List<String> UPDATE_FIELDS = List.of(
            "update_id", "service_request_id", "status", "updated_datetime", "description", "media_url", "external_status_code");

    /** Who may write what the public sees: the organisations and the city (as on the public status page). */
    private static final String PUBLIC_AUTHORS = "('TECHNICIAN', 'ORG_DISPATCHER', 'ORG_ADMIN', 'CITY_DISPATCHER', 'CITY_ADMIN')";

    /** What a client filed: the request as our intake takes it, and what only Open311 carries. */
    record Filing(NewRequest request, Map<String, List<String>> attributes, Optional<String> firstName, Optional<String> lastName,
                  Optional<String> email, Optional<String> phone, Optional<String> mediaUrl, List<Photo> photos) {
    }

    /** A photo that came with the filing, already checked: stored once the request is. */
    record Photo(PhotoAnnouncement announcement, byte[] bytes, PhotoProcessor.Result.Accepted accepted) {
    }

    /** One page of a list, and how many items the whole list holds. */
    record Found(List<Open311Document.Fields> items, long total) {
    }

    /** The filters of {@code GET requests}, already checked. */
    record Query(List<String> numbers, List<String> serviceCodes, Optional<Instant> from, Optional<Instant> to,
                 Optional<Boolean> closed, Optional<Instant> updatedAfter, Optional<Instant> updatedBefore,
                 Optional<String> agency, int page, int pageSize) {
    }

    private final DbClient db;
    private final Transactions tx;
    private final Intake intake;
    private final RequestActions actions;
    private final PhotoUploads photos;
    private final Clock clock;

    Open311Requests(DbClient db, Transactions tx, Intake intake, RequestActions actions, PhotoUploads photos, Clock clock) {
        this.db = db;
        this.tx = tx;
        this.intake = intake;
        this.actions = actions;
        this.photos = photos;
        this.clock = clock;
    }

    /** Files the request and keeps what came with it; answers our number and a notice for the client. */
    Open311Document.Fields file(Open311Catalogue.Jurisdiction city, ApiClient client, Filing filing, String locale) {
        UUID id = tx.inTransaction(t -> {
            Intake.Created created = intake.create(t, new Intake.Filer(Channel.OPEN311, city.id(), Optional.empty(), true,
                                                                       Optional.of(client.id()), "API_CLIENT"), filing.request());
            if (!created.createdNow()) {
                return created.id();   // a retry of a report already filed: what came with it the first time stays
            }
            for (Photo photo : filing.photos()) {
                photos.store(t, photo.announcement().id(), created.id(), photo.bytes(), photo.accepted());
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("request", created.id());
            p.put("client", client.id());
            p.put("first", filing.firstName().orElse(null));
            p.put("last", filing.lastName().orElse(null));
            p.put("email", filing.email().orElse(null));
            p.put("phone", filing.phone().orElse(null));
            p.put("media", filing.mediaUrl().orElse(null));
            p.put("attributes", new String(Json.bytes(filing.attributes()), StandardCharsets.UTF_8));
            p.put("now", Rows.param(clock.instant()));
            t.createInsert("""
                    INSERT INTO open311_submission (request_id, api_client_id, first_name, last_name, email, phone, media_url,
                                                    attributes, created_at)
                    VALUES (:request, :client, :first, :last, :email, :phone, :media, CAST(:attributes AS jsonb), :now)""")
                    .params(p).execute();
            return created.id();
        });
        DbRow r = db.execute().createGet("""
                SELECT r.number, r.status, r.due_at, %s AS agency FROM request r LEFT JOIN organisation o ON o.id = r.organisation_id
                WHERE r.id = :id""".formatted(Names.organisation("o", locale))).addParam("id", id).execute().orElseThrow();
        Status status = Status.valueOf(Rows.string(r, "status"));
        String notice = status == Status.ROUTED
                ? "Sent to " + Rows.string(r, "agency") + Rows.optionalInstant(r, "due_at")
                .map(due -> ", which is to accept it by " + datetime(due, city.zone())).orElse("") + "."
                : "Received; the city dispatcher will choose the organisation responsible.";
        return Open311Document.fields().text("service_request_id", Rows.string(r, "number")).text("service_notice", notice)
                .text("account_id", null).build();
    }

    /**
     * Adds the client's update to its request once per (client, {@code update_id}): the id is
     * claimed first, so a concurrent retry waits for the first attempt and then reads its comment;
     * the same id sent for another request is a conflict.
     */
    UUID comment(ApiClient client, UUID request, Optional<String> updateId, Map<String, String> detail) {
        if (updateId.isEmpty()) {
            return actions.externalComment(request, client.id(), detail);
        }
        return tx.inTransaction(t -> {
            long claimed = t.createInsert("""
                    INSERT INTO open311_update (api_client_id, update_id, request_id, created_at)
                    VALUES (:client, :update, :request, :now) ON CONFLICT DO NOTHING""")
                    .addParam("client", client.id()).addParam("update", updateId.get()).addParam("request", request)
                    .addParam("now", Rows.param(clock.instant())).execute();
            if (claimed == 0) {
                DbRow earlier = t.createGet("SELECT request_id, event_id FROM open311_update WHERE api_client_id = :client AND update_id = :update")
                        .addParam("client", client.id()).addParam("update", updateId.get()).execute().orElseThrow();
                if (!Rows.uuid(earlier, "request_id").equals(request)) {
                    throw new Conflict("update_id " + updateId.get() + " was already used for another request");
                }
                return Rows.uuid(earlier, "event_id");
            }
            UUID event = actions.externalComment(t, request, client.id(), detail);
            t.createUpdate("UPDATE open311_update SET event_id = :event WHERE api_client_id = :client AND update_id = :update")
                    .addParam("event", event).addParam("client", client.id()).addParam("update", updateId.get()).execute();
            return event;
        });
    }

    /** The building an address such as "ул. Баумана, 10" names, if it is one of ours. */
    Optional<UUID> building(Open311Catalogue.Jurisdiction city, String address) {
        String normal = address.strip().replaceAll("\\s+", " ").replaceAll("\\s*,\\s*", ", ");
        return db.execute().createGet("""
                SELECT id FROM building WHERE city_id = :city
                  AND (lower(street_ru || ', ' || house) = lower(:a) OR lower(street_en || ', ' || house) = lower(:a))
                ORDER BY id LIMIT 1""").addParam("city", city.id()).addParam("a", normal).execute().map(b -> Rows.uuid(b, "id"));
    }

    /** The id of the request with this number in the city, if this client sent it. */
    Optional<UUID> sentBy(Open311Catalogue.Jurisdiction city, ApiClient client, String number) {
        return db.execute().createGet("SELECT id FROM request WHERE city_id = :city AND number = :number AND api_client_id = :client")
                .addParam("city", city.id()).addParam("number", number).addParam("client", client.id()).execute()
                .map(r -> Rows.uuid(r, "id"));
    }

    Found find(Open311Catalogue.Jurisdiction city, Query q, Optional<ApiClient> client, String locale, String baseUrl) {
        StringBuilder where = new StringBuilder("r.city_id = :city");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("city", city.id());
        if (!q.numbers().isEmpty()) {
            where.append(" AND r.number IN (").append(in("n", q.numbers(), p)).append(")");
        } else {
            if (!q.serviceCodes().isEmpty()) {
                where.append(" AND c.code IN (").append(in("c", q.serviceCodes(), p)).append(")");
            }
            q.from().ifPresent(f -> where.append(" AND r.created_at >= :from").append(param(p, "from", f)));
            q.to().ifPresent(f -> where.append(" AND r.created_at <= :to").append(param(p, "to", f)));
            q.updatedAfter().ifPresent(f -> where.append(" AND r.updated_at > :ua").append(param(p, "ua", f)));
            q.updatedBefore().ifPresent(f -> where.append(" AND r.updated_at < :ub").append(param(p, "ub", f)));
            q.closed().ifPresent(closed -> where.append(closed ? " AND r.status IN ('DONE', 'CLOSED', 'CANCELLED', 'DUPLICATE')"
                                                               : " AND r.status NOT IN ('DONE', 'CLOSED', 'CANCELLED', 'DUPLICATE')"));
            q.agency().ifPresent(a -> {
                where.append(" AND (lower(o.code) = lower(:agency) OR lower(o.name_ru) = lower(:agency) OR lower(o.name_en) = lower(:agency))");
                p.put("agency", a);
            });
        }
        long total = db.execute().createGet("""
                SELECT count(*) AS n FROM request r JOIN service_category c ON c.id = r.category_id
                LEFT JOIN building b ON b.id = r.building_id LEFT JOIN organisation o ON o.id = r.organisation_id
                WHERE %s""".formatted(where)).params(new LinkedHashMap<>(p)).execute().map(r -> Rows.longValue(r, "n")).orElse(0L);
        p.put("client", client.map(ApiClient::id).orElse(null));
        p.put("limit", q.pageSize());
        p.put("offset", (long) (q.page() - 1) * q.pageSize());
        String sql = """
                SELECT r.id, r.number, r.status, COALESCE(r.api_client_id = CAST(:client AS uuid), false) AS own, r.description, c.code AS service_code,
                       %s AS service_name, %s AS agency, r.created_at, r.updated_at, r.stage, r.due_at, r.paused_at,
                       CASE WHEN b.id IS NULL AND r.api_client_id = CAST(:client AS uuid) THEN r.address ELSE %s END AS address, r.building_id,
                       %s AS lat, %s AS lon,
                       (SELECT e.detail ->> 'text' FROM request_event e
                        WHERE e.request_id = r.id AND e.kind = 'COMMENT' AND NOT e.internal AND e.actor_role IN %s
                        ORDER BY e.at DESC, e.id DESC LIMIT 1) AS status_notes,
                       (SELECT ph.id FROM request_photo ph
                        WHERE ph.request_id = r.id AND ph.kind IN ('BEFORE', 'AFTER') AND ph.stored_at IS NOT NULL
                        ORDER BY ph.kind = 'AFTER' DESC, ph.announced_at DESC, ph.id LIMIT 1) AS photo
                FROM request r JOIN service_category c ON c.id = r.category_id
                LEFT JOIN building b ON b.id = r.building_id LEFT JOIN organisation o ON o.id = r.organisation_id
                WHERE %s
                ORDER BY r.created_at DESC, r.id DESC LIMIT :limit OFFSET :offset"""
                .formatted(Names.category("c", locale), Names.organisation("o", locale), PublicAddress.sql(locale), PublicAddress.LAT,
                            PublicAddress.LON, PUBLIC_AUTHORS, where);
        try (var rows = db.execute().createQuery(sql).params(p).execute()) {
            return new Found(rows.map(r -> request(r, city.zone(), baseUrl)).toList(), total);
        }
    }

    private static Open311Document.Fields request(DbRow r, ZoneId zone, String baseUrl) {
        Status status = Status.valueOf(Rows.string(r, "status"));
        boolean own = Rows.bool(r, "own");
        Optional<Instant> expected = Rows.optionalInstant(r, "due_at")
                .filter(due -> Rows.optionalInstant(r, "paused_at").isEmpty() && !"CONFIRM".equals(Rows.optionalString(r, "stage").orElse("")));
        return Open311Document.fields()
                .text("service_request_id", Rows.string(r, "number"))
                .text("status", Open311Statuses.simple(status))
                .text("status_notes", Rows.optionalString(r, "status_notes").orElse(null))
                .text("service_name", Rows.string(r, "service_name"))
                .text("service_code", Rows.string(r, "service_code"))
                .text("description", own ? Rows.string(r, "description") : null)
                .text("agency_responsible", Rows.optionalString(r, "agency").orElse(null))
                .text("service_notice", null)
                .text("requested_datetime", datetime(Rows.instant(r, "created_at"), zone))
                .text("updated_datetime", datetime(Rows.instant(r, "updated_at"), zone))
                .text("expected_datetime", expected.map(e -> datetime(e, zone)).orElse(null))
                .text("address", Rows.string(r, "address"))
                .text("address_id", Rows.optionalUuid(r, "building_id").map(UUID::toString).orElse(null))
                .text("zipcode", null)
                .number("lat", round(Rows.doubleValue(r, "lat")))
                .number("long", round(Rows.doubleValue(r, "lon")))
                .text("media_url", Rows.optionalUuid(r, "photo").map(ph -> baseUrl + "/api/v1/public/photos/" + ph).orElse(null))
                .build();
    }

    /** Status changes and public comments of the organisations, in order, between two times. */
    Found updates(Open311Catalogue.Jurisdiction city, Instant from, Instant to, int page, int pageSize) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("city", city.id());
        p.put("from", Rows.param(from));
        p.put("to", Rows.param(to));
        long total = db.execute().createGet("""
                SELECT count(*) AS n FROM request_event e JOIN request r ON r.id = e.request_id
                WHERE %s""".formatted(UPDATES_WHERE)).params(new LinkedHashMap<>(p)).execute().map(r -> Rows.longValue(r, "n")).orElse(0L);
        p.put("limit", pageSize);
        p.put("offset", (long) (page - 1) * pageSize);
        try (var rows = db.execute().createQuery("""
                SELECT e.id, e.at, r.number, CASE WHEN e.kind = 'COMMENT' THEN e.detail ->> 'text' END AS text,
                       COALESCE(e.to_status, (SELECT e2.to_status FROM request_event e2
                                              WHERE e2.request_id = e.request_id AND e2.to_status IS NOT NULL
                                                AND (e2.at < e.at OR (e2.at = e.at AND e2.id < e.id))
                                              ORDER BY e2.at DESC, e2.id DESC LIMIT 1)) AS status
                FROM request_event e JOIN request r ON r.id = e.request_id
                WHERE %s
                ORDER BY e.at, e.id LIMIT :limit OFFSET :offset""".formatted(UPDATES_WHERE)).params(p).execute()) {
            return new Found(rows.map(r -> {
                Status status = Status.valueOf(Rows.optionalString(r, "status").orElse(Status.NEW.name()));
                return Open311Document.fields()
                        .text("update_id", Rows.uuid(r, "id").toString())
                        .text("service_request_id", Rows.string(r, "number"))
                        .text("status", Open311Statuses.extended(status))
                        .text("updated_datetime", datetime(Rows.instant(r, "at"), city.zone()))
                        .text("description", Rows.optionalString(r, "text").orElse(null))
                        .text("media_url", null)
                        .text("external_status_code", status.name())
                        .build();
            }).toList(), total);
        }
    }

    /** The events the update feed lists: status changes, and public comments of those who may write them. */
    private static final String UPDATES_WHERE = """
            r.city_id = :city AND e.at >= :from AND e.at <= :to AND NOT e.internal
              AND (e.to_status IS NOT NULL OR (e.kind = 'COMMENT' AND e.actor_role IN %s))""".formatted(PUBLIC_AUTHORS);

    static String datetime(Instant at, ZoneId zone) {
        return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    private static String in(String prefix, List<String> values, Map<String, Object> p) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            names.add(":" + prefix + i);
            p.put(prefix + i, values.get(i));
        }
        return String.join(", ", names);
    }

    private static String param(Map<String, Object> p, String name, Instant value) {
        p.put(name, Rows.param(value));
        return "";
    }

}
