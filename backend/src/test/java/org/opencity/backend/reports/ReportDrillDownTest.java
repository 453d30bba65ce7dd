package org.opencity.backend.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests behind a report's figures, against a small dataset made through the real API
 * (Kazan is UTC+3, working hours 09:00–18:00; plumbing ACCEPT 4 h, START 8 h, COMPLETE 24 h):
 * <pre>
 * B  Thu 26 Nov filed; Fri 10:00 accepted; START Fri 10:00 → Mon 30 Nov 10:00 (540 working minutes, late);
 *    completed, disputed, restarted: START again 12:00 → 13:00 (60); COMPLETE running (not yet due)
 * A  Mon 30 Nov 14:00 filed, 14:30 accepted (ACCEPT 30), 15:00 started (START 30), 15:30 completed,
 *    16:00 confirmed and rated 5
 * D  Tue 1 Dec 09:00 filed, never accepted: ACCEPT due 13:00, running past due at 15:00
 * E  Tue 1 Dec 10:00 filed in Sovetsky (another organisation), 10:30 accepted
 * Drilled into at Tue 1 Dec 15:00.
 * </pre>
 */
@WithApp
class ReportDrillDownTest {

    private static final String REPORT = "dimensions=ORGANISATION&measures=COUNT&from=2026-11-01&to=2026-12-31";
    private static TestApp built;
    private static Map<String, String> numbers;

    private final TestApp app;
    private final ReportFixtures f;

    ReportDrillDownTest(TestApp app) {
        this.app = app;
        this.f = new ReportFixtures(app);
    }

    @BeforeEach
    void dataset() {
        if (built == app) {
            return;
        }
        built = app;
        String b = f.reopenedAndRestarted("+79560000002");
        f.at("2026-11-30T11:00:00Z");
        String a = f.file("+79560000001", "vakhitovsky");
        f.at("2026-11-30T11:30:00Z");
        f.staff("dispatcher", a, "ACCEPT");
        f.assign("dispatcher", a, "plumber");
        f.at("2026-11-30T12:00:00Z");
        f.staff("plumber", a, "START");
        f.at("2026-11-30T12:30:00Z");
        f.complete("plumber", a);
        f.at("2026-11-30T13:00:00Z");
        f.resident("+79560000001", a, "CONFIRM");
        f.resident("+79560000001", a, "RATE", "stars", 5);
        f.at("2026-12-01T06:00:00Z");
        String d = f.file("+79560000004", "vakhitovsky");
        f.at("2026-12-01T07:00:00Z");
        String e = f.file("+79560000005", "sovetsky");
        f.at("2026-12-01T07:30:00Z");
        f.staff("sovetsky.dispatcher", e, "ACCEPT");
        f.at("2026-12-01T12:00:00Z");
        numbers = Map.of(a, "A", b, "B", d, "D", e, "E");
    }

    private JsonNode drill(String who, String parameters) {
        HttpResponse<String> response = app.get("/api/v1/reports/requests?" + parameters, app.login(who));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestApp.json(response);
    }

    /** The requests of a page as the letters of the dataset. */
    private static List<String> letters(JsonNode page) {
        List<String> found = new ArrayList<>();
        page.get("items").forEach(i -> found.add(numbers.getOrDefault(i.get("id").asText(), "?")));
        return found;
    }

    @Test
    void eachSubsetListsWhatItsFigureCountsNewestFirst() {
        String cell = REPORT + "&cell.ORGANISATION=mc-vakhitovsky&subset=";
        assertThat(letters(drill("citydispatcher", cell + "ALL"))).containsExactly("D", "A", "B");
        assertThat(letters(drill("citydispatcher", cell + "RESOLVED"))).containsExactly("A");
        assertThat(letters(drill("citydispatcher", cell + "RESOLVED_ON_TIME"))).containsExactly("A");
        assertThat(letters(drill("citydispatcher", cell + "OVERDUE"))).as("B started late, D past due now").containsExactly("D", "B");
        assertThat(letters(drill("citydispatcher", cell + "REOPENED"))).containsExactly("B");
        assertThat(letters(drill("citydispatcher", cell + "RATED"))).containsExactly("A");
        assertThat(letters(drill("citydispatcher", REPORT + "&cell.ORGANISATION=mc-sovetsky&subset=ALL"))).containsExactly("E");
    }

    @Test
    void aPeriodCellIsTheFilingMonthInTheCitysTime() {
        String months = "dimensions=ORGANISATION,MONTH&from=2026-11-01&to=2026-12-31&cell.ORGANISATION=mc-vakhitovsky&cell.MONTH=";
        assertThat(letters(drill("citydispatcher", months + "2026-11"))).containsExactly("A", "B");
        assertThat(letters(drill("citydispatcher", months + "2026-12"))).as("D was filed at 09:00 on 1 December in Kazan")
                .containsExactly("D");
        assertThat(letters(drill("citydispatcher", "dimensions=DISTRICT&from=2026-11-01&to=2026-12-31&filter.CHANNEL=MOBILE"
                                                   + "&cell.DISTRICT=vakhitovsky&subset=RESOLVED"))).containsExactly("A");
        assertThat(drill("citydispatcher", "dimensions=DISTRICT&from=2026-11-01&to=2026-12-31&filter.CHANNEL=CALL_CENTRE"
                                           + "&cell.DISTRICT=vakhitovsky").get("items")).as("the report's filters apply").isEmpty();
    }

