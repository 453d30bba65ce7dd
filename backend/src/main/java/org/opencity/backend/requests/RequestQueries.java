package org.opencity.backend.requests;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.catalogue.Names;
import org.opencity.backend.db.Rows;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.notify.Texts;
import org.opencity.backend.web.Json;
import org.opencity.backend.web.Paging;
import org.opencity.model.GeoPoint;
import org.opencity.model.Phones;
import org.opencity.model.SlaStage;
import org.opencity.model.request.Action;
import org.opencity.model.request.Actor;
import org.opencity.model.request.CallerHistory;
import org.opencity.model.request.Channel;
import org.opencity.model.request.Facts;
import org.opencity.model.request.Lifecycle;
import org.opencity.model.request.MapPoint;
import org.opencity.model.request.NearbyRequest;
import org.opencity.model.request.PhotoKind;
import org.opencity.model.request.PhotoView;
import org.opencity.model.request.Priority;
import org.opencity.model.request.ReporterType;
import org.opencity.model.request.RequestDetail;
import org.opencity.model.request.RequestList;
import org.opencity.model.request.RequestSummary;
import org.opencity.model.request.Status;
import org.opencity.model.request.TimelineEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The read side: searching requests with keyset paging and per-status counts, one request's
 * detail with its timeline and the caller's available actions, nearby open requests, and a
 * caller's history for the call centre. Every query carries the caller's {@link Scope}.
 */
public final class RequestQueries {

    private static final int NEARBY_LIMIT = 10;
    private static final int NEARBY_RADIUS_M = 150;
    /**
     * Distances to nearby requests are told in steps of this many metres, and never less: exact
     * distances from three spots would place a resident's report to the metre.
     */
    static final int NEARBY_STEP_M = 50;

    private final DbClient db;
    private final StatusTally tally;
    private final Calendars calendars;
    private final Clock clock;
    private final TimelineWords words = new TimelineWords(new Texts());

    public RequestQueries(DbClient db, Calendars calendars, Clock clock) {
        this.db = db;
        this.tally = new StatusTally(db);
        this.calendars = calendars;
        this.clock = clock;
    }

    public RequestList search(Caller caller, RequestFilter f, Paging paging, String locale) {
        Map<String, Object> params = new HashMap<>();
        Instant now = clock.instant();
        params.put("now", Rows.param(now));
        String where = "WHERE " + Scope.of(caller, params) + filters(caller, f, params, now);
        String statusFilter = "";
        if (!f.statuses().isEmpty()) {
            statusFilter = " AND r.status IN (" + f.statuses().stream().map(s -> "'" + s.name() + "'")
                    .collect(Collectors.joining(", ")) + ")";   // enum names only
        }
        String keyset = "";
        String order;
        if (f.sort() == RequestFilter.Sort.CREATED) {
            order = " ORDER BY r.created_at DESC, r.id DESC";
            if (paging.after().isPresent()) {
                String[] parts = cursor(paging.after().get());
                keyset = " AND (r.created_at, r.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))";
                params.put("afterAt", parts[0]);
                params.put("afterId", parts[1]);
            }
        } else {
            order = " ORDER BY r.due_at ASC NULLS LAST, r.id ASC";
            if (paging.after().isPresent()) {
                String[] parts = cursor(paging.after().get());
                params.put("afterId", parts[1]);
                if (parts[0].isEmpty()) {
                    keyset = " AND r.due_at IS NULL AND r.id > CAST(:afterId AS uuid)";
                } else {
                    params.put("afterAt", parts[0]);
                    keyset = " AND (r.due_at > CAST(:afterAt AS timestamptz) OR (r.due_at = CAST(:afterAt AS timestamptz)"
                            + " AND r.id > CAST(:afterId AS uuid)) OR r.due_at IS NULL)";
                }
            }
        }
        params.put("limit", paging.limit() + 1);
        List<RequestSummary> items;
        List<String> keys = new ArrayList<>();
        // the page's ids first (from the indexes where they can tell), then its rows: a filter that matches
        // thousands reads thousands of index entries but only the page's rows
        String page = "SELECT r.id FROM request r JOIN service_category c ON c.id = r.category_id LEFT JOIN district d ON d.id = r.district_id "
                + where + statusFilter + keyset + order + " LIMIT :limit";
        try (var rows = db.execute().createQuery(summarySelect(locale) + "WHERE r.id IN (" + page + ")" + order)
                .params(params).execute()) {
            items = rows.map(r -> {
                keys.add((f.sort() == RequestFilter.Sort.CREATED ? Rows.instant(r, "created_at").toString()
                        : Rows.optionalInstant(r, "due_at").map(Instant::toString).orElse("")) + "|" + Rows.uuid(r, "id"));
                return summary(r, now, staff(caller));
            }).collect(Collectors.toCollection(ArrayList::new));
        }
        String next = null;
        if (items.size() > paging.limit()) {
            items.removeLast();
            next = Paging.encode(keys.get(paging.limit() - 1));
        }
        Map<Status, Long> counts = tally.counts(caller, f).orElseGet(() -> {
            Map<Status, Long> counted = new EnumMap<>(Status.class);
            try (var rows = db.execute().createQuery("SELECT r.status, count(*) AS n FROM request r "
                                                             + "JOIN service_category c ON c.id = r.category_id "
                                                             + "LEFT JOIN district d ON d.id = r.district_id "
                                                             + where + " GROUP BY r.status")
                    .params(params).execute()) {
                rows.forEach(r -> counted.put(Status.valueOf(Rows.string(r, "status")), Rows.longValue(r, "n")));
            }
            return counted;
        });
        return new RequestList(items, next, counts);
    }

