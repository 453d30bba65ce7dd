package org.opencity.backend.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencity.backend.deadlines.BusinessCalendar;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every measure against a small dataset made through the real API on a controlled clock, with
 * the expected values worked out by hand below. Kazan is UTC+3; working hours 09:00–18:00; the
 * plumbing deadlines are ACCEPT 4 h, START 8 h, COMPLETE 24 h of working time, CONFIRM 3 days.
 * <pre>
 * A  Wed 25 Nov 09:00 filed; 10:00 accepted (ACCEPT 60 min), assigned; 12:00 started (START 120);
 *    paused 12:10–12:40; 13:00 completed (COMPLETE 60 - 30 paused = 30); 13:30 confirmed (CONFIRM 30), rated 5
 * B  Thu 26 Nov 17:00 filed; Fri 10:00 accepted (ACCEPT: 1 h Thursday + 1 h Friday = 120 working minutes,
 *    not 17 clock hours); START due Fri 18:00, started Mon 30 Nov 10:00 (540 over the weekend: late);
 *    11:00 completed (60); 12:00 DISPUTED (CONFIRM 60) → reopened; assigned, 13:00 started (START 60);
 *    14:00 completed (60); 15:00 confirmed (60), rated 2
 * C  Mon 30 Nov 16:00 filed, 16:30 cancelled by the resident (ACCEPT left, not moved on)
 * D  Tue 1 Dec 09:00 filed, never accepted: ACCEPT due 13:00, running past due at 15:00
 * E  Tue 1 Dec 10:00 filed in Sovetsky (another organisation), 10:30 accepted (ACCEPT 30), START running
 * Report at Tue 1 Dec 15:00.
 * </pre>
 */
@WithApp
class ReportMeasuresTest {

    private final TestApp app;
    private final ReportFixtures f;

    ReportMeasuresTest(TestApp app) {
        this.app = app;
        this.f = new ReportFixtures(app);
    }

    /** The app the dataset was built on (one app per test class; the tests only read). */
    private static TestApp built;

    @BeforeEach
    void dataset() {
        if (built == app) {
            return;
        }
        built = app;
        f.at("2026-11-25T06:00:00Z");
        String a = f.file("+79550000001", "vakhitovsky");
        f.at("2026-11-25T07:00:00Z");
        f.staff("dispatcher", a, "ACCEPT");
        f.assign("dispatcher", a, "plumber");
        f.at("2026-11-25T09:00:00Z");
        f.staff("plumber", a, "START");
        f.at("2026-11-25T09:10:00Z");
        f.staff("dispatcher", a, "PAUSE_CLOCK", "reason", "no access to the riser");
        f.at("2026-11-25T09:40:00Z");
        f.staff("dispatcher", a, "RESUME_CLOCK");
        f.at("2026-11-25T10:00:00Z");
        f.complete("plumber", a);
        f.at("2026-11-25T10:30:00Z");
        f.resident("+79550000001", a, "CONFIRM");
        f.resident("+79550000001", a, "RATE", "stars", 5);

        String b = f.reopenedAndRestarted("+79550000002");
        f.at("2026-11-30T11:00:00Z");
        f.complete("plumber", b);
        f.at("2026-11-30T12:00:00Z");
        f.resident("+79550000002", b, "CONFIRM");
        f.resident("+79550000002", b, "RATE", "stars", 2);

        f.at("2026-11-30T13:00:00Z");
        String c = f.file("+79550000003", "vakhitovsky");
        f.at("2026-11-30T13:30:00Z");
        f.resident("+79550000003", c, "CANCEL", "reason", "it stopped");

        f.at("2026-12-01T06:00:00Z");
        f.file("+79550000004", "vakhitovsky");
        f.at("2026-12-01T07:00:00Z");
        String e = f.file("+79550000005", "sovetsky");
        f.at("2026-12-01T07:30:00Z");
        f.staff("sovetsky.dispatcher", e, "ACCEPT");
        f.at("2026-12-01T12:00:00Z");
    }

    private static Map<String, Object> query(List<String> dimensions, Map<String, List<String>> filters) {
        return Map.of("dimensions", dimensions,
                      "measures", List.of("COUNT", "RESOLVED_PCT", "RESOLVED_ON_TIME_PCT", "OVERDUE_COUNT", "REOPEN_RATE_PCT",
                                          "AVG_RATING", "STAGE_ON_TIME_PCT", "STAGE_MEDIAN_MINUTES", "STAGE_P90_MINUTES"),
                      "filters", filters, "from", "2026-11-01", "to", "2026-12-31");
    }

    private static JsonNode row(JsonNode report, String organisation) {
        for (JsonNode row : report.get("rows")) {
            if (organisation.equals(row.get("dimensions").get("ORGANISATION").asText())) {
                return row.get("values");
            }
        }
        throw new AssertionError("no row for " + organisation + " in " + report);
    }