    @Test
    void theCountsAgreeWithTheReport() {
        JsonNode report = f.run(app.login("citydispatcher"), Map.of("dimensions", List.of("ORGANISATION"),
                "measures", List.of("COUNT", "OVERDUE_COUNT"), "from", "2026-11-01", "to", "2026-12-31"));
        for (JsonNode row : report.get("rows")) {
            String organisation = row.get("dimensions").get("ORGANISATION").asText();
            String cell = REPORT + "&cell.ORGANISATION=" + organisation + "&subset=";
            assertThat(drill("citydispatcher", cell + "ALL").get("items").size()).as(organisation)
                    .isEqualTo(row.get("values").get("COUNT").asInt());
            assertThat(drill("citydispatcher", cell + "OVERDUE").get("items").size()).as(organisation)
                    .isEqualTo(row.get("values").get("OVERDUE_COUNT").asInt());
        }
    }

    @Test
    void stageSubsetsListStageFactsSlowestFirst() {
        String cell = REPORT + "&cell.ORGANISATION=mc-vakhitovsky&subset=";
        JsonNode done = drill("citydispatcher", cell + "STAGE_DONE&stage=START");
        assertThat(letters(done)).as("B over the weekend, B after the dispute, A").containsExactly("B", "B", "A");
        List<Double> minutes = new ArrayList<>();
        done.get("items").forEach(i -> minutes.add(i.get("stageMinutes").asDouble()));
        assertThat(minutes).containsExactly(540.0, 60.0, 30.0);
        assertThat(done.get("items").get(0).get("stageLate").asBoolean()).isTrue();
        assertThat(done.get("items").get(2).get("stageLate").asBoolean()).isFalse();

        assertThat(letters(drill("citydispatcher", cell + "STAGE_LATE&stage=START"))).containsExactly("B");
        JsonNode lateAccept = drill("citydispatcher", cell + "STAGE_LATE&stage=ACCEPT");
        assertThat(letters(lateAccept)).as("D is running past due").containsExactly("D");
        JsonNode running = lateAccept.get("items").get(0);
        assertThat(running.hasNonNull("stageMinutes")).as("running").isFalse();
        assertThat(running.get("stageLate").asBoolean()).isTrue();
        assertThat(running.get("stage").asText()).isEqualTo("ACCEPT");
    }

    @Test
    void pagesFollowOneAnotherToTheEnd() {
        String all = REPORT + "&cell.ORGANISATION=mc-vakhitovsky&subset=ALL&limit=1";
        List<String> seen = new ArrayList<>();
        JsonNode page = drill("citydispatcher", all);
        while (true) {
            seen.addAll(letters(page));
            if (!page.hasNonNull("next")) {
                break;
            }
            page = drill("citydispatcher", all + "&after=" + page.get("next").asText());
        }
        assertThat(seen).containsExactly("D", "A", "B");
        String stages = REPORT + "&cell.ORGANISATION=mc-vakhitovsky&subset=STAGE_DONE&stage=START&limit=2";
        JsonNode first = drill("citydispatcher", stages);
        JsonNode second = drill("citydispatcher", stages + "&after=" + first.get("next").asText());
        assertThat(letters(second)).containsExactly("A");
        assertThat(second.hasNonNull("next")).as("the end").isFalse();
    }

    @Test
    void anOrganisationSeesOnlyItsOwnRequestsBehindAnyFigure() {
        assertThat(letters(drill("dispatcher", REPORT + "&cell.ORGANISATION=mc-vakhitovsky"))).containsExactly("D", "A", "B");
        assertThat(drill("dispatcher", REPORT + "&cell.ORGANISATION=mc-sovetsky").get("items")).as("another's cell").isEmpty();
        assertThat(drill("dispatcher", "dimensions=&from=2026-11-01&to=2026-12-31&filter.ORGANISATION=mc-sovetsky").get("items"))
                .as("filtered for another").isEmpty();
        assertThat(letters(drill("sovetsky.dispatcher", "dimensions=DISTRICT&from=2026-11-01&to=2026-12-31&cell.DISTRICT=sovetsky")))
                .containsExactly("E");
        assertThat(drill("sovetsky.dispatcher", REPORT + "&cell.ORGANISATION=mc-vakhitovsky&subset=STAGE_DONE&stage=START")
                           .get("items")).isEmpty();
        HttpResponse<String> average = app.get("/api/v1/reports/requests?" + REPORT + "&cityAverage=true", app.login("dispatcher"));
        assertThat(average.statusCode()).as("the city average is not a way round the scope").isEqualTo(403);
        assertThat(letters(drill("citydispatcher", REPORT + "&cityAverage=true"))).containsExactly("E", "D", "A", "B");
        assertThat(app.get("/api/v1/reports/requests?" + REPORT + "&cell.ORGANISATION=mc-vakhitovsky", app.login("plumber")).statusCode())
                .as("technicians have no reports").isEqualTo(403);
    }

    @Test
    void badParametersAreFieldErrors() {
        TestApp.Tokens city = app.login("citydispatcher");
        for (String bad : List.of(REPORT + "&subset=ALL",                                          // no cell
                                  REPORT + "&cell.ORGANISATION=x&cell.DISTRICT=y",                 // a cell beyond the report
                                  REPORT + "&cell.ORGANISATION=mc-vakhitovsky&subset=STAGE_DONE",   // no stage
                                  REPORT + "&cell.ORGANISATION=mc-vakhitovsky&stage=START",         // a stage without a stage subset
                                  REPORT + "&cell.ORGANISATION=mc-vakhitovsky&subset=SOME",
                                  REPORT + "&cell.ORGANISATION=mc-vakhitovsky&after=bm90LWEtY3Vyc29y",
                                  REPORT + "&cell.ORGANISATION=mc-vakhitovsky&limit=201",
                                  REPORT + "&cell.ORGANISATION=" + "x".repeat(41))) {
            HttpResponse<String> response = app.get("/api/v1/reports/requests?" + bad, city);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(TestApp.json(response).get("errors").size()).as(bad).isPositive();
        }
    }
}
