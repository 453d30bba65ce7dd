package org.opencity.backend.admin;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.accounts.SecurityEvents;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.Locales;
import org.opencity.model.FieldError;
import org.opencity.model.SlaStage;
import org.opencity.model.admin.CategorySlaView;
import org.opencity.model.admin.StageMinutes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Stage deadlines per service category, as administrators set them. The city's standard
 * ({@code category_sla}) is the city admin's and is a maximum; an organisation may keep its own
 * stricter targets ({@code organisation_sla}) for the stages it works — never for CONFIRM, the
 * resident's window to dispute a fix. Lowering a standard lowers any target above it in the same
 * transaction, and setting a target holds the standard's rows, so a target never exceeds the
 * standard. Deadlines are stored when a stage starts: a change here affects stages that start
 * afterwards, never a running one.
 */
public final class Slas {

    /** The longest stage anyone may set: 60 days. */
    static final int MAX_MINUTES = 60 * 24 * 60;
    private static final Set<SlaStage> ORGANISATION_STAGES = EnumSet.of(SlaStage.ACCEPT, SlaStage.START, SlaStage.COMPLETE);
    private static final String NO_ORGANISATION = "no such organisation";

    private final DbClient db;
    private final Transactions tx;
    private final SecurityEvents events;

    public Slas(DbClient db, Transactions tx, SecurityEvents events) {
        this.db = db;
        this.tx = tx;
        this.events = events;
    }

    /** The active categories of the caller's city; an organisation admin sees their organisation's targets too. */
    public List<CategorySlaView> list(Caller caller, String locale) {
        Optional<UUID> organisation = caller.cityWide() ? Optional.empty() : caller.actingOrganisation();
        return views(caller.cityId(), organisation, Optional.empty(), locale);
    }

    /** The same with one organisation's targets (404 for an organisation outside the caller's reach). */
    public List<CategorySlaView> ofOrganisation(Caller caller, UUID organisation, String locale) {
        requireOrganisation(caller, organisation);
        return views(caller.cityId(), Optional.of(organisation), Optional.empty(), locale);
    }

    /** Sets the city's standard for the stages given; targets above a lowered standard come down to it. */
    public CategorySlaView setCityStandard(Caller caller, String categoryCode, StageMinutes body, String ip, String locale) {
        Map<String, String> detail = new LinkedHashMap<>();
        tx.run(t -> {
            UUID category = category(t, caller.cityId(), categoryCode);
            Map<SlaStage, Integer> minutes = parse(body, EnumSet.allOf(SlaStage.class), false);
            long lowered = 0;
            for (Map.Entry<SlaStage, Integer> e : minutes.entrySet()) {
                t.createInsert("""
                        INSERT INTO category_sla (category_id, stage, duration_minutes) VALUES (:category, :stage, :minutes)
                        ON CONFLICT (category_id, stage) DO UPDATE SET duration_minutes = EXCLUDED.duration_minutes""")
                        .addParam("category", category).addParam("stage", e.getKey().name()).addParam("minutes", e.getValue())
                        .execute();
                lowered += t.createUpdate("""
                        UPDATE organisation_sla SET duration_minutes = :minutes
                        WHERE category_id = :category AND stage = :stage AND duration_minutes > :minutes""")
                        .addParam("category", category).addParam("stage", e.getKey().name()).addParam("minutes", e.getValue())
                        .execute();
                detail.put(e.getKey().name(), e.getValue().toString());
            }
            if (lowered > 0) {
                detail.put("organisationTargetsLowered", Long.toString(lowered));
            }
        });
        detail.put("category", categoryCode);
        detail.put("scope", "city");
        events.record(SecurityEvents.Kind.SLA_CHANGED, caller.userId(), caller.deviceId(), ip, detail);
        return views(caller.cityId(), Optional.empty(), Optional.of(categoryCode), locale).getFirst();
    }

