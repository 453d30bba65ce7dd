package org.opencity.backend.admin;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.errors.Conflict;
import org.opencity.backend.errors.Forbidden;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.model.FieldError;
import org.opencity.model.Ids;
import org.opencity.model.OrganisationKind;
import org.opencity.model.admin.NewOrganisation;
import org.opencity.model.admin.NewResponsibility;
import org.opencity.model.admin.OrganisationChanges;
import org.opencity.model.admin.OrganisationView;
import org.opencity.model.admin.ResponsibilityView;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Organisations and their responsibilities (territory × category), as administrators manage them.
 * City admins see and change everything; an organisation admin sees only their own organisation
 * and its responsibilities, and may end its own lines but never add one: new territory decides
 * whose staff read which residents' requests, so it is a city admin's act. Responsibilities are
 * never deleted, only ended, so that earlier routing decisions stay explainable.
 */
public final class Organisations {

    private static final String NOT_FOUND = "no such organisation";

    private final DbClient db;
    private final Transactions tx;
    private final Clock clock;

    public Organisations(DbClient db, Transactions tx, Clock clock) {
        this.db = db;
        this.tx = tx;
        this.clock = clock;
    }

    public List<OrganisationView> list(Caller caller) {
        Map<String, Object> params = new HashMap<>();
        String where = scope(caller, params);
        try (var rows = db.execute().createQuery(SELECT + where + " ORDER BY o.kind, o.code").params(params).execute()) {
            return rows.map(Organisations::view).toList();
        }
    }

    public OrganisationView get(Caller caller, UUID id) {
        Map<String, Object> params = new HashMap<>();
        String where = adminScope(caller, params) + " AND o.id = :id";
        params.put("id", id);
        return db.execute().createGet(SELECT + where).params(params).execute().map(Organisations::view)
                .orElseThrow(() -> new NotFound(NOT_FOUND));
    }

    public OrganisationView create(Caller caller, NewOrganisation input) {
        List<FieldError> errors = new ArrayList<>();
        if (input.code() == null || !input.code().matches("[a-z0-9-]{2,40}")) {
            errors.add(new FieldError("code", "format", "2-40 characters: lower-case letters, digits, dash"));
        }
        validateNames(input.nameEn(), input.nameRu(), errors);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        UUID id = Ids.newId();
        tx.run(t -> {
            UUID city = t.createGet("SELECT city_id FROM app_user WHERE id = :id").addParam("id", caller.userId())
                    .execute().map(r -> Rows.uuid(r, "city_id")).orElseThrow();
            if (t.createGet("SELECT 1 FROM organisation WHERE city_id = :city AND code = :code")
                    .addParam("city", city).addParam("code", input.code()).execute().isPresent()) {
                throw new Conflict("the code '" + input.code() + "' is taken");
            }
            Map<String, Object> params = new HashMap<>();
            params.put("id", id);
            params.put("city", city);
            params.put("kind", input.kind().name());
            params.put("code", input.code());
            params.put("en", input.nameEn().strip());
            params.put("ru", input.nameRu().strip());
            params.put("phone", input.phone());
            t.createInsert("""
                    INSERT INTO organisation (id, city_id, kind, code, name_en, name_ru, phone)
                    VALUES (:id, :city, :kind, :code, :en, :ru, :phone)""").params(params).execute();
        });
        return get(caller, id);
    }

