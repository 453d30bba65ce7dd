package org.opencity.backend.reports;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.catalogue.Names;
import org.opencity.backend.db.Rows;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.errors.Forbidden;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.Paging;
import org.opencity.model.SlaStage;
import org.opencity.model.report.Dimension;
import org.opencity.model.report.DrillDown;
import org.opencity.model.report.DrillDownItem;
import org.opencity.model.report.DrillSubset;
import org.opencity.model.report.ReportQuery;
import org.opencity.model.request.Status;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The requests behind one figure of a report: the report's period, filters and scope, the cell's
 * dimension values (a value absent from the map's optional means "none", like a request in triage
 * has no organisation) and the subset the figure counts ({@link DrillSubset}). Organisation staff
 * see only their own organisation's requests, as in the report itself; the requests behind the
 * city average are for city staff. Request subsets come newest first, stage subsets slowest first
 * (running ones before all), a keyset page at a time.
 */
public final class ReportDrillDown {

    private static final String FROM = """
             FROM request r
             JOIN city ci ON ci.id = r.city_id
             JOIN service_category c ON c.id = r.category_id
             LEFT JOIN district d ON d.id = r.district_id
             LEFT JOIN organisation o ON o.id = r.organisation_id""";

    private final DbClient db;
    private final Calendars calendars;
    private final Clock clock;

    public ReportDrillDown(DbClient db, Calendars calendars, Clock clock) {
        this.db = db;
        this.calendars = calendars;
        this.clock = clock;
    }

    public DrillDown requests(Caller caller, ReportQuery query, Map<Dimension, Optional<String>> cell, boolean cityAverage,
                              DrillSubset subset, Optional<SlaStage> stage, Paging paging, String locale) {
        Optional<UUID> scope = Reports.scope(caller);
        if (cityAverage && scope.isPresent()) {
            throw new Forbidden("the requests behind the city average are for city staff");
        }
        ZoneId zone = calendars.of(caller.cityId()).zone();
        ReportSpec report = ReportSpec.of(query, LocalDate.now(clock.withZone(zone)));
        ReportSpec spec = cityAverage ? report.cityWide() : report;
        check(spec, cell, subset, stage);
        Map<String, Object> params = new HashMap<>();
        Instant now = clock.instant();
        params.put("now", Rows.param(now));
        StringBuilder where = where(caller.cityId(), zone, spec, scope, params);
        cell.forEach((d, value) -> {
            String name = "cell" + d.ordinal();
            if (value.isPresent()) {
                where.append(" AND ").append(expression(d)).append(" = :").append(name);
                params.put(name, value.get());
            } else {
                where.append(" AND ").append(expression(d)).append(" IS NULL");
            }
        });
        where.append(" AND ").append(condition(subset));
        String join = "";
        String order;
        if (subset.perStage()) {
            join = " JOIN request_stage s ON s.request_id = r.id AND s.stage = :stage";
            params.put("stage", stage.orElseThrow().name());
            order = " ORDER BY s.duration_seconds DESC NULLS FIRST, s.id";
            paging.after().map(a -> cursor(a, true)).ifPresent(k -> {
                params.put("afterId", Long.parseLong(k[1]));
                if (k[0].isEmpty()) {
                    where.append(" AND (s.duration_seconds IS NOT NULL OR s.id > :afterId)");
                } else {
                    params.put("afterSeconds", Long.parseLong(k[0]));
                    where.append(" AND (s.duration_seconds < :afterSeconds OR (s.duration_seconds = :afterSeconds AND s.id > :afterId))");
                }
            });
        } else {
            order = " ORDER BY r.created_at DESC, r.id DESC";
            paging.after().map(a -> cursor(a, false)).ifPresent(k -> {
                params.put("afterAt", Rows.param(Instant.parse(k[0])));
                params.put("afterId", UUID.fromString(k[1]));
                where.append(" AND (r.created_at, r.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))");
            });
        }
        params.put("limit", paging.limit() + 1);
        String sql = "SELECT r.id, r.number, r.status, r.created_at, r.address, d.code AS district, o.code AS organisation, "
                + Names.category("c", locale) + " AS category"
                + (subset.perStage() ? ", s.id AS stage_id, s.stage, s.started_at, s.ended_at, s.duration_seconds, s.late, s.due_at,"
                                       + " s.paused_at" : "")
                + "\n" + FROM + join + where + order + " LIMIT :limit";
        List<DrillDownItem> items = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (var rows = db.execute().createQuery(sql).params(params).execute()) {
            rows.forEach(r -> {
                items.add(item(r, subset.perStage(), now));
                keys.add(subset.perStage()
                         ? Rows.optionalLong(r, "duration_seconds").map(String::valueOf).orElse("") + "|" + Rows.longValue(r, "stage_id")
                         : Rows.instant(r, "created_at") + "|" + Rows.uuid(r, "id"));
            });
        }
        String next = null;
        if (items.size() > paging.limit()) {
            items.removeLast();
            next = Paging.encode(keys.get(paging.limit() - 1));
        }
        return new DrillDown(items, next);
    }