    private static String weakLink(JsonNode report, String organisation) {
        for (JsonNode row : report.get("rows")) {
            if (organisation.equals(row.get("dimensions").get("ORGANISATION").asText())) {
                return row.path("weakLink").asText(null);
            }
        }
        throw new AssertionError("no row for " + organisation);
    }

    @Test
    void requestMeasuresMatchTheHandCount() {
        JsonNode report = f.run(app.login("citydispatcher"), query(List.of("ORGANISATION"), Map.of()));
        JsonNode v = row(report, "mc-vakhitovsky");
        assertThat(v.get("COUNT").asDouble()).isEqualTo(4);
        assertThat(v.get("RESOLVED_PCT").asDouble()).as("A and B closed").isEqualTo(50);
        assertThat(v.get("RESOLVED_ON_TIME_PCT").asDouble()).as("only A: B started late").isEqualTo(25);
        assertThat(v.get("OVERDUE_COUNT").asDouble()).as("B late once, D past due now").isEqualTo(2);
        assertThat(v.get("REOPEN_RATE_PCT").asDouble()).as("B of A and B").isEqualTo(50);
        assertThat(v.get("AVG_RATING").asDouble()).isEqualTo(3.5);
        JsonNode sovetsky = row(report, "mc-sovetsky");
        assertThat(sovetsky.get("COUNT").asDouble()).isEqualTo(1);
        assertThat(sovetsky.get("RESOLVED_PCT").asDouble()).isZero();
        assertThat(sovetsky.hasNonNull("REOPEN_RATE_PCT")).as("nothing completed: nothing to measure").isFalse();
        assertThat(sovetsky.hasNonNull("AVG_RATING")).isFalse();
    }

    @Test
    void stageDurationsAreWorkingTimeAcrossNightsAndWeekendsWithoutPauses() {
        JsonNode v = row(f.run(app.login("citydispatcher"), query(List.of("ORGANISATION"), Map.of())), "mc-vakhitovsky");
        // ACCEPT: A 60, B 120 (over the night), C cancelled (not counted), D running past due (late)
        assertThat(v.get("STAGE_MEDIAN_MINUTES.ACCEPT").asDouble()).isEqualTo(90);
        assertThat(v.get("STAGE_P90_MINUTES.ACCEPT").asDouble()).isEqualTo(114);
        assertThat(v.get("STAGE_ON_TIME_PCT.ACCEPT").asDouble()).isEqualTo(66.67);
        // START: A 120, B 540 over the weekend (late), B again 60 after the dispute
        assertThat(v.get("STAGE_MEDIAN_MINUTES.START").asDouble()).isEqualTo(120);
        assertThat(v.get("STAGE_P90_MINUTES.START").asDouble()).isEqualTo(456);
        assertThat(v.get("STAGE_ON_TIME_PCT.START").asDouble()).isEqualTo(66.67);
        // COMPLETE: A 30 (half an hour paused), B 60 and 60
        assertThat(v.get("STAGE_MEDIAN_MINUTES.COMPLETE").asDouble()).isEqualTo(60);
        assertThat(v.get("STAGE_P90_MINUTES.COMPLETE").asDouble()).isEqualTo(60);
        assertThat(v.get("STAGE_ON_TIME_PCT.COMPLETE").asDouble()).isEqualTo(100);
        // CONFIRM (clock time): A 30, B 60 (ended by the dispute), B 60
        assertThat(v.get("STAGE_MEDIAN_MINUTES.CONFIRM").asDouble()).isEqualTo(60);
        assertThat(v.get("STAGE_ON_TIME_PCT.CONFIRM").asDouble()).isEqualTo(100);
        JsonNode report = f.run(app.login("citydispatcher"), query(List.of("ORGANISATION"), Map.of()));
        assertThat(weakLink(report, "mc-vakhitovsky")).as("START has the longest median").isEqualTo("START");
        assertThat(report.get("approximatePercentiles").asBoolean()).as("a small slice: exact").isFalse();
        assertThat(weakLink(report, "mc-sovetsky")).as("the only stage measured").isEqualTo("ACCEPT");
        JsonNode sovetsky = row(report, "mc-sovetsky");
        assertThat(sovetsky.get("STAGE_MEDIAN_MINUTES.ACCEPT").asDouble()).isEqualTo(30);
        assertThat(sovetsky.hasNonNull("STAGE_MEDIAN_MINUTES.START")).as("still running, not yet due").isFalse();
        assertThat(sovetsky.hasNonNull("STAGE_ON_TIME_PCT.START")).isFalse();
    }