    /** A statement with {@code :name} parameters and their values. */
    public record Statement(String sql, Map<String, Object> params) {
    }

    /**
     * The caller's requests matching a search, oldest first, as one statement for a streamed export:
     * the same scope and filters as {@link #search}, every matching row (no page).
     */
    public Statement export(Caller caller, RequestFilter f) {
        Map<String, Object> params = new HashMap<>();
        params.put("now", Rows.param(clock.instant()));
        String where = "WHERE " + Scope.of(caller, params) + filters(caller, f, params, clock.instant());
        if (!f.statuses().isEmpty()) {
            where += " AND r.status IN (" + f.statuses().stream().map(s -> "'" + s.name() + "'")
                    .collect(Collectors.joining(", ")) + ")";   // enum names only
        }
        return new Statement("""
                SELECT r.number, r.created_at, r.status, r.priority, r.channel, c.code AS category, d.code AS district,
                       r.address, r.flat, o.code AS organisation, r.reporter_type, r.stage, r.due_at, r.closed_at, r.rating,
                       r.description
                FROM request r
                JOIN service_category c ON c.id = r.category_id
                LEFT JOIN district d ON d.id = r.district_id
                LEFT JOIN organisation o ON o.id = r.organisation_id
                """ + where + " ORDER BY r.created_at, r.id", params);
    }

    /** The most points the staff map gets at once (the newest open requests matching the filter). */
    public static final int MAP_LIMIT = 10_000;