    /**
     * Sets an organisation's own targets for the stages given (a null drops that stage's target);
     * each must be at most the city's standard.
     */
    public CategorySlaView setOrganisationTargets(Caller caller, UUID organisation, String categoryCode, StageMinutes body,
                                                  String ip, String locale) {
        requireOrganisation(caller, organisation);
        Map<String, String> detail = new LinkedHashMap<>();
        tx.run(t -> {
            UUID category = category(t, caller.cityId(), categoryCode);
            Map<SlaStage, Integer> minutes = parse(body, ORGANISATION_STAGES, true);
            requireWithinStandard(minutes, standard(t, category));
            for (Map.Entry<SlaStage, Integer> e : minutes.entrySet()) {
                if (e.getValue() == null) {
                    t.createDelete("""
                            DELETE FROM organisation_sla WHERE organisation_id = :org AND category_id = :category AND stage = :stage""")
                            .addParam("org", organisation).addParam("category", category).addParam("stage", e.getKey().name())
                            .execute();
                } else {
                    t.createInsert("""
                            INSERT INTO organisation_sla (organisation_id, category_id, stage, duration_minutes)
                            VALUES (:org, :category, :stage, :minutes)
                            ON CONFLICT (organisation_id, category_id, stage) DO UPDATE SET duration_minutes = EXCLUDED.duration_minutes""")
                            .addParam("org", organisation).addParam("category", category).addParam("stage", e.getKey().name())
                            .addParam("minutes", e.getValue()).execute();
                }
                detail.put(e.getKey().name(), e.getValue() == null ? "city standard" : e.getValue().toString());
            }
        });
        detail.put("category", categoryCode);
        detail.put("organisation", organisation.toString());
        events.record(SecurityEvents.Kind.SLA_CHANGED, caller.userId(), caller.deviceId(), ip, detail);
        return views(caller.cityId(), Optional.of(organisation), Optional.of(categoryCode), locale).getFirst();
    }

    /** Drops all of an organisation's own targets for a category: the city's standard applies again. */
    public void clearOrganisationTargets(Caller caller, UUID organisation, String categoryCode, String ip) {
        requireOrganisation(caller, organisation);
        long removed = tx.inTransaction(t -> {
            UUID category = category(t, caller.cityId(), categoryCode);
            return t.createDelete("DELETE FROM organisation_sla WHERE organisation_id = :org AND category_id = :category")
                    .addParam("org", organisation).addParam("category", category).execute();
        });
        if (removed > 0) {
            events.record(SecurityEvents.Kind.SLA_CHANGED, caller.userId(), caller.deviceId(), ip,
                          Map.of("category", categoryCode, "organisation", organisation.toString(), "targets", "removed"));
        }
    }

    private List<CategorySlaView> views(UUID city, Optional<UUID> organisation, Optional<String> categoryCode, String locale) {
        String sql = """
                SELECT c.code, c.%s AS name, c.emergency, s.stage, s.duration_minutes AS city_minutes,
                       o.duration_minutes AS own_minutes
                FROM service_category c
                LEFT JOIN category_sla s ON s.category_id = c.id
                LEFT JOIN organisation_sla o ON o.category_id = c.id AND o.stage = s.stage AND o.organisation_id = CAST(:org AS uuid)
                WHERE c.city_id = :city AND c.active AND (CAST(:code AS text) IS NULL OR c.code = :code)
                ORDER BY c.sort_order, c.code""".formatted(Locales.column("name", locale));
        Map<String, Builder> byCode = new LinkedHashMap<>();
        try (var rows = db.execute().createQuery(sql).addParam("org", organisation.orElse(null)).addParam("city", city)
                .addParam("code", categoryCode.orElse(null)).execute()) {
            rows.forEach(row -> byCode.computeIfAbsent(Rows.string(row, "code"), code -> new Builder(row, organisation.isPresent()))
                    .add(row));
        }
        return byCode.values().stream().map(Builder::build).toList();
    }

    /** An active category of the city, by code; 404 otherwise. */
    private static UUID category(DbTransaction t, UUID city, String code) {
        return t.createGet("SELECT id FROM service_category WHERE city_id = :city AND code = :code AND active")
                .addParam("city", city).addParam("code", code).execute().map(r -> Rows.uuid(r, "id"))
                .orElseThrow(() -> new NotFound("no such category"));
    }

