package org.opencity.backend.requests;

import com.fasterxml.jackson.core.type.TypeReference;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.deadlines.BusinessCalendar;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.errors.Conflict;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.Json;
import org.opencity.model.Bounds;
import org.opencity.model.FieldError;
import org.opencity.model.GeoPoint;
import org.opencity.model.GeoPolygon;
import org.opencity.model.Ids;
import org.opencity.model.Phones;
import org.opencity.model.request.Channel;
import org.opencity.model.request.NewRequest;
import org.opencity.model.request.PhotoKind;
import org.opencity.model.request.Priority;
import org.opencity.model.request.ReporterType;
import org.opencity.model.request.Status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one intake pipeline for every channel — residents (app, web), call-centre operators filing
 * for a caller, other systems by API, Open311 — so that validation, numbering, routing, deadlines
 * and history are the same whoever reports. Idempotent by the client's id: a retry returns the
 * request made the first time. The one difference by channel is the description's length:
 * Open311 makes it optional and other systems send long composed texts, so there any
 * non-empty text up to {@link Bounds#TEXT} is taken.
 */
public final class Intake {

    /** Who files the request and for whom. */
    public record Filer(Channel channel, UUID cityId, Optional<UUID> userId, boolean staff, Optional<UUID> apiClientId,
                        String role) {
    }

    /** The request created, and whether it was created now (or by an earlier attempt). */
    public record Created(UUID id, boolean createdNow) {
    }

    private final Transactions tx;
    private final RequestNumbers numbers;
    private final RequestActions actions;
    private final Calendars calendars;
    private final Clock clock;

    public Intake(Transactions tx, RequestNumbers numbers, RequestActions actions, Calendars calendars, Clock clock) {
        this.tx = tx;
        this.numbers = numbers;
        this.actions = actions;
        this.calendars = calendars;
        this.clock = clock;
    }

    public Created create(Filer filer, NewRequest input) {
        return tx.inTransaction(t -> create(t, filer, input));
    }

    /** The same inside a given transaction (the demo history files hundreds in one). */
    public Created create(DbTransaction t, Filer filer, NewRequest input) {
        Instant now = clock.instant();
        Optional<Created> replay = replay(t, filer, input.id());
        if (replay.isPresent()) {
            return replay.get();
        }
        Valid v = validate(t, filer, input);
        UUID reporter = reporter(t, filer, input, now).orElse(null);
        BusinessCalendar calendar = calendars.of(filer.cityId());
        String number = numbers.next(t, v.cityCode, LocalDate.ofInstant(now, calendar.zone()).getYear());
        Map<String, Object> p = new HashMap<>();
        p.put("id", input.id());
        p.put("city", filer.cityId());
        p.put("number", number);
        p.put("channel", filer.channel().name());
        p.put("priority", v.priority.name());
        p.put("category", v.categoryId);
        p.put("description", input.description().strip());
        p.put("reporter", reporter);
        p.put("reporterType", v.reporterType.name());
        p.put("reporterOrg", v.reporterOrganisation);
        p.put("filedBy", filer.staff() ? filer.userId().orElse(null) : null);
        p.put("apiClient", filer.apiClientId().orElse(null));
        p.put("district", v.districtId);
        p.put("building", v.buildingId);
        p.put("entrance", v.entrance);
        p.put("floor", v.floor);
        p.put("flat", v.flat);
        p.put("address", v.address);
        p.put("lat", v.location.lat());
        p.put("lon", v.location.lon());
        p.put("now", Rows.param(now));
        // the row as inserted, in the same round trip; none when a concurrent retry of the same report won the race
        Optional<RequestRow> inserted = t.createGet("""
                INSERT INTO request AS r (id, city_id, number, channel, status, priority, category_id, description, reporter_id,
                                          reporter_type, reporter_organisation, filed_by, api_client_id, district_id, building_id,
                                          entrance, floor, flat, address, lat, lon, created_at, updated_at)
                VALUES (:id, :city, :number, :channel, 'NEW', :priority, :category, :description, CAST(:reporter AS uuid),
                        :reporterType, :reporterOrg, CAST(:filedBy AS uuid), CAST(:apiClient AS uuid), CAST(:district AS uuid),
                        CAST(:building AS uuid), :entrance, :floor, :flat, :address, :lat, :lon, :now, :now)
                ON CONFLICT (id) DO NOTHING
                RETURNING\s""" + RequestRow.COLUMNS).params(p).execute().map(RequestRow::of);
        if (inserted.isEmpty()) {
            return replay(t, filer, input.id()).orElseThrow(() -> new Conflict("this request id is already used"));
        }
        RequestRow row = inserted.get();
        History.Actor actor = new History.Actor(filer.userId().orElse(null), filer.role());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("channel", filer.channel().name());
        detail.put("category", v.categoryCode);
        detail.put("priority", v.priority.name());
        History.append(t, row.id(), now, "CREATED", null, Status.NEW, actor, false, detail);
        Photos.announce(t, row.id(), input.photos(), filer.userId().orElse(null), now);
        Routing.Decision decision = Routing.route(t, v.categoryId, Optional.ofNullable(v.buildingId),
                                                  Optional.ofNullable(v.districtId), LocalDate.ofInstant(now, calendar.zone()));
        actions.route(t, row, decision, History.Actor.SYSTEM, now);
        return new Created(row.id(), true);
    }

    private Optional<Created> replay(DbTransaction t, Filer filer, UUID id) {
        return t.createGet("SELECT reporter_id, filed_by, api_client_id FROM request WHERE id = :id").addParam("id", id).execute()
                .map(row -> {
                    boolean same = filer.apiClientId().map(c -> c.equals(Rows.optionalUuid(row, "api_client_id").orElse(null)))
                            .orElseGet(() -> filer.userId().map(u -> u.equals(Rows.optionalUuid(row, "reporter_id").orElse(null))
                                    || u.equals(Rows.optionalUuid(row, "filed_by").orElse(null))).orElse(false));
                    if (!same) {
                        throw new Conflict("this request id is already used");
                    }
                    return new Created(id, false);
                });
    }

    private record Valid(String cityCode, UUID categoryId, String categoryCode, Priority priority, ReporterType reporterType,
                         String reporterOrganisation, UUID districtId, UUID buildingId, String entrance, String floor,
                         String flat, String address, GeoPoint location) {
    }

    private Valid validate(DbTransaction t, Filer filer, NewRequest in) {
        List<FieldError> errors = new ArrayList<>();
        DbRow city = t.createGet("SELECT code, CAST(boundary AS text) AS boundary FROM city WHERE id = :id")
                .addParam("id", filer.cityId()).execute().orElseThrow();
        Optional<DbRow> category = Optional.ofNullable(in.categoryCode()).flatMap(code -> t.createGet("""
                SELECT id, code, emergency FROM service_category WHERE city_id = :city AND code = :code AND active""")
                .addParam("city", filer.cityId()).addParam("code", code).execute());
        if (category.isEmpty()) {
            errors.add(new FieldError("categoryCode", "unknown", "choose one of the active service categories"));
        }
        String description = in.description() == null ? "" : in.description().strip();
        int min = filer.channel() == Channel.OPEN311 ? 1 : NewRequest.MIN_DESCRIPTION;
        int max = filer.channel() == Channel.OPEN311 ? Bounds.TEXT : NewRequest.MAX_DESCRIPTION;
        if (description.length() < min || description.length() > max) {
            errors.add(new FieldError("description", "length", "describe the problem in " + min + " to " + max + " characters"));
        }
        limit(errors, "entrance", in.entrance(), 10);
        limit(errors, "floor", in.floor(), 10);
        limit(errors, "flat", in.flat(), 10);
        limit(errors, "address", in.address(), 300);
        limit(errors, "reporterOrganisation", in.reporterOrganisation(), 200);
        ReporterType reporterType = in.reporterType() == null ? ReporterType.INDIVIDUAL : in.reporterType();
        if (reporterType == ReporterType.LEGAL_ENTITY && blank(in.reporterOrganisation())) {
            errors.add(new FieldError("reporterOrganisation", "required", "name the organisation reporting"));
        }
        if (in.priority() != null && !filer.staff()) {
            errors.add(new FieldError("priority", "staff-only", "the priority follows from the category"));
        }
        if (in.photos().size() > Photos.MAX_PER_COMMAND) {
            errors.add(new FieldError("photos", "too-many", "at most " + Photos.MAX_PER_COMMAND + " photos"));
        }
        if (in.photos().stream().anyMatch(p -> p.kind() != PhotoKind.REPORT)) {
            errors.add(new FieldError("photos", "kind", "a new request carries REPORT photos"));
        }
        Optional<DbRow> building = Optional.ofNullable(in.buildingId()).flatMap(id -> t.createGet("""
                SELECT b.id, b.district_id, b.street_ru, b.house, b.lat, b.lon FROM building b WHERE b.id = :id AND b.city_id = :city""")
                .addParam("id", id).addParam("city", filer.cityId()).execute());
        if (in.buildingId() != null && building.isEmpty()) {
            errors.add(new FieldError("buildingId", "unknown", "no such building in this city"));
        }
        GeoPoint location = in.location() != null ? in.location()
                : building.map(b -> new GeoPoint(Rows.doubleValue(b, "lat"), Rows.doubleValue(b, "lon"))).orElse(null);
        if (location == null && in.buildingId() == null) {
            errors.add(new FieldError("location", "required", "give the position or the building"));
        } else if (location != null && !boundary(Rows.string(city, "boundary")).contains(location)) {
            errors.add(new FieldError("location", "outside-city", "this place is outside the city"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        boolean emergency = Rows.bool(category.get(), "emergency");
        Priority priority = in.priority() != null ? in.priority() : emergency ? Priority.EMERGENCY : Priority.ROUTINE;
        UUID district = building.map(b -> Rows.uuid(b, "district_id")).orElseGet(() -> nearestDistrict(t, filer.cityId(), location));
        String address = building.map(b -> Rows.string(b, "street_ru") + ", " + Rows.string(b, "house")
                        + (blank(in.flat()) ? "" : ", кв. " + in.flat().strip()))
                .orElseGet(() -> blank(in.address()) ? near(t, filer.cityId(), location) : in.address().strip());
        return new Valid(Rows.string(city, "code"), Rows.uuid(category.get(), "id"), Rows.string(category.get(), "code"),
                         priority, reporterType, blank(in.reporterOrganisation()) ? null : in.reporterOrganisation().strip(),
                         district, in.buildingId(), strip(in.entrance()), strip(in.floor()), strip(in.flat()), address, location);
    }

    /** The resident the request is for: the caller, or the operator's caller found or created by phone. */
    private Optional<UUID> reporter(DbTransaction t, Filer filer, NewRequest in, Instant now) {
        if (filer.channel() == Channel.MOBILE || filer.channel() == Channel.WEB) {
            if (!filer.staff()) {
                return filer.userId();
            }
        }
        if (in.caller() == null || blank(in.caller().phone())) {
            if (filer.channel() == Channel.CALL_CENTRE) {
                throw ValidationFailed.of("caller.phone", "required", "the caller's phone number");
            }
            return Optional.empty();
        }
        String phone = Phones.normalise(in.caller().phone())
                .orElseThrow(() -> ValidationFailed.of("caller.phone", "format", "a phone number such as +7 900 123-45-67"));
        Optional<UUID> existing = resident(t, phone);
        if (existing.isPresent()) {
            return existing;
        }
        UUID id = Ids.newId();
        String name = blank(in.caller().name()) ? Phones.mask(phone) : in.caller().name().strip();
        if (name.length() > 100) {
            throw ValidationFailed.of("caller.name", "length", "at most 100 characters");
        }
        long inserted = t.createInsert("""
                INSERT INTO app_user (id, city_id, kind, phone, display_name, created_at, updated_at)
                VALUES (:id, :city, 'RESIDENT', :phone, :name, :now, :now)
                ON CONFLICT (phone) WHERE phone IS NOT NULL DO NOTHING""")
                .addParam("id", id).addParam("city", filer.cityId()).addParam("phone", phone).addParam("name", name)
                .addParam("now", Rows.param(now)).execute();
        if (inserted == 0) {
            // another filing for the same new caller made the account first (and has committed: the insert waited for it)
            return Optional.of(resident(t, phone).orElseThrow());
        }
        t.createInsert("INSERT INTO user_role (user_id, role) VALUES (:id, 'RESIDENT')").addParam("id", id).execute();
        return Optional.of(id);
    }

    /** The resident with this phone number; a staff account's number is refused. */
    private static Optional<UUID> resident(DbTransaction t, String phone) {
        Optional<DbRow> existing = t.createGet("SELECT id, kind FROM app_user WHERE phone = :phone").addParam("phone", phone).execute();
        if (existing.isPresent() && !"RESIDENT".equals(Rows.string(existing.get(), "kind"))) {
            throw ValidationFailed.of("caller.phone", "staff", "this number belongs to a staff account");
        }
        return existing.map(row -> Rows.uuid(row, "id"));
    }

    private static UUID nearestDistrict(DbTransaction t, UUID city, GeoPoint p) {
        return t.createGet("""
                SELECT id FROM district WHERE city_id = :city
                ORDER BY (centre_lat - :lat) * (centre_lat - :lat) + ((centre_lon - :lon) * cos(radians(:lat))) ^ 2 LIMIT 1""")
                .addParam("city", city).addParam("lat", p.lat()).addParam("lon", p.lon()).execute()
                .map(r -> Rows.uuid(r, "id")).orElse(null);
    }

    /** An address for a position without one: the nearest building within 300 m, else the coordinates. */
    private static String near(DbTransaction t, UUID city, GeoPoint p) {
        double dLat = 300 / 111_320.0;
        double dLon = dLat / Math.cos(Math.toRadians(p.lat()));
        Map<String, Object> params = new HashMap<>();
        params.put("city", city);
        params.put("lat", p.lat());
        params.put("lon", p.lon());
        params.put("latMin", p.lat() - dLat);
        params.put("latMax", p.lat() + dLat);
        params.put("lonMin", p.lon() - dLon);
        params.put("lonMax", p.lon() + dLon);
        return t.createGet("""
                SELECT street_ru, house FROM building
                WHERE city_id = :city AND lat BETWEEN :latMin AND :latMax AND lon BETWEEN :lonMin AND :lonMax
                ORDER BY (lat - :lat) ^ 2 + ((lon - :lon) * cos(radians(:lat))) ^ 2 LIMIT 1""").params(params).execute()
                .map(b -> "рядом с " + Rows.string(b, "street_ru") + ", " + Rows.string(b, "house"))
                .orElse(String.format(java.util.Locale.ROOT, "%.5f, %.5f", p.lat(), p.lon()));
    }

    private static GeoPolygon boundary(String json) {
        try {
            List<double[]> points = Json.mapper().readValue(json, new TypeReference<>() { });
            return new GeoPolygon(points.stream().map(p -> new GeoPoint(p[0], p[1])).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void limit(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.strip().length() > max) {
            errors.add(new FieldError(field, "length", "at most " + max + " characters"));
        }
    }

    private static String strip(String s) {
        return blank(s) ? null : s.strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
