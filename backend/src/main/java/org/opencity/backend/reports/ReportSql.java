package org.opencity.backend.reports;

import org.opencity.model.SlaStage;
import org.opencity.model.report.Dimension;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of a report, built only from the fixed key, label and filter expressions of
 * {@link ReportSpec} (values are bound parameters). Counts come from the daily rollup
 * ({@code report_day}) plus the few facts whose contribution depends on the time of the report
 * when the report's dimensions and filters are all kept there, else from the facts
 * ({@code report_fact}); durations exactly from the facts or as histograms ({@code report_duration}).
 * Columns: {@code dim0..}, then {@code n, resolved, resolved_on_time, overdue, reopened, ever_done,
 * rating} and per stage {@code <stage>_on_time, <stage>_judged}; or {@code stage, median, p90}; or
 * {@code stage, h}.
 */
final class ReportSql {

    private ReportSql() {
    }

    /** The counts of each group, in label order, {@code :limit} groups at most. */
    static String counts(ReportSpec spec, String where, boolean stageCounts) {
        return spec.rolledUp() ? rolledUp(spec, where, stageCounts) : fromFacts(spec, where, stageCounts);
    }

    private static String fromFacts(ReportSpec spec, String where, boolean stageCounts) {
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
        return grouped(spec, "g.*", measures.toString(), "report_fact r", "", where, null) + " LIMIT :limit";
    }

    /**
     * The rollup's sums, and from the facts with a running deadline (open requests only: a
     * partial index) what counts because that deadline has passed by now.
     */
    private static String rolledUp(ReportSpec spec, String where, boolean stageCounts) {
        StringBuilder day = new StringBuilder("SELECT r.city_id, r.day, r.organisation_id, r.district_id, r.category_id, r.requests AS n, "
                + "r.resolved, r.resolved_on_time, r.late AS overdue, r.reopened, r.ever_done, r.rating_sum, r.rating_n");
        StringBuilder now = new StringBuilder("SELECT r.city_id, r.day, r.organisation_id, r.district_id, r.category_id, 0, 0, 0, "
                + "CAST(r.late_stages = 0 AND r.overdue_from < :now AS int), 0, 0, 0, 0");
        StringBuilder measures = new StringBuilder("""
                sum(r.n) AS n, sum(r.resolved) AS resolved, sum(r.resolved_on_time) AS resolved_on_time, sum(r.overdue) AS overdue,
                sum(r.reopened) AS reopened, sum(r.ever_done) AS ever_done,
                CAST(sum(r.rating_sum) AS numeric) / nullif(sum(r.rating_n), 0) AS rating""");
        if (stageCounts) {
            for (SlaStage stage : SlaStage.values()) {
                String c = column(stage);
                day.append(", r.").append(c).append("_on_time, r.").append(c).append("_moved AS ").append(c).append("_judged");
                now.append(", 0, CAST(r.running_stage = '").append(stage.name()).append("' AND r.running_due < :now AS int)");
                measures.append(", sum(r.").append(c).append("_on_time) AS ").append(c).append("_on_time, sum(r.").append(c)
                        .append("_judged) AS ").append(c).append("_judged");
            }
        }
        // the rollup, the contributions not folded into it yet (V33), and the facts whose deadline passes now
        String source = "(" + day + " FROM report_day r" + where + " UNION ALL " + day + " FROM report_day_change r" + where
                + " UNION ALL " + now + " FROM report_fact r" + where
                + " AND (r.overdue_from IS NOT NULL OR r.running_due IS NOT NULL) AND (r.overdue_from < :now OR r.running_due < :now)) r";
        return grouped(spec, "g.*", measures.toString(), source, "", "", null) + " LIMIT :limit";
    }

    /** Each group's stage medians and 90th percentiles: exact, both fractions from one sort per group and stage. */
    static String durations(ReportSpec spec, String where) {
        return grouped(spec, "g.stage, g.q[1] AS median, g.q[2] AS p90",
                       "percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY x.seconds) AS q", "report_fact r", """
                        CROSS JOIN LATERAL (VALUES ('ACCEPT', r.accept_seconds), ('START', r.start_seconds),
                                                   ('COMPLETE', r.complete_seconds), ('CONFIRM', r.confirm_seconds)) v(stage, seconds)
                        CROSS JOIN LATERAL unnest(v.seconds) x(seconds)""", where, "v.stage");
    }

