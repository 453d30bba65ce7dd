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

    /**
     * Memory for each sort and hash of a report query: sorting a year of a city's stage durations
     * (about two million) takes ~90 MB; PostgreSQL's default, 4 MB, spills it to disk.
     */
    static final String WORK_MEM = "128MB";

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
            // compiling the plan costs more (~50 ms) than it saves on these scans
            t.createUpdate("SET LOCAL jit = off").execute();
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

    /**
     * Moves the daily rollup's appended contributions into it (V33), in one statement; safe on
     * several instances at once. Answers how many it moved.
     */
    public long foldRollup() {
        return tx.inTransaction(t -> t.createGet("SELECT fold_report_day() AS n").execute().map(r -> Rows.longValue(r, "n")).orElse(0L));
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
        String sql = ReportSql.counts(spec, where, stageCounts);
        Map<String, ReportRow> rows = new LinkedHashMap<>();
        try (var result = db.createQuery(sql).params(params).execute()) {
            result.forEach(r -> {
                Map<String, String> dims = dimensions(spec, r);
                Map<String, Double> values = empty(spec.columns());
                long count = Rows.longValue(r, "n");
                if (count == 0 && !dims.isEmpty()) {
                    // a group the rollup still holds though its requests have all moved to another
                    // (organisation, district, category): it has nothing filed in the period
                    return;
                }
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
                                String c = ReportSql.column(stage);
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
        String sql = ReportSql.durations(spec, where);
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