    /** The cell names every dimension of the report (none for the city average); a stage subset names its stage. */
    private static void check(ReportSpec spec, Map<Dimension, Optional<String>> cell, DrillSubset subset, Optional<SlaStage> stage) {
        if (!cell.keySet().equals(spec.dimensions().isEmpty() ? EnumSet.noneOf(Dimension.class) : EnumSet.copyOf(spec.dimensions()))) {
            throw ValidationFailed.of("cell", "dimensions", "give cell.DIMENSION for each of the report's dimensions "
                    + spec.dimensions() + " and no other (none for the city average)");
        }
        cell.values().forEach(v -> v.filter(s -> s.length() > 40).ifPresent(s -> {
            throw ValidationFailed.of("cell", "length", "a dimension value has at most 40 characters");
        }));
        if (subset.perStage() != stage.isPresent()) {
            throw ValidationFailed.of("stage", subset.perStage() ? "required" : "unexpected",
                                      subset.perStage() ? "a stage subset names its stage" : "only stage subsets take a stage");
        }
    }

    /** The subset as a condition over {@code r} and {@code s}: the same tests the report's measures count by. */
    private static String condition(DrillSubset subset) {
        return switch (subset) {
            case ALL -> "TRUE";
            case RESOLVED -> "r.status IN ('DONE', 'CLOSED')";
            case RESOLVED_ON_TIME -> "r.status IN ('DONE', 'CLOSED') AND r.late_stages = 0";
            case OVERDUE -> "(r.late_stages > 0 OR (r.due_at < :now AND r.paused_at IS NULL AND r.stage <> 'CONFIRM'))";
            case REOPENED -> "r.reopen_count > 0";
            case RATED -> "r.rating IS NOT NULL";
            case STAGE_DONE -> "s.progressed";
            case STAGE_LATE -> "((s.progressed AND s.late) OR (s.ended_at IS NULL AND s.due_at < :now AND s.paused_at IS NULL))";
        };
    }

    /** The city, the period, the caller's organisation and the report's filters, as {@link Reports} selects them. */
    private static StringBuilder where(UUID city, ZoneId zone, ReportSpec spec, Optional<UUID> scope, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" WHERE r.city_id = :city AND r.created_at >= :from AND r.created_at < :to");
        params.put("city", city);
        params.put("from", Rows.param(spec.from().atStartOfDay(zone).toInstant()));
        params.put("to", Rows.param(spec.to().plusDays(1).atStartOfDay(zone).toInstant()));
        scope.ifPresent(org -> {
            where.append(" AND r.organisation_id = :scopeOrg");
            params.put("scopeOrg", org);
        });
        spec.filters().forEach((dimension, values) -> {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                String name = "f" + dimension.ordinal() + "_" + i;
                names.add(":" + name);
                params.put(name, values.get(i));
            }
            where.append(" AND ").append(expression(dimension)).append(" IN (").append(String.join(", ", names)).append(")");
        });
        return where;
    }

    private static DrillDownItem item(DbRow r, boolean perStage, Instant now) {
        Boolean late = null;
        if (perStage) {
            boolean running = Rows.optionalInstant(r, "ended_at").isEmpty();
            late = running ? Rows.optionalInstant(r, "due_at").map(now::isAfter).orElse(false)
                             && Rows.optionalInstant(r, "paused_at").isEmpty()
                           : Rows.bool(r, "late");
        }
        return new DrillDownItem(Rows.uuid(r, "id"), Rows.string(r, "number"), Status.valueOf(Rows.string(r, "status")),
                                 Rows.string(r, "category"), Rows.optionalString(r, "address").orElse(null),
                                 Rows.optionalString(r, "district").orElse(null), Rows.optionalString(r, "organisation").orElse(null),
                                 Rows.instant(r, "created_at"), perStage ? Rows.string(r, "stage") : null,
                                 perStage ? Rows.instant(r, "started_at") : null,
                                 perStage ? Rows.optionalInstant(r, "ended_at").orElse(null) : null,
                                 perStage ? Rows.optionalLong(r, "duration_seconds").map(s -> Math.round(s / 60.0 * 100) / 100.0).orElse(null)
                                          : null,
                                 late);
    }

    /** A cursor from a previous page: "duration|stage id" of a stage subset, "created|request id" otherwise. */
    private static String[] cursor(String decoded, boolean perStage) {
        String[] parts = decoded.split("\\|", 2);
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException("no separator");
            }
            if (perStage) {
                if (!parts[0].isEmpty()) {
                    Long.parseLong(parts[0]);
                }
                Long.parseLong(parts[1]);
            } else {
                Instant.parse(parts[0]);
                UUID.fromString(parts[1]);
            }
            return parts;
        } catch (RuntimeException e) {
            throw ValidationFailed.of("after", "format", "not a cursor from a previous page");
        }
    }

    /**
     * The SQL of a dimension's value over a request row and its joins ({@code r}, {@code ci},
     * {@code c}, {@code d}, {@code o}): the same values the report shows (codes, enum names,
     * periods in the city's time), so that a cell's value selects its requests.
     */
    private static String expression(Dimension d) {
        return switch (d) {
            case CITY -> "ci.code";
            case DISTRICT -> "d.code";
            case BUILDING -> "CAST(r.building_id AS text)";
            case ORGANISATION -> "o.code";
            case ORGANISATION_TYPE -> "o.kind";
            case CATEGORY -> "c.code";
            case CHANNEL -> "r.channel";
            case REPORTER_TYPE -> "r.reporter_type";
            case STATUS -> "r.status";
            case DAY -> "to_char(r.created_at AT TIME ZONE ci.timezone, 'YYYY-MM-DD')";
            case WEEK -> "to_char(date_trunc('week', r.created_at AT TIME ZONE ci.timezone), 'IYYY-\"W\"IW')";
            case MONTH -> "to_char(r.created_at AT TIME ZONE ci.timezone, 'YYYY-MM')";
            case QUARTER -> "to_char(r.created_at AT TIME ZONE ci.timezone, 'YYYY-\"Q\"Q')";
        };
    }
}
