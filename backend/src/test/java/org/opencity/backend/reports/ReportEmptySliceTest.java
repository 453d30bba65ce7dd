package org.opencity.backend.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.model.report.Dimension;
import org.opencity.model.report.Measure;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report over a slice with no requests — a quiet quarter, district or category — answers an
 * empty table, never an error: for every dimension alone and for none, with every measure, run,
 * exported and drilled into, by city and organisation staff.
 */
@WithApp
class ReportEmptySliceTest {

    /** A quarter before the city had any request. */
    private static final String FROM = "2026-01-01";
    private static final String TO = "2026-03-31";

    private final TestApp app;

    ReportEmptySliceTest(TestApp app) {
        this.app = app;
    }

    private static List<List<String>> shapes() {
        List<List<String>> shapes = new ArrayList<>();
        shapes.add(List.of());
        for (Dimension d : Dimension.values()) {
            shapes.add(List.of(d.name()));
        }
        shapes.add(List.of("ORGANISATION", "CATEGORY", "MONTH"));
        return shapes;
    }

    private static List<String> allMeasures() {
        return Arrays.stream(Measure.values()).map(Measure::name).toList();
    }

    @Test
    void everyReportShapeOverAnEmptyPeriodAnswersAnEmptyTable() {
        for (String who : List.of("citydispatcher", "dispatcher")) {
            TestApp.Tokens caller = app.login(who);
            for (List<String> dimensions : shapes()) {
                HttpResponse<String> response = app.post("/api/v1/reports/run", Map.of(
                        "dimensions", dimensions, "measures", allMeasures(), "from", FROM, "to", TO), caller);
                assertThat(response.statusCode()).as(who + " " + dimensions + ": " + response.body()).isEqualTo(200);
                JsonNode report = TestApp.json(response);
                assertThat(report.get("rows")).as(who + " " + dimensions).isEmpty();
                JsonNode average = report.get("cityAverage").get("values");
                assertThat(average.get("COUNT").asDouble()).as("nothing filed in the city either").isZero();
                assertThat(average.hasNonNull("RESOLVED_PCT")).as("no share of nothing").isFalse();
                assertThat(average.hasNonNull("STAGE_MEDIAN_MINUTES.ACCEPT")).isFalse();
            }
        }
    }

    @Test
    void aFilterThatMatchesNothingAnswersAnEmptyTable() {
        HttpResponse<String> response = app.post("/api/v1/reports/run", Map.of(
                "dimensions", List.of("ORGANISATION"), "measures", List.of("RESOLVED_ON_TIME_PCT", "COUNT"),
                "filters", Map.of("DISTRICT", List.of("no-such-district"))), app.login("citydispatcher"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestApp.json(response).get("rows")).isEmpty();
    }

    @Test
    void anEmptyReportExportsAHeaderAndTheCityAverage() {
        HttpResponse<String> response = app.get("/api/v1/reports/export.csv?dimensions=ORGANISATION&measures=COUNT,RESOLVED_ON_TIME_PCT"
                                                        + "&from=" + FROM + "&to=" + TO, app.login("citydispatcher"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> lines = response.body().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("(city average)");
    }

    @Test
    void drillingIntoAnEmptyReportListsNothing() {
        for (String cell : List.of("cityAverage=true", "cell.ORGANISATION=mc-vakhitovsky")) {
            HttpResponse<String> response = app.get("/api/v1/reports/requests?dimensions=ORGANISATION&measures=COUNT&from=" + FROM
                                                            + "&to=" + TO + "&subset=ALL&" + cell, app.login("citydispatcher"));
            assertThat(response.statusCode()).as(cell + ": " + response.body()).isEqualTo(200);
            assertThat(TestApp.json(response).get("items")).isEmpty();
        }
    }
}
