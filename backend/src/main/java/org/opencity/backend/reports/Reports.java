package org.opencity.backend.reports;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.errors.Forbidden;
import org.opencity.model.SlaStage;
import org.opencity.model.report.Measure;
import org.opencity.model.report.ReportQuery;
import org.opencity.model.report.ReportResult;
import org.opencity.model.report.ReportRow;

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
 * Runs reports from the facts: request rows (with their analytic counters) for the request
 * measures, {@code request_stage} rows for the per-stage ones — never the history. City staff see
 * the whole city; an organisation's staff see only requests it is responsible for, and every
 * caller gets the city average alongside.
 */
public final class Reports {

    /** The most rows a report answers (the rest is cut off and flagged). */
    public static final int MAX_ROWS = 5000;

    private static final String FROM = """
             FROM request r
             JOIN city ci ON ci.id = r.city_id
             JOIN service_category c ON c.id = r.category_id
             LEFT JOIN district d ON d.id = r.district_id
             LEFT JOIN organisation o ON o.id = r.organisation_id""";

    /** Memory for each sort and hash of a report query (PostgreSQL's default, 4 MB, spills a year of a city to disk). */
    static final String WORK_MEM = "64MB";

    private final Transactions tx;
    private final Calendars calendars;
    private final Clock clock;

    public Reports(Transactions tx, Calendars calendars, Clock clock) {
        this.tx = tx;
        this.calendars = calendars;
        this.clock = clock;
    }

    /**
     * Runs a report: its rows and the city average in one read-only transaction, so both see the
     * same facts, with room to sort and hash in memory ({@value #WORK_MEM}) rather than on disk.
     */
    public ReportResult run(Caller caller, ReportQuery query) {
        Optional<UUID> scope = scope(caller);
        ZoneId zone = calendars.of(caller.cityId()).zone();
        ReportSpec spec = ReportSpec.of(query, LocalDate.now(clock.withZone(zone)));
        return tx.inTransaction(t -> {
            t.createUpdate("SET TRANSACTION READ ONLY").execute();
            t.createUpdate("SET LOCAL work_mem = '" + WORK_MEM + "'").execute();
            List<ReportRow> rows = aggregate(t, caller.cityId(), zone, spec, scope, MAX_ROWS + 1);
            boolean truncated = rows.size() > MAX_ROWS;
            if (truncated) {
                rows = rows.subList(0, MAX_ROWS);
            }
            List<ReportRow> average = aggregate(t, caller.cityId(), zone, spec.cityWide(), Optional.empty(), 1);
            ReportRow cityAverage = average.isEmpty() ? new ReportRow(Map.of(), empty(spec.columns()), null) : average.getFirst();
            return new ReportResult(spec.dimensions(), spec.columns(), List.copyOf(rows), cityAverage, spec.from(), spec.to(),
                                    truncated);
        });
    }

    /** The organisation an organisation's staff are limited to; empty for city staff. */
    static Optional<UUID> scope(Caller caller) {
        if (caller.cityWide()) {
            return Optional.empty();
        }
        return Optional.of(caller.actingOrganisation().orElseThrow(() -> new Forbidden("reports are for city and organisation staff")));
    }