    /**
     * The histogram cut (V36) kept for every dimension this report groups or filters by (the
     * organisation too when the caller is limited to one), if there is one.
     */
    static Optional<String> cut(ReportSpec spec, boolean scoped) {
        Set<Dimension> used = EnumSet.noneOf(Dimension.class);
        used.addAll(spec.dimensions());
        used.addAll(spec.filters().keySet());
        if (scoped || used.remove(Dimension.ORGANISATION_TYPE)) {
            used.add(Dimension.ORGANISATION);
        }
        used.removeIf(d -> d.period() || d == Dimension.CITY);
        if (used.isEmpty()) {
            return Optional.of("DISTRICT");   // the fewest rows: a city has fewer districts than organisations or categories
        }
        if (used.equals(EnumSet.of(Dimension.ORGANISATION, Dimension.CATEGORY))) {
            return Optional.of("ORGANISATION_CATEGORY");
        }
        if (used.equals(EnumSet.of(Dimension.ORGANISATION, Dimension.DISTRICT))) {
            return Optional.of("ORGANISATION_DISTRICT");
        }
        if (used.size() == 1 && EnumSet.of(Dimension.ORGANISATION, Dimension.DISTRICT, Dimension.CATEGORY).containsAll(used)) {
            return Optional.of(used.iterator().next().name());
        }
        return Optional.empty();
    }

    /**
     * Each group's stage histograms as {@code stage, h} with {@code h} the {@code bucket,count}
     * pairs of all its rows: the {@code :cut}'s whole months from {@code :monthsFrom} to before
     * {@code :monthsTo} from MONTH rows, the other days from DAY rows, and the durations not
     * folded in yet.
     */
    static String histograms(ReportSpec spec, String where) {
        String columns = "SELECT r.city_id, r.day, r.organisation_id, r.district_id, r.category_id, r.stage, ";
        String source = "(" + columns + "array_to_string(r.histogram, ',') AS h FROM report_duration r" + where
                + " AND r.cut = :cut AND (r.span = 'MONTH' AND r.day >= CAST(:monthsFrom AS date) AND r.day < CAST(:monthsTo AS date)"
                + " OR r.span = 'DAY' AND (r.day < CAST(:monthsFrom AS date) OR r.day >= CAST(:monthsTo AS date)))"
                + " UNION ALL " + columns + "r.bucket || ',' || r.n FROM report_duration_change r" + where + ") r";
        return grouped(spec, "g.stage, g.h", "string_agg(r.h, ',') AS h", source, "", "", "r.stage");
    }

    /**
     * {@code aggregates} over {@code source} grouped by the report's dimension keys (then
     * {@code stage} when there is one), with the dimension labels put on the groups
     * afterwards, in label order, followed by {@code outer} (over the groups {@code g}).
     */
    private static String grouped(ReportSpec spec, String outer, String aggregates, String source, String lateral, String where,
                                  String stage) {
        int n = spec.dimensions().size();
        StringBuilder keys = new StringBuilder();
        StringBuilder labels = new StringBuilder("SELECT ");
        for (int i = 0; i < n; i++) {
            keys.append(ReportSpec.key(spec.dimensions().get(i))).append(" AS k").append(i).append(", ");
            labels.append(ReportSpec.label(spec.dimensions().get(i), "g.k" + i)).append(" AS dim").append(i).append(", ");
        }
        int extra = 0;
        if (stage != null) {
            keys.append(stage).append(" AS stage, ");
            extra = 1;
        }
        String organisation = spec.dimensions().contains(Dimension.ORGANISATION_TYPE)
                ? " LEFT JOIN organisation o ON o.id = r.organisation_id" : "";
        return labels + outer + " FROM (SELECT " + keys + aggregates + " FROM " + source + organisation + " " + lateral + where
                + positions(" GROUP BY ", n + extra) + ") g" + positions(" ORDER BY ", n + extra);
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

    static String column(SlaStage stage) {
        return stage.name().toLowerCase(Locale.ROOT);
    }
}
