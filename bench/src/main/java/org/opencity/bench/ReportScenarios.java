package org.opencity.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The report builder's common shapes (issue 10: "common aggregations ≤ 300 ms"), one caller at a
 * time so each figure is the latency of one report: by organisation, district, category and
 * month over one and two years, with and without the per-stage measures (medians and 90th
 * percentiles from the duration histograms; by channel, which no histogram keeps, sorting every
 * stage duration of the period), as city staff and as an organisation.
 */
final class ReportScenarios {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REQUEST_MEASURES = List.of("COUNT", "RESOLVED_PCT", "RESOLVED_ON_TIME_PCT", "OVERDUE_COUNT",
                                                                  "REOPEN_RATE_PCT", "AVG_RATING");
    private static final List<String> ON_TIME = List.of("COUNT", "RESOLVED_PCT", "RESOLVED_ON_TIME_PCT", "OVERDUE_COUNT",
                                                         "REOPEN_RATE_PCT", "AVG_RATING", "STAGE_ON_TIME_PCT");
    private static final List<String> ALL_MEASURES = List.of("COUNT", "RESOLVED_PCT", "RESOLVED_ON_TIME_PCT", "OVERDUE_COUNT",
                                                              "REOPEN_RATE_PCT", "AVG_RATING", "STAGE_ON_TIME_PCT",
                                                              "STAGE_MEDIAN_MINUTES", "STAGE_P90_MINUTES");

    private ReportScenarios() {
    }

    /** Runs each shape as {@code city} (city dispatcher) and the organisation ones as {@code organisation} (its dispatcher). */
    static void run(Benchmark b, String city, String organisation) throws InterruptedException {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Moscow"));
        report(b, "report: org, 1 y, request", city, List.of("ORGANISATION"), REQUEST_MEASURES, today, 365);
        report(b, "report: org x month, 1 y, +on-time", city, List.of("ORGANISATION", "MONTH"), ON_TIME, today, 365);
        report(b, "report: category x month, 2 y, request", city, List.of("CATEGORY", "MONTH"), REQUEST_MEASURES, today, 730);
        report(b, "report: district x category, 2 y, +on-time", city, List.of("DISTRICT", "CATEGORY"), ON_TIME, today, 730);
        report(b, "report (org): month, 1 y, +on-time", organisation, List.of("MONTH"), ON_TIME, today, 365);
        report(b, "report (org): category, 2 y, +on-time", organisation, List.of("CATEGORY"), ON_TIME, today, 730);
        report(b, "report: channel x status, 1 y, request", city, List.of("CHANNEL", "STATUS"), REQUEST_MEASURES, today, 365);
        report(b, "report: org, 1 y, all + percentiles", city, List.of("ORGANISATION"), ALL_MEASURES, today, 365);
        report(b, "report: org x month, 2 y, all + percentiles", city, List.of("ORGANISATION", "MONTH"), ALL_MEASURES, today, 730);
        report(b, "report (org): month, 1 y, all + percentiles", organisation, List.of("MONTH"), ALL_MEASURES, today, 365);
        report(b, "report: category x month, 2 y, all + percentiles", city, List.of("CATEGORY", "MONTH"), ALL_MEASURES, today, 730);
        report(b, "report (org): category, 2 y, all + percentiles", organisation, List.of("CATEGORY"), ALL_MEASURES, today, 730);
        report(b, "report: district x week, 90 d, all + percentiles", city, List.of("DISTRICT", "WEEK"), ALL_MEASURES, today, 90);
        // no histogram is kept by channel: exact, the bound of a big slice outside the histograms
        report(b, "report: channel, 1 y, all + percentiles", city, List.of("CHANNEL"), ALL_MEASURES, today, 365);
    }

    private static void report(Benchmark b, String name, String token, List<String> dimensions, List<String> measures, LocalDate to,
                               int days) throws InterruptedException {
        Map<String, Object> query = Map.of("dimensions", dimensions, "measures", measures,
                                           "from", to.minusDays(days - 1).toString(), "to", to.toString());
        b.scenario(name, 1, 200, () -> b.send("POST", "/api/v1/reports/run", token, JSON.valueToTree(query)));
    }
}
