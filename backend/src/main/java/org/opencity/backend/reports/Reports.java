package org.opencity.backend.reports;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.errors.Forbidden;
import org.opencity.model.SlaStage;
import org.opencity.model.report.Dimension;
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
 * Runs reports from {@code report_fact}, one narrow row per request kept in step with every change
 * by triggers (see V21): a report is one scan of the period's facts grouped by
 * dimension ids, with the stage durations unnested from the same rows when medians or 90th
 * percentiles are asked for — never the history, the wide request rows or joins per row. City
 * staff see the whole city; an organisation's staff see only requests it is responsible for, and
 * every caller gets the city average alongside.
 */
public final class Reports {

    /** The most rows a report answers (the rest is cut off and flagged). */
    public static final int MAX_ROWS = 5000;

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
            List<ReportRow> rows = aggregate(t, caller.cityId(), spec, scope, MAX_ROWS + 1);
            boolean truncated = rows.size() > MAX_ROWS;
            if (truncated) {
                rows = rows.subList(0, MAX_ROWS);
            }
            List<ReportRow> average = aggregate(t, caller.cityId(), spec.cityWide(), Optional.empty(), 1);
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

    private List<ReportRow> aggregate(DbExecute db, UUID city, ReportSpec spec, Optional<UUID> scope, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(city, spec, scope, params);
        params.put("now", Rows.param(clock.instant()));
        params.put("limit", limit);
        boolean stageCounts = spec.measures().contains(Measure.STAGE_ON_TIME_PCT);
        StringBuilder measures = new StringBuilder("""
                count(*) AS n,
                count(*) FILTER (WHERE r.status IN ('DONE', 'CLOSED')) AS resolved,
                count(*) FILTER (WHERE r.status IN ('DONE', 'CLOSED') AND r.late_stages = 0) AS resolved_on_time,
                count(*) FILTER (WHERE r.late_stages > 0 OR r.overdue_from < :now) AS overdue,
                count(*) FILTER (WHERE r.reopen_count > 0) AS reopened,
                count(*) FILTER (WHERE r.ever_done) AS ever_done,
                avg(r.rating) AS rating""");
        if (stageCounts) {
            for (SlaStage stage : SlaStage.values()) {
                String c = column(stage);
                measures.append(",\n sum(r.").append(c).append("_on_time) AS ").append(c).append("_on_time, sum(r.").append(c)
                        .append("_moved) + count(*) FILTER (WHERE r.running_stage = '").append(stage.name())
                        .append("' AND r.running_due < :now) AS ").append(c).append("_judged");
            }
        }
        String sql = grouped(spec, "g.*", measures.toString(), "", where, 0) + " LIMIT :limit";
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
                        case STAGE_ON_TIME_PCT -> {
                            for (SlaStage stage : SlaStage.values()) {
                                String c = column(stage);
                                values.put(m.name() + "." + stage.name(), pct(Rows.optionalLong(r, c + "_on_time").orElse(0L),
                                                                              Rows.optionalLong(r, c + "_judged").orElse(0L)));
                            }
                        }
                        default -> {
                        }
                    }
                }
                rows.put(key(dims), new ReportRow(dims, values, null));
            });
        }
        if ((spec.measures().contains(Measure.STAGE_MEDIAN_MINUTES) || spec.measures().contains(Measure.STAGE_P90_MINUTES))
                && !rows.isEmpty()) {
            durations(db, spec, where, params, rows);
        }
        return rows.values().stream().map(r -> new ReportRow(r.dimensions(), r.values(), weakLink(r.values())))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    /**
     * Adds the stage medians and 90th percentiles to the rows found by the request query (a group
     * absent there is past the limit): one exact {@code percentile_cont} per group and stage over
     * the durations the facts carry, both fractions from one sort.
     */
    private void durations(DbExecute db, ReportSpec spec, String where, Map<String, Object> params, Map<String, ReportRow> rows) {
        String sql = grouped(spec, "g.stage, g.q[1] AS median, g.q[2] AS p90",
                             "percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY x.seconds) AS q", """
                 CROSS JOIN LATERAL (VALUES ('ACCEPT', r.accept_seconds), ('START', r.start_seconds),
                                            ('COMPLETE', r.complete_seconds), ('CONFIRM', r.confirm_seconds)) v(stage, seconds)
                 CROSS JOIN LATERAL unnest(v.seconds) x(seconds)""", where, 1);
        Map<String, Object> stageParams = new HashMap<>(params);
        stageParams.remove("limit");
        try (var result = db.createQuery(sql).params(stageParams).execute()) {
            result.forEach(r -> {
                ReportRow row = rows.get(key(dimensions(spec, r)));
                if (row == null) {
                    return;
                }
                String stage = SlaStage.valueOf(Rows.string(r, "stage")).name();
                if (spec.measures().contains(Measure.STAGE_MEDIAN_MINUTES)) {
                    row.values().put(Measure.STAGE_MEDIAN_MINUTES.name() + "." + stage,
                                     Rows.optionalDouble(r, "median").map(s -> round(s / 60)).orElse(null));
                }
                if (spec.measures().contains(Measure.STAGE_P90_MINUTES)) {
                    row.values().put(Measure.STAGE_P90_MINUTES.name() + "." + stage,
                                     Rows.optionalDouble(r, "p90").map(s -> round(s / 60)).orElse(null));
                }
            });
        }
    }

    /**
     * A query over the facts grouped by the report's dimension keys (plus {@code v.stage} when
     * {@code extra} is 1), with the dimension labels put on the groups afterwards, in label order,
     * followed by {@code outer} (over the groups {@code g}).
     */
    private static String grouped(ReportSpec spec, String outer, String aggregates, String lateral, String where, int extra) {
        int n = spec.dimensions().size();
        StringBuilder keys = new StringBuilder();
        StringBuilder labels = new StringBuilder("SELECT ");
        for (int i = 0; i < n; i++) {
            keys.append(ReportSpec.key(spec.dimensions().get(i))).append(" AS k").append(i).append(", ");
            labels.append(ReportSpec.label(spec.dimensions().get(i), "g.k" + i)).append(" AS dim").append(i).append(", ");
        }
        if (extra == 1) {
            keys.append("v.stage, ");
        }
        String organisation = spec.dimensions().contains(Dimension.ORGANISATION_TYPE)
                ? " LEFT JOIN organisation o ON o.id = r.organisation_id" : "";
        return labels + outer + " FROM (SELECT " + keys + aggregates + " FROM report_fact r" + organisation + " " + lateral + where
                + positions(" GROUP BY ", n + extra) + ") g" + positions(" ORDER BY ", n + extra);
    }

    private static String column(SlaStage stage) {
        return stage.name().toLowerCase(java.util.Locale.ROOT);
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

    /** The WHERE clause: the city, the period (local filing days), the caller's organisation, the filters. */
    private static String where(UUID city, ReportSpec spec, Optional<UUID> scope, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" WHERE r.city_id = :city AND r.day BETWEEN CAST(:from AS date) AND CAST(:to AS date)");
        params.put("city", city);
        params.put("from", spec.from().toString());
        params.put("to", spec.to().toString());
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
            where.append(" AND ").append(ReportSpec.filter(dimension, String.join(", ", names)));
        });
        return where.toString();
    }

    /** {@code clause} followed by the positions 1 to {@code count} (nothing when there are none). */
    private static String positions(String clause, int count) {
        if (count == 0) {
            return "";
        }
        List<String> positions = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            positions.add(Integer.toString(i));
        }
        return clause + String.join(", ", positions);
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