    /** The city's standard of a category, its rows held until the transaction ends (a concurrent change waits). */
    private static Map<SlaStage, Integer> standard(DbTransaction t, UUID category) {
        Map<SlaStage, Integer> standard = new EnumMap<>(SlaStage.class);
        try (var rows = t.createQuery("SELECT stage, duration_minutes FROM category_sla WHERE category_id = :category FOR SHARE")
                .addParam("category", category).execute()) {
            rows.forEach(r -> standard.put(SlaStage.valueOf(Rows.string(r, "stage")), Rows.intValue(r, "duration_minutes")));
        }
        return standard;
    }

    /** Organisation admins reach their own organisation, city admins every one of their city; anything else is not found. */
    private void requireOrganisation(Caller caller, UUID organisation) {
        boolean reachable = AdminReach.administers(caller, organisation);
        if (!reachable || db.execute().createGet("SELECT 1 FROM organisation WHERE id = :id AND city_id = :city")
                .addParam("id", organisation).addParam("city", caller.cityId()).execute().isEmpty()) {
            throw new NotFound(NO_ORGANISATION);
        }
    }

    /** Stages and minutes of a body, every unknown stage and bad value named at once. */
    private static Map<SlaStage, Integer> parse(StageMinutes body, Set<SlaStage> settable, boolean nullMeansNone) {
        List<FieldError> errors = new ArrayList<>();
        Map<SlaStage, Integer> minutes = new EnumMap<>(SlaStage.class);
        Map<String, Integer> given = body == null ? Map.of() : body.minutes();
        if (given.isEmpty()) {
            errors.add(new FieldError("body", "required", "minutes for at least one stage, e.g. {\"ACCEPT\": 60}"));
        }
        given.forEach((key, value) -> {
            Optional<SlaStage> stage = Arrays.stream(SlaStage.values()).filter(s -> s.name().equals(key)).findFirst();
            if (stage.isEmpty()) {
                errors.add(new FieldError(key, "unknown", "not a stage; stages are " + Arrays.toString(SlaStage.values())));
            } else if (!settable.contains(stage.get())) {
                errors.add(new FieldError(key, "city-only", "the resident's confirmation window is set by the city alone"));
            } else if (value == null && !nullMeansNone) {
                errors.add(new FieldError(key, "required", "every stage has a city standard: 1 to " + MAX_MINUTES + " minutes"));
            } else if (value != null && (value < 1 || value > MAX_MINUTES)) {
                errors.add(new FieldError(key, "range", "1 to " + MAX_MINUTES + " minutes (60 days)"));
            } else {
                minutes.put(stage.get(), value);
            }
        });
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return minutes;
    }

    private static void requireWithinStandard(Map<SlaStage, Integer> minutes, Map<SlaStage, Integer> standard) {
        List<FieldError> errors = new ArrayList<>();
        minutes.forEach((stage, value) -> {
            Integer maximum = standard.get(stage);
            if (value != null && (maximum == null || value > maximum)) {
                errors.add(new FieldError(stage.name(), "above-city-standard", maximum == null
                        ? "the city has no standard for this stage yet"
                        : "at most " + maximum + " minutes, the city's standard: an organisation's target may only be stricter"));
            }
        });
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    /** Collects the rows of one category (one per stage). */
    private static final class Builder {
        private final DbRow first;
        private final boolean forOrganisation;
        private final Map<SlaStage, Integer> city = new EnumMap<>(SlaStage.class);
        private final Map<SlaStage, Integer> own = new EnumMap<>(SlaStage.class);

        Builder(DbRow first, boolean forOrganisation) {
            this.first = first;
            this.forOrganisation = forOrganisation;
        }

        Builder add(DbRow row) {
            Rows.optionalString(row, "stage").map(SlaStage::valueOf).ifPresent(stage -> {
                city.put(stage, Rows.intValue(row, "city_minutes"));
                Rows.optionalInt(row, "own_minutes").ifPresent(m -> own.put(stage, m));
            });
            return this;
        }

        CategorySlaView build() {
            return new CategorySlaView(Rows.string(first, "code"), Rows.string(first, "name"), Rows.bool(first, "emergency"), city,
                                       forOrganisation ? own : null);
        }
    }
}