    @Test
    void anOrganisationsDispatcherSeesOnlyItsOwnRowsNextToTheCityAverage() {
        JsonNode report = f.run(app.login("dispatcher"), query(List.of("ORGANISATION"), Map.of()));
        assertThat(TestApp.values(report.get("rows"), "dimensions")).hasSize(1);
        assertThat(row(report, "mc-vakhitovsky").get("COUNT").asDouble()).isEqualTo(4);
        JsonNode city = report.get("cityAverage").get("values");
        assertThat(city.get("COUNT").asDouble()).isEqualTo(5);
        assertThat(city.get("RESOLVED_PCT").asDouble()).isEqualTo(40);
        assertThat(city.get("OVERDUE_COUNT").asDouble()).isEqualTo(2);
        assertThat(city.get("STAGE_MEDIAN_MINUTES.ACCEPT").asDouble()).as("30, 60, 120").isEqualTo(60);

        JsonNode asked = f.run(app.login("dispatcher"), query(List.of("ORGANISATION"), Map.of("ORGANISATION", List.of("mc-sovetsky"))));
        assertThat(asked.get("rows")).as("another organisation's rows stay hidden even when asked for").isEmpty();
        assertThat(asked.get("cityAverage").get("values").get("COUNT").asDouble()).isEqualTo(5);
    }

    @Test
    void filtersAndPeriodsSliceTheSameFacts() {
        JsonNode byDay = f.run(app.login("citydispatcher"), query(List.of("DAY", "STATUS"),
                                                                   Map.of("DISTRICT", List.of("vakhitovsky"))));
        assertThat(byDay.get("rows").toString()).contains("\"DAY\":\"2026-11-25\",\"STATUS\":\"CLOSED\"",
                                                          "\"DAY\":\"2026-11-30\",\"STATUS\":\"CANCELLED\"",
                                                          "\"DAY\":\"2026-12-01\",\"STATUS\":\"ROUTED\"");
        assertThat(byDay.get("rows")).hasSize(4);
        JsonNode quarter = f.run(app.login("citydispatcher"), query(List.of("QUARTER", "CHANNEL"), Map.of()));
        assertThat(quarter.get("rows").get(0).get("dimensions").get("QUARTER").asText()).isEqualTo("2026-Q4");
        assertThat(quarter.get("rows").get(0).get("values").get("COUNT").asDouble()).isEqualTo(5);
    }

    @Test
    void limitsAreFieldErrors() {
        TestApp.Tokens city = app.login("citydispatcher");
        var tooMany = app.post("/api/v1/reports/run", Map.of("dimensions", List.of("CITY", "DISTRICT", "CATEGORY", "CHANNEL", "STATUS"),
                                                              "measures", List.of("COUNT")), city);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("dimensions", "too-many");
        var span = app.post("/api/v1/reports/run", Map.of("measures", List.of("COUNT"), "from", "2020-01-01", "to", "2026-12-01"), city);
        assertThat(span.statusCode()).isEqualTo(400);
        assertThat(span.body()).contains("span");
        var badFilter = app.post("/api/v1/reports/run", Map.of("measures", List.of("COUNT"),
                                                                "filters", Map.of("CHANNEL", List.of("PIGEON"))), city);
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(app.post("/api/v1/reports/run", Map.of("measures", List.of("COUNT")), app.login("plumber")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theDatabasesWorkingTimeAndDueTimesAgreeWithTheDeadlineCalendar() {
        UUID city = UUID.fromString(f.single("SELECT id FROM city LIMIT 1"));
        BusinessCalendar calendar = new Calendars(app.database().client(), app.clock()).of(city);
        List<Instant[]> spans = List.of(
                new Instant[] {Instant.parse("2026-11-26T14:00:00Z"), Instant.parse("2026-11-27T07:00:00Z")},   // a night
                new Instant[] {Instant.parse("2026-11-27T07:00:00Z"), Instant.parse("2026-11-30T07:00:00Z")},   // a weekend
                new Instant[] {Instant.parse("2026-11-02T05:00:00Z"), Instant.parse("2026-11-06T20:00:00Z")},   // short day and holiday
                new Instant[] {Instant.parse("2026-12-30T10:00:00Z"), Instant.parse("2027-01-12T10:00:00Z")});  // new year
        for (Instant[] s : spans) {
            long sql = Long.parseLong(f.single("SELECT working_seconds('" + city + "', '" + s[0] + "', '" + s[1] + "')"));
            assertThat(sql).as(s[0] + " – " + s[1]).isEqualTo(calendar.workingTimeBetween(s[0], s[1]).toSeconds());
            for (Duration time : List.of(Duration.ofHours(4), Duration.ofHours(24), Duration.ofHours(80))) {
                long due = new java.math.BigDecimal(f.single("SELECT extract(epoch FROM plus_working_seconds('" + city + "', '" + s[0]
                                                                     + "', " + time.toSeconds() + "))")).longValueExact();
                assertThat(Instant.ofEpochSecond(due)).as(s[0] + " + " + time).isEqualTo(calendar.plusWorkingTime(s[0], time));
            }
        }
    }
}