    /** Open requests the caller may see, filtered like a search, as points for the staff map. */
    public List<MapPoint> map(Caller caller, RequestFilter f, String locale) {
        Map<String, Object> params = new HashMap<>();
        Instant now = clock.instant();
        params.put("now", Rows.param(now));
        Set<Status> statuses = f.statuses().isEmpty()
                ? EnumSet.copyOf(Arrays.stream(Status.values()).filter(Status::open).toList()) : f.statuses();
        String where = "WHERE " + Scope.of(caller, params) + filters(caller, f, params, now) + " AND r.status IN ("
                + statuses.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ")) + ")";   // enum names only
        params.put("limit", MAP_LIMIT);
        try (var rows = db.execute().createQuery(summarySelect(locale) + where + " ORDER BY r.created_at DESC LIMIT :limit")
                .params(params).execute()) {
            return rows.map(r -> {
                RequestSummary s = summary(r, now, false);
                return new MapPoint(s.id(), s.number(), s.status(), s.categoryName(), s.address(), Rows.doubleValue(r, "lat"),
                                    Rows.doubleValue(r, "lon"), s.overdue(), s.dueSoon());
            }).toList();
        }
    }

    public RequestDetail detail(Caller caller, UUID id, String locale) {
        RequestDetail detail = details(caller, List.of(id), locale).get(id);
        if (detail == null) {
            throw new NotFound("no such request");
        }
        return detail;
    }

    /** Most requests {@link #details} reads at once. */
    public static final int MAX_DETAILS = 200;

    /**
     * The requests among {@code ids} the caller may see, in full, by id (absent: not found or not
     * theirs), in three queries however many: the rows, their photos, their timelines.
     */
    public Map<UUID, RequestDetail> details(Caller caller, List<UUID> ids, String locale) {
        if (ids.size() > MAX_DETAILS) {
            throw new IllegalArgumentException("at most " + MAX_DETAILS + " requests at once");
        }
        Map<UUID, RequestDetail> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Map<String, Object> params = new HashMap<>();
        String idList = ids.stream().map(UUID::toString).collect(Collectors.joining(","));
        params.put("ids", idList);
        Instant now = clock.instant();
        params.put("now", Rows.param(now));
        List<DbRow> rows;
        try (var stream = db.execute().createQuery(summarySelect(locale) + "WHERE r.id = ANY (CAST(string_to_array(:ids, ',') AS uuid[])) AND "
                                                           + Scope.of(caller, params)).params(params).execute()) {
            rows = stream.toList();
        }
        if (rows.isEmpty()) {
            return out;
        }
        String found = rows.stream().map(r -> Rows.uuid(r, "id").toString()).collect(Collectors.joining(","));
        Map<UUID, List<PhotoView>> photos = photos(found);
        Map<UUID, List<Timed>> timelines = timelines(found, locale, calendars.of(caller.cityId()).zone());
        Map<UUID, RequestDetail> byId = new HashMap<>();
        for (DbRow row : rows) {
            UUID id = Rows.uuid(row, "id");
            byId.put(id, detail(caller, row, now, photos.getOrDefault(id, List.of()), timelines.getOrDefault(id, List.of())));
        }
        ids.forEach(id -> {
            if (byId.containsKey(id)) {
                out.put(id, byId.get(id));
            }
        });
        return out;
    }

    private RequestDetail detail(Caller caller, DbRow row, Instant now, List<PhotoView> photos, List<Timed> events) {
        RequestSummary summary = summary(row, now, staff(caller));
        UUID reporter = Rows.optionalUuid(row, "reporter_id").orElse(null);
        Set<Actor> actors = Actor.of(caller.userId(), caller.roles(), caller.organisationId().orElse(null), reporter,
                                     summary.technicianId(), summary.organisationId());
        boolean staffView = actors.stream().anyMatch(a -> a != Actor.REPORTER);
        Optional<SlaStage> stage = Rows.optionalString(row, "stage").map(SlaStage::valueOf);
        boolean withinWindow = stage.filter(s -> s == SlaStage.CONFIRM).isPresent()
                && Rows.optionalInstant(row, "due_at").map(now::isBefore).orElse(false);
        List<Action> available = Lifecycle.available(summary.status(), actors,
                                                     Facts.forButtons(withinWindow, Rows.optionalInt(row, "rating").isPresent(),
                                                                      summary.clockPaused(), summary.priority() == Priority.EMERGENCY,
                                                                      Rows.optionalString(row, "attention").isPresent()));
        Map<String, Instant> deadlines = new LinkedHashMap<>();
        stage.ifPresent(s -> Rows.optionalInstant(row, "due_at").ifPresent(due -> deadlines.put(s.name(), due)));
        List<TimelineEntry> timeline = events.stream().filter(e -> staffView || !e.internal()).map(Timed::entry).toList();
        return new RequestDetail(summary, Rows.string(row, "description"),
                                 new GeoPoint(Rows.doubleValue(row, "lat"), Rows.doubleValue(row, "lon")),
                                 Rows.optionalUuid(row, "building_id").orElse(null),
                                 Rows.optionalString(row, "entrance").orElse(null), Rows.optionalString(row, "floor").orElse(null),
                                 Rows.optionalString(row, "flat").orElse(null),
                                 ReporterType.valueOf(Rows.string(row, "reporter_type")),
                                 Rows.optionalString(row, "reporter_organisation").orElse(null),
                                 staffView || caller.userId().equals(reporter) ? reporter : null,
                                 Rows.optionalUuid(row, "duplicate_of").orElse(null),
                                 Rows.optionalInt(row, "rating").orElse(null),
                                 Rows.optionalString(row, "rating_comment").orElse(null), deadlines,
                                 Rows.optionalString(row, "pause_reason").orElse(null), Rows.intValue(row, "version"),
                                 available, photos, timeline,
                                 photos.stream().anyMatch(PhotoView::pending),
                                 staffView ? Rows.optionalString(row, "attention").orElse(null) : null,
                                 Rows.instant(row, "updated_at"));
    }

    /** Whether the caller may see this request. */
    public boolean visible(Caller caller, UUID id) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        return db.execute().createGet("SELECT 1 FROM request r WHERE r.id = :id AND " + Scope.of(caller, params))
                .params(params).execute().isPresent();
    }

    /** A request as the system that filed it sees it (no personal data), or not found. */
    public RequestSummary forClient(org.opencity.backend.integrations.ApiClient client, UUID id, String locale) {
        Instant now = clock.instant();
        return db.execute().createGet(summarySelect(locale) + "WHERE r.id = :id AND r.api_client_id = :client")
                .addParam("id", id).addParam("client", client.id()).execute().map(r -> summary(r, now, false))
                .orElseThrow(() -> new NotFound("no such request"));
    }

    /** Open requests of the same category at the same building, or within 150 m for outdoor problems. */
    public List<NearbyRequest> nearby(Caller caller, String categoryCode, Optional<UUID> building, Optional<GeoPoint> point,
                                      String locale) {
        if (building.isEmpty() && point.isEmpty()) {
            throw ValidationFailed.of("lat", "required", "give the building or the position");
        }
        Map<String, Object> params = new HashMap<>();
        params.put("city", caller.cityId());
        params.put("code", categoryCode);
        String where;
        GeoPoint centre;
        if (building.isPresent()) {
            params.put("building", building.get());
            where = "r.building_id = :building";
            centre = db.execute().createGet("SELECT lat, lon FROM building WHERE id = :id").addParam("id", building.get()).execute()
                    .map(b -> new GeoPoint(Rows.doubleValue(b, "lat"), Rows.doubleValue(b, "lon")))
                    .orElseThrow(() -> ValidationFailed.of("building", "unknown", "no such building"));
        } else {
            centre = point.get();
            // wide enough for public positions (the building, or the spot rounded to 0.001°) within the radius
            double dLat = NEARBY_RADIUS_M / 111_320.0 + 0.001;
            double dLon = dLat / Math.cos(Math.toRadians(centre.lat()));
            params.put("latMin", centre.lat() - dLat);
            params.put("latMax", centre.lat() + dLat);
            params.put("lonMin", centre.lon() - dLon);
            params.put("lonMax", centre.lon() + dLon);
            where = "r.lat BETWEEN :latMin AND :latMax AND r.lon BETWEEN :lonMin AND :lonMax";
        }
        List<NearbyRequest> found = new ArrayList<>();
        try (var rows = db.execute().createQuery("""
                SELECT r.id, r.number, r.status, c.code, %s AS address, r.created_at, %s AS lat, %s AS lon
                FROM request r JOIN service_category c ON c.id = r.category_id LEFT JOIN building b ON b.id = r.building_id
                WHERE r.city_id = :city AND c.code = :code AND r.status NOT IN ('DONE', 'CLOSED', 'CANCELLED', 'DUPLICATE')
                  AND\s""".formatted(PublicAddress.sql(locale), PublicAddress.LAT, PublicAddress.LON) + where
                + " ORDER BY r.created_at DESC LIMIT 50").params(params).execute()) {
            rows.forEach(r -> {
                // from the public position, so that neither the distance nor whether a request is in range tells more than the map
                double exact = centre.distanceMetres(new GeoPoint(Rows.doubleValue(r, "lat"), Rows.doubleValue(r, "lon")));
                int distance = roundedDistance(exact);
                if (building.isPresent() || exact <= NEARBY_RADIUS_M) {
                    found.add(new NearbyRequest(Rows.uuid(r, "id"), Rows.string(r, "number"), Status.valueOf(Rows.string(r, "status")),
                                                Rows.string(r, "code"), Rows.string(r, "address"), Rows.instant(r, "created_at"),
                                                distance));
                }
            });
        }
        return found.stream().sorted(java.util.Comparator.comparingInt(NearbyRequest::distanceMetres)
                                             .thenComparing(NearbyRequest::createdAt, java.util.Comparator.reverseOrder()))
                .limit(NEARBY_LIMIT).toList();
    }

    /** A distance as residents are told it: to the nearest step, at least one step. */
    static int roundedDistance(double metres) {
        return (int) Math.max(NEARBY_STEP_M, Math.round(metres / NEARBY_STEP_M) * NEARBY_STEP_M);
    }

    /** The call centre's view of a caller by phone: the account if there is one, and its latest requests. */
    public CallerHistory caller(Caller operator, String rawPhone, String locale) {
        String phone = Phones.normalise(rawPhone).orElseThrow(() -> ValidationFailed.of("phone", "format", "a phone number"));
        Optional<DbRow> user = db.execute().createGet("SELECT id, display_name FROM app_user WHERE phone = :phone AND kind = 'RESIDENT'")
                .addParam("phone", phone).execute();
        if (user.isEmpty()) {
            return new CallerHistory(phone, null, null, List.of());
        }
        Map<String, Object> params = new HashMap<>();
        params.put("reporter", Rows.uuid(user.get(), "id"));
        params.put("now", Rows.param(clock.instant()));
        String scope = Scope.of(operator, params);
        List<RequestSummary> requests;
        try (var rows = db.execute().createQuery(summarySelect(locale) + "WHERE r.reporter_id = :reporter AND " + scope
                                                         + " ORDER BY r.created_at DESC LIMIT 20").params(params).execute()) {
            Instant now = clock.instant();
            requests = rows.map(r -> summary(r, now, true)).toList();
        }
        return new CallerHistory(phone, Rows.uuid(user.get(), "id"), Rows.string(user.get(), "display_name"), requests);
    }

    private Map<UUID, List<PhotoView>> photos(String idList) {
        Map<UUID, List<PhotoView>> out = new HashMap<>();
        try (var rows = db.execute().createQuery("""
                SELECT request_id, id, kind, stored_at IS NOT NULL AS stored, captured_at, uploaded_by, rejected_reason FROM request_photo
                WHERE request_id = ANY (CAST(string_to_array(:ids, ',') AS uuid[])) ORDER BY announced_at, id""")
                .addParam("ids", idList).execute()) {
            rows.forEach(r -> out.computeIfAbsent(Rows.uuid(r, "request_id"), k -> new ArrayList<>())
                    .add(new PhotoView(Rows.uuid(r, "id"), PhotoKind.valueOf(Rows.string(r, "kind")), Rows.bool(r, "stored"),
                                       Rows.optionalInstant(r, "captured_at").orElse(null),
                                       Rows.optionalUuid(r, "uploaded_by").orElse(null),
                                       Rows.optionalString(r, "rejected_reason").orElse(null))));
        }
        return out;
    }

    /** A timeline entry and whether only staff see it. */
    private record Timed(TimelineEntry entry, boolean internal) {
    }

    /** The entries of the requests' histories, put in words in the reader's language (organisations named by it too). */
    private Map<UUID, List<Timed>> timelines(String idList, String locale, ZoneId zone) {
        Map<UUID, List<Timed>> out = new HashMap<>();
        try (var rows = db.execute().createQuery("""
                SELECT e.request_id, e.id, e.at, e.kind, e.from_status, e.to_status, e.actor_role, e.internal,
                       CAST(e.detail AS text) AS detail, u.display_name, %s AS organisation_name,
                       (SELECT string_agg(%s, ', ' ORDER BY %s) FROM organisation co
                        WHERE co.id = ANY (CAST(string_to_array(e.detail ->> 'organisationIds', ',') AS uuid[]))) AS candidates
                FROM request_event e LEFT JOIN app_user u ON u.id = e.actor_id
                LEFT JOIN organisation eo ON eo.id = CAST(e.detail ->> 'organisationId' AS uuid)
                WHERE e.request_id = ANY (CAST(string_to_array(:ids, ',') AS uuid[])) ORDER BY e.at, e.id"""
                .formatted(Names.organisation("eo", locale), Names.organisation("co", locale), Names.organisation("co", locale)))
                .addParam("ids", idList).execute()) {
            rows.forEach(r -> {
                boolean internal = Rows.bool(r, "internal");
                String kind = Rows.string(r, "kind");
                String role = Rows.string(r, "actor_role");
                String name = Rows.optionalString(r, "display_name").orElse(null);
                Map<String, String> detail = detail(Rows.string(r, "detail"));
                String organisation = Rows.optionalString(r, "organisation_name")
                        .or(() -> Rows.optionalString(r, "candidates")).orElse(null);
                out.computeIfAbsent(Rows.uuid(r, "request_id"), k -> new ArrayList<>()).add(new Timed(
                        new TimelineEntry(Rows.uuid(r, "id"), Rows.instant(r, "at"), kind,
                                          Rows.optionalString(r, "from_status").map(Status::valueOf).orElse(null),
                                          Rows.optionalString(r, "to_status").map(Status::valueOf).orElse(null), name, role, internal,
                                          detail, words.text(locale, kind, detail, organisation, zone), words.actor(locale, role, name)),
                        internal));
            });
        }
        return out;
    }

    private String filters(Caller caller, RequestFilter f, Map<String, Object> params, Instant now) {
        StringBuilder sql = new StringBuilder();
        f.district().ifPresent(d -> {
            sql.append(" AND d.code = :district");
            params.put("district", d);
        });
        f.building().ifPresent(b -> {
            sql.append(" AND r.building_id = :building");
            params.put("building", b);
        });
        f.organisation().ifPresent(o -> {
            sql.append(" AND r.organisation_id = :organisation");
            params.put("organisation", o);
        });
        f.category().ifPresent(c -> {
            sql.append(" AND c.code = :category");
            params.put("category", c);
        });
        f.channel().ifPresent(c -> {
            sql.append(" AND r.channel = :channel");
            params.put("channel", c.name());
        });
        if (f.overdue()) {
            sql.append(" AND r.due_at < :now AND r.paused_at IS NULL AND r.stage <> 'CONFIRM'");
        }
        if (f.dueSoon()) {
            sql.append(" AND r.warn_at <= :now AND r.due_at >= :now AND r.paused_at IS NULL AND r.stage <> 'CONFIRM'");
        }
        ZoneId zone = calendars.of(caller.cityId()).zone();
        f.from().ifPresent(d -> {
            sql.append(" AND r.created_at >= :from");
            params.put("from", Rows.param(d.atStartOfDay(zone).toInstant()));
        });
        f.to().ifPresent(d -> {
            sql.append(" AND r.created_at < :to");
            params.put("to", Rows.param(d.plusDays(1).atStartOfDay(zone).toInstant()));
        });
        f.text().ifPresent(q -> {
            sql.append(" AND (r.search @@ plainto_tsquery('simple', :q) OR r.number = upper(:q))");
            params.put("q", q);
        });
        return sql.toString();
    }

    /**
     * The summary columns with the names of the category, the organisation and the building's
     * street in the caller's language (the address as filed when there is no building).
     */
    private static String summarySelect(String locale) {
        String address = "COALESCE(" + Names.building("b", locale) + " || COALESCE(', " + Names.flatWord(locale) + " ' || r.flat, ''), "
                + "r.address)";
        return """
                SELECT r.id, r.number, r.status, r.priority, r.channel, c.code AS category_code, %s AS category_name, %s AS address,
                       d.code AS district_code, r.organisation_id, %s AS organisation_name, r.technician_id, r.created_at,
                       r.stage, r.due_at, r.warn_at, r.paused_at, r.description, r.lat, r.lon, r.building_id, r.entrance,
                       r.floor, r.flat, r.reporter_type, r.reporter_organisation, r.reporter_id, r.duplicate_of, r.rating,
                       r.rating_comment, r.pause_reason, r.version, r.updated_at, r.attention,
                       tu.display_name AS technician_name
                FROM request r
                JOIN service_category c ON c.id = r.category_id
                LEFT JOIN district d ON d.id = r.district_id
                LEFT JOIN organisation o ON o.id = r.organisation_id
                LEFT JOIN building b ON b.id = r.building_id
                LEFT JOIN app_user tu ON tu.id = r.technician_id
                """.formatted(Names.category("c", locale), address, Names.organisation("o", locale));
    }

    /** Staff read who has the job by name; residents and filing systems get the id only, as before. */
    private static boolean staff(Caller caller) {
        return !"RESIDENT".equals(caller.kind());
    }

    private static RequestSummary summary(DbRow r, Instant now, boolean technicianName) {
        Optional<Instant> due = Rows.optionalInstant(r, "due_at");
        Optional<Instant> warn = Rows.optionalInstant(r, "warn_at");
        boolean paused = Rows.optionalInstant(r, "paused_at").isPresent();
        Optional<String> stage = Rows.optionalString(r, "stage");
        boolean clocked = !paused && stage.filter(s -> !s.equals("CONFIRM")).isPresent();
        boolean overdue = clocked && due.map(now::isAfter).orElse(false);
        boolean dueSoon = clocked && !overdue && warn.map(w -> !now.isBefore(w)).orElse(false);
        return new RequestSummary(Rows.uuid(r, "id"), Rows.string(r, "number"), Status.valueOf(Rows.string(r, "status")),
                                  Priority.valueOf(Rows.string(r, "priority")), Channel.valueOf(Rows.string(r, "channel")),
                                  Rows.string(r, "category_code"), Rows.string(r, "category_name"), Rows.string(r, "address"),
                                  Rows.optionalString(r, "district_code").orElse(null),
                                  Rows.optionalUuid(r, "organisation_id").orElse(null),
                                  Rows.optionalString(r, "organisation_name").orElse(null),
                                  Rows.optionalUuid(r, "technician_id").orElse(null), Rows.instant(r, "created_at"),
                                  stage.orElse(null), due.orElse(null), overdue, dueSoon, paused,
                                  technicianName ? Rows.optionalString(r, "technician_name").orElse(null) : null);
    }

    private static String[] cursor(String decoded) {
        String[] parts = decoded.split("\\|", 2);
        if (parts.length != 2) {
            throw ValidationFailed.of("after", "format", "not a cursor from a previous page");
        }
        try {
            if (!parts[0].isEmpty()) {
                Instant.parse(parts[0]);
            }
            UUID.fromString(parts[1]);
        } catch (RuntimeException e) {
            throw ValidationFailed.of("after", "format", "not a cursor from a previous page");
        }
        return parts;
    }

    private static Map<String, String> detail(String json) {
        try {
            return Json.mapper().readValue(json, new com.fasterxml.jackson.core.type.TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
