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
 * by triggers (see V21), and its daily rollup (V22, V33): a report is one scan of the period's
 * rollup or facts grouped by dimension ids — never the history, the wide request rows or joins per
 * row. Stage medians and 90th percentiles are exact for small slices (the durations unnested from
 * the facts and sorted) and read from stage histograms for big ones (V36, within 1.6 %). City staff
 * see the whole city; an organisation's staff see only requests it is responsible for, and every
 * caller gets the city average alongside.
 */
public final class Reports {

    /** The most rows a report answers (the rest is cut off and flagged). */
    public static final int MAX_ROWS = 5000;

    /**
     * Memory for each sort and hash of a report query: sorting a year of a city's stage durations
     * (about two million) takes ~90 MB; PostgreSQL's default, 4 MB, spills it to disk.
     */
    static final String WORK_MEM = "128MB";

    /**
     * Stage percentiles are exact (sorting the durations) for slices of up to this many requests,
     * read from the histograms (within 1.6 %) above it when a histogram cut keeps the slice's
     * dimensions. Measured at 2.5 million requests: 5,685 requests' durations sort in 64–97 ms,
     * 15,103 in 156–165 ms, where reading histograms takes 20–50 ms (docs/decisions.md,
     * "Reports at city scale").
     */
    public static final long EXACT_PERCENTILES_UP_TO = 5_000;

    private final Transactions tx;
    private final Calendars calendars;
    private final Clock clock;
    private final long exactUpTo;

    public Reports(Transactions tx, Calendars calendars, Clock clock) {
        this(tx, calendars, clock, EXACT_PERCENTILES_UP_TO);
    }