    private List<ReportRow> aggregate(DbExecute db, UUID city, ZoneId zone, ReportSpec spec, Optional<UUID> scope, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(city, zone, spec, scope, params);
        params.put("now", Rows.param(clock.instant()));
        params.put("limit", limit);
        int n = spec.dimensions().size();
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < n; i++) {
            select.append(ReportSpec.expression(spec.dimensions().get(i))).append(" AS dim").append(i).append(", ");
        }
        String groupBy = groupBy(n, 0);
        String sql = select + """
                count(*) AS n,
                count(*) FILTER (WHERE r.status IN ('DONE', 'CLOSED')) AS resolved,
                count(*) FILTER (WHERE r.status IN ('DONE', 'CLOSED') AND r.late_stages = 0) AS resolved_on_time,
                count(*) FILTER (WHERE r.late_stages > 0 OR (r.due_at < :now AND r.paused_at IS NULL AND r.stage <> 'CONFIRM')) AS overdue,
                count(*) FILTER (WHERE r.reopen_count > 0) AS reopened,
                count(*) FILTER (WHERE r.first_done_at IS NOT NULL) AS ever_done,
                avg(r.rating) AS rating
                """ + FROM + where + groupBy + orderBy(n, 0) + " LIMIT :limit";
        Map<String, ReportRow> rows = new LinkedHashMap<>();
        try (var result = db.createQuery(sql).params(params).execute()) {
            result.forEach(r -> {
                Map<String, String> dims = dimensions(spec, r);
                Map<String, Double> values = empty(spec.columns());
                long count = Rows.longValue(r, "n");
                for (Measure m : spec.measures()) {
                    switch (m) {
                        case COUNT -> values.put(m.name(), (double) count);
                        case RESOLVED_PCT -> values.put(m.name(), pct(Rows.longValue(r, "resolved"), count));
                        case RESOLVED_ON_TIME_PCT -> values.put(m.name(), pct(Rows.longValue(r, "resolved_on_time"), count));
                        case OVERDUE_COUNT -> values.put(m.name(), (double) Rows.longValue(r, "overdue"));
                        case REOPEN_RATE_PCT -> values.put(m.name(), pct(Rows.longValue(r, "reopened"), Rows.longValue(r, "ever_done")));
                        case AVG_RATING -> values.put(m.name(), Rows.optionalDouble(r, "rating").map(Reports::round).orElse(null));
                        default -> {
                        }
                    }
                }
                rows.put(key(dims), new ReportRow(dims, values, null));
            });
        }
        if (spec.measures().stream().anyMatch(Measure::perStage) && !rows.isEmpty()) {
            stages(db, spec, select, where, params, rows);
        }
        return rows.values().stream().map(r -> new ReportRow(r.dimensions(), r.values(), weakLink(r.values())))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    /** Adds the per-stage measures to the rows found by the request query (a group absent there is past the limit). */
    private void stages(DbExecute db, ReportSpec spec, StringBuilder select, String where, Map<String, Object> params, Map<String, ReportRow> rows) {
        int n = spec.dimensions().size();
        String sql = select + """
                s.stage,
                count(*) FILTER (WHERE s.progressed AND NOT s.late) AS on_time,
                count(*) FILTER (WHERE s.progressed OR (s.ended_at IS NULL AND s.due_at < :now AND s.paused_at IS NULL)) AS judged,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY s.duration_seconds) FILTER (WHERE s.progressed) AS median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY s.duration_seconds) FILTER (WHERE s.progressed) AS p90
                """ + FROM + " JOIN request_stage s ON s.request_id = r.id" + where + groupBy(n, 1) + orderBy(n, 1);
        Map<String, Object> stageParams = new HashMap<>(params);
        stageParams.remove("limit");
        try (var result = db.createQuery(sql).params(stageParams).execute()) {
            result.forEach(r -> {
                ReportRow row = rows.get(key(dimensions(spec, r)));
                if (row == null) {
                    return;
                }
                String stage = SlaStage.valueOf(Rows.string(r, "stage")).name();
                for (Measure m : spec.measures()) {
                    Double value = switch (m) {
                        case STAGE_ON_TIME_PCT -> pct(Rows.longValue(r, "on_time"), Rows.longValue(r, "judged"));
                        case STAGE_MEDIAN_MINUTES -> Rows.optionalDouble(r, "median").map(s -> round(s / 60)).orElse(null);
                        case STAGE_P90_MINUTES -> Rows.optionalDouble(r, "p90").map(s -> round(s / 60)).orElse(null);
                        default -> null;
                    };
                    if (m.perStage()) {
                        row.values().put(m.name() + "." + stage, value);
                    }
                }
            });
        }
    }

    /** The organisation's stage with the longest median, if medians were asked for and any stage has one. */
    private static String weakLink(Map<String, Double> values) {
        String slowest = null;
        double longest = -1;
        for (SlaStage stage : List.of(SlaStage.ACCEPT, SlaStage.START, SlaStage.COMPLETE)) {
            Double median = values.get(Measure.STAGE_MEDIAN_MINUTES.name() + "." + stage.name());
            if (median != null && median > longest) {
                longest = median;
                slowest = stage.name();
            }
        }
        return slowest;
    }

    /** The WHERE clause: the city, the period, the caller's organisation, the filters. */
    private static String where(UUID city, ZoneId zone, ReportSpec spec, Optional<UUID> scope, Map<String, Object> params) {
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
            where.append(" AND ").append(ReportSpec.expression(dimension)).append(" IN (").append(String.join(", ", names)).append(")");
        });
        return where.toString();
    }

    private static String groupBy(int dims, int extra) {
        if (dims + extra == 0) {
            return "";
        }
        List<String> positions = new ArrayList<>();
        for (int i = 1; i <= dims + extra; i++) {
            positions.add(Integer.toString(i));
        }
        return " GROUP BY " + String.join(", ", positions);
    }

    private static String orderBy(int dims, int extra) {
        return dims + extra == 0 ? "" : groupBy(dims, extra).replace("GROUP BY", "ORDER BY");
    }

    private static Map<String, String> dimensions(ReportSpec spec, DbRow r) {
        Map<String, String> dims = new LinkedHashMap<>();
        for (int i = 0; i < spec.dimensions().size(); i++) {
            dims.put(spec.dimensions().get(i).name(), Rows.optionalString(r, "dim" + i).orElse(null));
        }
        return dims;
    }

    private static String key(Map<String, String> dims) {
        return String.join("\u0001", dims.values().stream().map(v -> v == null ? "\u0000" : v).toList());
    }

    private static Map<String, Double> empty(List<String> columns) {
        Map<String, Double> values = new LinkedHashMap<>();
        columns.forEach(c -> values.put(c, null));
        return values;
    }

    private static Double pct(long part, long whole) {
        return whole == 0 ? null : round(100.0 * part / whole);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