    public OrganisationView update(Caller caller, UUID id, OrganisationChanges changes) {
        get(caller, id);
        List<FieldError> errors = new ArrayList<>();
        if (changes.nameEn() != null || changes.nameRu() != null) {
            validateNames(changes.nameEn() == null ? "x" : changes.nameEn(), changes.nameRu() == null ? "x" : changes.nameRu(),
                          errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", id);
        params.put("en", changes.nameEn());
        params.put("ru", changes.nameRu());
        params.put("phone", changes.phone());
        params.put("active", changes.active());
        db.execute().createUpdate("""
                UPDATE organisation SET name_en = coalesce(:en, name_en), name_ru = coalesce(:ru, name_ru),
                    phone = coalesce(:phone, phone), active = coalesce(CAST(:active AS boolean), active)
                WHERE id = :id""").params(params).execute();
        return get(caller, id);
    }

    public List<ResponsibilityView> responsibilities(Caller caller, UUID organisation) {
        get(caller, organisation);
        try (var rows = db.execute().createQuery(RESPONSIBILITIES + " WHERE r.organisation_id = :org ORDER BY c.code, d.code, r.valid_from")
                .addParam("org", organisation).execute()) {
            return rows.map(Organisations::responsibility).toList();
        }
    }

    public ResponsibilityView addResponsibility(Caller caller, UUID organisation, NewResponsibility input) {
        get(caller, organisation);
        if (!AdminReach.cityAdmin(caller)) {
            throw new Forbidden("only a city admin adds territory; an organisation admin may end its own lines");
        }
        UUID id = Ids.newId();
        LocalDate from = input.validFrom() != null ? input.validFrom() : today(organisation);
        tx.run(t -> {
            UUID category = t.createGet("""
                    SELECT c.id FROM service_category c JOIN organisation o ON o.city_id = c.city_id
                    WHERE o.id = :org AND c.code = :code""").addParam("org", organisation).addParam("code", input.categoryCode())
                    .execute().map(r -> Rows.uuid(r, "id"))
                    .orElseThrow(() -> ValidationFailed.of("categoryCode", "unknown", "no such category"));
            UUID district = null;
            if (input.districtCode() != null) {
                district = t.createGet("""
                        SELECT d.id FROM district d JOIN organisation o ON o.city_id = d.city_id
                        WHERE o.id = :org AND d.code = :code""").addParam("org", organisation).addParam("code", input.districtCode())
                        .execute().map(r -> Rows.uuid(r, "id"))
                        .orElseThrow(() -> ValidationFailed.of("districtCode", "unknown", "no such district"));
            } else if (t.createGet("""
                    SELECT 1 FROM building b JOIN organisation o ON o.city_id = b.city_id WHERE o.id = :org AND b.id = :id""")
                    .addParam("org", organisation).addParam("id", input.buildingId()).execute().isEmpty()) {
                throw ValidationFailed.of("buildingId", "unknown", "no such building");
            }
            Map<String, Object> params = new HashMap<>();
            params.put("id", id);
            params.put("org", organisation);
            params.put("category", category);
            params.put("district", district);
            params.put("building", input.buildingId());
            params.put("from", from);
            params.put("to", input.validTo());
            t.createInsert("""
                    INSERT INTO responsibility (id, organisation_id, category_id, district_id, building_id, valid_from, valid_to)
                    VALUES (:id, :org, :category, :district, :building, :from, :to)""").params(params).execute();
        });
        return responsibility(caller, id);
    }

    /** Ends a responsibility today (it is kept, to explain earlier routing). */
    public ResponsibilityView endResponsibility(Caller caller, UUID id) {
        ResponsibilityView current = responsibility(caller, id);
        LocalDate today = today(current.organisationId());
        LocalDate end = today.isAfter(current.validFrom()) ? today : current.validFrom().plusDays(1);
        db.execute().createUpdate("""
                UPDATE responsibility SET valid_to = :to WHERE id = :id AND (valid_to IS NULL OR valid_to > :to)""")
                .addParam("to", end).addParam("id", id).execute();
        return responsibility(caller, id);
    }

    private ResponsibilityView responsibility(Caller caller, UUID id) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        String where = " WHERE r.id = :id";
        if (!AdminReach.cityAdmin(caller)) {
            where += " AND r.organisation_id = :scopeOrg";
            params.put("scopeOrg", AdminReach.organisation(caller));
        }
        return db.execute().createGet(RESPONSIBILITIES + where).params(params).execute().map(Organisations::responsibility)
                .orElseThrow(() -> new NotFound("no such responsibility"));
    }

    private LocalDate today(UUID organisation) {
        String zone = db.execute().createGet("SELECT c.timezone FROM city c JOIN organisation o ON o.city_id = c.id WHERE o.id = :id")
                .addParam("id", organisation).execute().map(r -> Rows.string(r, "timezone")).orElse("UTC");
        return LocalDate.now(clock.withZone(ZoneId.of(zone)));
    }

    /** What an administrator reaches: the city for a city admin, else the organisation it administers. */
    private static String adminScope(Caller caller, Map<String, Object> params) {
        if (AdminReach.cityAdmin(caller)) {
            params.put("scopeCity", caller.cityId());
            return " WHERE o.city_id = :scopeCity";
        }
        params.put("scopeOrg", AdminReach.organisation(caller));
        return " WHERE o.id = :scopeOrg";
    }

    /** What the directory of organisations shows: the city to city roles, else the caller's own. */
    private static String scope(Caller caller, Map<String, Object> params) {
        if (caller.cityWide()) {
            params.put("scopeCity", caller.cityId());
            return " WHERE o.city_id = :scopeCity";
        }
        params.put("scopeOrg", caller.organisationId().orElse(new UUID(0, 0)));
        return " WHERE o.id = :scopeOrg";
    }

    private static void validateNames(String en, String ru, List<FieldError> errors) {
        if (en == null || en.isBlank() || en.length() > 200) {
            errors.add(new FieldError("nameEn", "length", "1 to 200 characters"));
        }
        if (ru == null || ru.isBlank() || ru.length() > 200) {
            errors.add(new FieldError("nameRu", "length", "1 to 200 characters"));
        }
    }

    private static final String SELECT = "SELECT o.id, o.code, o.kind, o.name_en, o.name_ru, o.phone, o.active FROM organisation o";

    private static final String RESPONSIBILITIES = """
            SELECT r.id, r.organisation_id, c.code AS category, d.code AS district, r.building_id, r.valid_from, r.valid_to,
                   b.street_ru || ', ' || b.house AS address_ru, b.street_en || ', ' || b.house AS address_en
            FROM responsibility r
            JOIN service_category c ON c.id = r.category_id
            LEFT JOIN district d ON d.id = r.district_id
            LEFT JOIN building b ON b.id = r.building_id""";

    private static OrganisationView view(DbRow r) {
        return new OrganisationView(Rows.uuid(r, "id"), Rows.string(r, "code"),
                                    OrganisationKind.valueOf(Rows.string(r, "kind")), Rows.string(r, "name_en"),
                                    Rows.string(r, "name_ru"), Rows.optionalString(r, "phone").orElse(null),
                                    Rows.bool(r, "active"));
    }

    private static ResponsibilityView responsibility(DbRow r) {
        return new ResponsibilityView(Rows.uuid(r, "id"), Rows.uuid(r, "organisation_id"), Rows.string(r, "category"),
                                      Rows.optionalString(r, "district").orElse(null),
                                      Rows.optionalUuid(r, "building_id").orElse(null),
                                      Rows.optionalString(r, "address_ru").orElse(null),
                                      Rows.optionalString(r, "address_en").orElse(null),
                                      Rows.optionalDate(r, "valid_from").orElseThrow(),
                                      Rows.optionalDate(r, "valid_to").orElse(null));
    }

}