    /** With exact stage percentiles for slices of up to {@code exactUpTo} requests. */
    Reports(Transactions tx, Calendars calendars, Clock clock, long exactUpTo) {
        this.tx = tx;
        this.calendars = calendars;
        this.clock = clock;
        this.exactUpTo = exactUpTo;
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
            // a plan for the values at hand: the driver prepares a statement used often, and the generic plan PostgreSQL
            // then settles on for the histograms cannot see which days and cut it reads (measured: 105–140 ms, 23 ms planned
            // for the values); planning takes about 2 ms
            t.createUpdate("SET LOCAL plan_cache_mode = force_custom_plan").execute();
            Slice slice = aggregate(t, caller.cityId(), spec, scope, MAX_ROWS + 1);
            List<ReportRow> rows = slice.rows();
            boolean truncated = rows.size() > MAX_ROWS;
            if (truncated) {
                rows = rows.subList(0, MAX_ROWS);
            }
            Slice average = aggregate(t, caller.cityId(), spec.cityWide(), Optional.empty(), 1);
            ReportRow cityAverage = average.rows().isEmpty() ? nothingFiled(spec) : average.rows().getFirst();
            return new ReportResult(spec.dimensions(), spec.columns(), List.copyOf(rows), cityAverage, spec.from(), spec.to(),
                                    truncated, slice.fromHistograms() || average.fromHistograms());
        });
    }

    /**
     * Moves the daily rollup's appended contributions into it (V33) and the appended stage
     * durations into their histograms (V36), each in one statement; safe on several instances at
     * once. Answers how many change rows it moved.
     */
    public long foldRollup() {
        return tx.inTransaction(t -> t.createGet("SELECT fold_report_day() + fold_report_durations() AS n").execute()
                .map(r -> Rows.longValue(r, "n")).orElse(0L));
    }

    /** The organisation an organisation's staff are limited to; empty for city staff. */
    static Optional<UUID> scope(Caller caller) {
        if (caller.cityWide()) {
            return Optional.empty();
        }
        return Optional.of(caller.actingOrganisation().orElseThrow(() -> new Forbidden("reports are for city and organisation staff")));
    }

    /** A report's groups, and whether their stage percentiles came from the histograms. */
    private record Slice(List<ReportRow> rows, boolean fromHistograms) {
    }

    private Slice aggregate(DbExecute db, UUID city, ReportSpec spec, Optional<UUID> scope, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(city, spec, scope, params);
        params.put("now", Rows.param(clock.instant()));
        params.put("limit", limit);
        boolean stageCounts = spec.measures().contains(Measure.STAGE_ON_TIME_PCT);
        String sql = ReportSql.counts(spec, where, stageCounts);
        Map<String, ReportRow> rows = new LinkedHashMap<>();
        long[] requests = {0};
        try (var result = db.createQuery(sql).params(params).execute()) {
            result.forEach(r -> {
                Map<String, String> dims = dimensions(spec, r);
                Map<String, Double> values = empty(spec.columns());
                long count = sum(r, "n");
                requests[0] += count;
                if (count == 0) {
                    // nothing filed: without dimensions, the one row of sums over no rows at all (nulls); with them, a
                    // group the rollup still holds though its requests have all moved to another (organisation,
                    // district, category)
                    return;
                }
                for (Measure m : spec.measures()) {
                    switch (m) {
                        case COUNT -> values.put(m.name(), (double) count);
                        case RESOLVED_PCT -> values.put(m.name(), pct(sum(r, "resolved"), count));
                        case RESOLVED_ON_TIME_PCT -> values.put(m.name(), pct(sum(r, "resolved_on_time"), count));
                        case OVERDUE_COUNT -> values.put(m.name(), (double) sum(r, "overdue"));
                        case REOPEN_RATE_PCT -> values.put(m.name(), pct(sum(r, "reopened"), sum(r, "ever_done")));
                        case AVG_RATING -> values.put(m.name(), Rows.optionalDouble(r, "rating").map(Reports::round).orElse(null));
                        case STAGE_ON_TIME_PCT -> {
                            for (SlaStage stage : SlaStage.values()) {
                                String c = ReportSql.column(stage);
                                values.put(m.name() + "." + stage.name(), pct(sum(r, c + "_on_time"), sum(r, c + "_judged")));
                            }
                        }
                        default -> {
                        }
                    }
                }
                rows.put(key(dims), new ReportRow(dims, values, null));
            });
        }
        boolean fromHistograms = false;
        if ((spec.measures().contains(Measure.STAGE_MEDIAN_MINUTES) || spec.measures().contains(Measure.STAGE_P90_MINUTES))
                && !rows.isEmpty()) {
            Optional<String> cut = ReportSql.cut(spec, scope.isPresent());
            fromHistograms = cut.isPresent() && requests[0] > exactUpTo;
            if (fromHistograms) {
                histograms(db, spec, cut.get(), where, params, rows);
            } else {
                durations(db, spec, where, params, rows);
            }
        }
        return new Slice(rows.values().stream().map(r -> new ReportRow(r.dimensions(), r.values(), weakLink(r.values()))).toList(),
                         fromHistograms);
    }

    /**
     * Adds the stage medians and 90th percentiles to the rows found by the request query (a group
     * absent there is past the limit): one exact {@code percentile_cont} per group and stage over
     * the durations the facts carry, both fractions from one sort.
     */
    private void durations(DbExecute db, ReportSpec spec, String where, Map<String, Object> params, Map<String, ReportRow> rows) {
        Map<String, Object> stageParams = new HashMap<>(params);
        stageParams.remove("limit");
        try (var result = db.createQuery(ReportSql.durations(spec, where)).params(stageParams).execute()) {
            result.forEach(r -> percentiles(spec, rows.get(key(dimensions(spec, r))), Rows.string(r, "stage"),
                                            Rows.optionalDouble(r, "median").orElse(null), Rows.optionalDouble(r, "p90").orElse(null)));
        }
    }

    /**
     * The same from the stage histograms of {@code cut} (V36): whole months from monthly rows, the
     * days at the edges from daily ones (all of them when the report groups by day or week).
     */
    private void histograms(DbExecute db, ReportSpec spec, String cut, String where, Map<String, Object> params,
                            Map<String, ReportRow> rows) {
        LocalDate monthsFrom = spec.from().withDayOfMonth(1);
        if (!monthsFrom.equals(spec.from())) {
            monthsFrom = monthsFrom.plusMonths(1);
        }
        LocalDate monthsTo = spec.to().plusDays(1).withDayOfMonth(1);
        if (!monthsFrom.isBefore(monthsTo) || spec.dimensions().contains(Dimension.DAY) || spec.dimensions().contains(Dimension.WEEK)) {
            monthsTo = monthsFrom;   // days only
        }
        Map<String, Object> histogramParams = new HashMap<>(params);
        histogramParams.remove("limit");
        histogramParams.remove("now");
        histogramParams.put("cut", cut);
        histogramParams.put("monthsFrom", monthsFrom.toString());
        histogramParams.put("monthsTo", monthsTo.toString());
        try (var result = db.createQuery(ReportSql.histograms(spec, where)).params(histogramParams).execute()) {
            result.forEach(r -> {
                DurationHistogram histogram = new DurationHistogram();
                histogram.add(Rows.optionalString(r, "h").orElse(""));
                percentiles(spec, rows.get(key(dimensions(spec, r))), Rows.string(r, "stage"), histogram.percentile(0.5),
                            histogram.percentile(0.9));
            });
        }
    }

    /** Puts a group's stage median and 90th percentile (seconds) into its row as minutes, as far as they were asked for. */
    private static void percentiles(ReportSpec spec, ReportRow row, String stage, Double median, Double p90) {
        if (row == null) {
            return;
        }
        String name = SlaStage.valueOf(stage).name();
        if (spec.measures().contains(Measure.STAGE_MEDIAN_MINUTES)) {
            row.values().put(Measure.STAGE_MEDIAN_MINUTES.name() + "." + name, median == null ? null : round(median / 60));
        }
        if (spec.measures().contains(Measure.STAGE_P90_MINUTES)) {
            row.values().put(Measure.STAGE_P90_MINUTES.name() + "." + name, p90 == null ? null : round(p90 / 60));
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

    /** A count or a sum of counts: SQL's {@code sum} over no rows is null, and means none. */
    private static long sum(DbRow r, String column) {
        return Rows.optionalLong(r, column).orElse(0L);
    }

    /** The row of a slice with no requests: no requests and none overdue, nothing else to measure. */
    private static ReportRow nothingFiled(ReportSpec spec) {
        Map<String, Double> values = empty(spec.columns());
        for (Measure m : List.of(Measure.COUNT, Measure.OVERDUE_COUNT)) {
            if (values.containsKey(m.name())) {
                values.put(m.name(), 0.0);
            }
        }
        return new ReportRow(Map.of(), values, null);
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
