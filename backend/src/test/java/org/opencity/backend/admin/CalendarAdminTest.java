package org.opencity.backend.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The working calendar over HTTP on the demo city (Kazan, the Russian calendar, 09:00-18:00).
 * Each test edits dates of its own; the test that changes working hours puts them back.
 */
@WithApp
class CalendarAdminTest {

    private static final ZoneId KAZAN = ZoneId.of("Europe/Moscow");
    private final TestApp app;

    CalendarAdminTest(TestApp app) {
        this.app = app;
    }

    @Test
    void aNewHolidayMovesTheBusinessTimeDeadlineOfTheNextRequestAtOnce() {
        // Wednesday 25 November 2026, 16:50 in Kazan: a plumbing request (4 business hours to
        // accept) is due on Thursday; with Thursday made a holiday, the next one is due on Friday
        app.clock().set(Instant.parse("2026-11-25T13:50:00Z"));
        TestApp.Tokens admin = app.loginCityAdmin();
        TestApp.Tokens resident = app.newResident();
        String building = single("""
                SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky'
                ORDER BY b.street_ru, b.house LIMIT 1""");
        JsonNode before = app.fileRequest(resident, "plumbing", building, "The kitchen tap drips all night").get("summary");
        Instant dueBefore = Instant.parse(before.get("dueAt").asText());
        assertThat(LocalDate.ofInstant(dueBefore, KAZAN)).isEqualTo(LocalDate.parse("2026-11-26"));

        HttpResponse<String> holiday = app.put("/api/v1/admin/calendar/days/2026-11-26", Map.of("kind", "HOLIDAY"), admin);
        assertThat(holiday.statusCode()).as(holiday.body()).isEqualTo(200);

        JsonNode after = app.fileRequest(resident, "plumbing", building, "The bathroom tap drips all night").get("summary");
        Instant dueAfter = Instant.parse(after.get("dueAt").asText());
        assertThat(after.get("createdAt").asText()).isEqualTo(before.get("createdAt").asText());
        assertThat(Duration.between(dueBefore, dueAfter)).isEqualTo(Duration.ofDays(1));
        JsonNode running = TestApp.json(app.get("/api/v1/requests/" + before.get("id").asText(), resident)).get("summary");
        assertThat(running.get("dueAt").asText()).as("a running deadline keeps its due time").isEqualTo(before.get("dueAt").asText());
    }

    @Test
    void theCalendarOfAYearShowsTheHoursAndOnlyThatYearsExceptionalDays() {
        TestApp.Tokens admin = app.loginCityAdmin();
        JsonNode year = TestApp.json(app.get("/api/v1/admin/calendar?year=2026", admin));
        assertThat(year.get("timezone").asText()).isEqualTo("Europe/Moscow");
        assertThat(year.get("workStartsAt").asText()).isEqualTo("09:00");
        assertThat(year.get("workEndsAt").asText()).isEqualTo("18:00");
        assertThat(year.get("year").asInt()).isEqualTo(2026);
        List<String> days = new ArrayList<>();
        year.get("days").forEach(d -> days.add(d.get("date").asText() + " " + d.get("kind").asText()));
        assertThat(days).contains("2026-01-01 HOLIDAY", "2026-04-30 SHORT", "2026-12-31 HOLIDAY")
                .allMatch(d -> d.startsWith("2026-")).isSorted();
        assertThat(TestApp.json(app.get("/api/v1/admin/calendar", admin)).get("year").asInt()).as("this year by default")
                .isEqualTo(LocalDate.ofInstant(app.clock().instant(), KAZAN).getYear());

        assertThat(fieldErrors(app.get("/api/v1/admin/calendar?year=next", admin))).containsExactly("year:format");
        assertThat(fieldErrors(app.get("/api/v1/admin/calendar?year=1999", admin))).containsExactly("year:range");
        assertThat(app.get("/api/v1/admin/calendar?year=2026", app.login("orgadmin")).statusCode()).isEqualTo(403);
    }

    @Test
    void aDayBecomesExceptionalAndOrdinaryAgainAndEachChangeIsLogged() {
        TestApp.Tokens admin = app.loginCityAdmin();
        HttpResponse<String> workday = app.put("/api/v1/admin/calendar/days/2027-03-13", Map.of("kind", "SHORT_WORKDAY"), admin);
        assertThat(workday.statusCode()).as(workday.body()).isEqualTo(200);
        assertThat(TestApp.json(workday).get("kind").asText()).isEqualTo("SHORT_WORKDAY");
        assertThat(app.put("/api/v1/admin/calendar/days/2027-03-13", Map.of("kind", "WORKDAY"), admin).statusCode()).isEqualTo(200);
        assertThat(days(admin, 2027)).contains("2027-03-13 WORKDAY").doesNotContain("2027-03-13 SHORT_WORKDAY");

        assertThat(app.delete("/api/v1/admin/calendar/days/2027-03-13", admin).statusCode()).isEqualTo(204);
        assertThat(days(admin, 2027)).noneMatch(d -> d.startsWith("2027-03-13"));
        assertThat(app.delete("/api/v1/admin/calendar/days/2027-03-13", admin).statusCode()).as("already ordinary").isEqualTo(204);
        assertThat(app.database().count("""
                SELECT count(*) FROM security_event WHERE kind = 'CALENDAR_CHANGED' AND detail->>'date' = '2027-03-13'""")).isEqualTo(3);
    }

    @Test
    void aDaysKindMustFitItsWeekdayAndTheDateMustBeADate() {
        TestApp.Tokens admin = app.loginCityAdmin();
        // 2027-03-12 is a Friday, 2027-03-20 a Saturday
        assertThat(fieldErrors(app.put("/api/v1/admin/calendar/days/2027-03-12", Map.of("kind", "WORKDAY"), admin)))
                .containsExactly("kind:weekday");
        assertThat(fieldErrors(app.put("/api/v1/admin/calendar/days/2027-03-20", Map.of("kind", "HOLIDAY"), admin)))
                .containsExactly("kind:weekend");
        assertThat(fieldErrors(app.put("/api/v1/admin/calendar/days/2027-02-30", Map.of("kind", "HOLIDAY"), admin)))
                .containsExactly("date:format");
        assertThat(fieldErrors(app.put("/api/v1/admin/calendar/days/1999-03-12", Map.of("kind", "HOLIDAY"), admin)))
                .containsExactly("date:range");
        assertThat(app.put("/api/v1/admin/calendar/days/2027-03-12", Map.of("kind", "PARTY"), admin).statusCode()).isEqualTo(400);
        assertThat(fieldErrors(app.put("/api/v1/admin/calendar/days/2027-03-12", Map.of(), admin))).extracting(e -> e.split(":")[0])
                .containsExactly("kind");
        assertThat(days(admin, 2027)).noneMatch(d -> d.startsWith("2027-03-12") || d.startsWith("2027-03-20"));
    }

    @Test
    void workingHoursChangeWhenValidAndEveryDayKeepsMoreThanAnHour() {
        TestApp.Tokens admin = app.loginCityAdmin();
        try {
            HttpResponse<String> changed = app.patch("/api/v1/admin/calendar", Map.of("workStartsAt", "08:00", "workEndsAt", "17:00"),
                                                     admin);
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            assertThat(TestApp.json(changed).get("workStartsAt").asText()).isEqualTo("08:00");
            assertThat(app.patch("/api/v1/admin/calendar", Map.of("workEndsAt", "16:30"), admin).statusCode()).isEqualTo(200);
            JsonNode now = TestApp.json(app.get("/api/v1/admin/calendar", admin));
            assertThat(now.get("workStartsAt").asText() + "-" + now.get("workEndsAt").asText()).isEqualTo("08:00-16:30");

            assertThat(fieldErrors(app.patch("/api/v1/admin/calendar", Map.of("workStartsAt", "15:30"), admin)))
                    .containsExactly("workEndsAt:too-early");
            assertThat(fieldErrors(app.patch("/api/v1/admin/calendar", Map.of("workStartsAt", "18:00", "workEndsAt", "09:00"), admin)))
                    .containsExactly("workEndsAt:too-early");
            assertThat(fieldErrors(app.patch("/api/v1/admin/calendar", Map.of("workStartsAt", "08:00:30"), admin)))
                    .containsExactly("workStartsAt:format");
            assertThat(fieldErrors(app.patch("/api/v1/admin/calendar", Map.of("workEndsAt", "25:00"), admin)))
                    .extracting(e -> e.split(":")[0]).containsExactly("workEndsAt");
            assertThat(app.patch("/api/v1/admin/calendar", Map.of(), admin).statusCode()).isEqualTo(400);
            JsonNode unchanged = TestApp.json(app.get("/api/v1/admin/calendar", admin));
            assertThat(unchanged.get("workStartsAt").asText() + "-" + unchanged.get("workEndsAt").asText()).isEqualTo("08:00-16:30");
        } finally {
            assertThat(app.patch("/api/v1/admin/calendar", Map.of("workStartsAt", "09:00", "workEndsAt", "18:00"), admin).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aCityThatSharesItsCalendarGetsItsOwnCopyAtItsFirstEdit() {
        app.database().execute("""
                INSERT INTO city (id, code, name_en, name_ru, name_tt, timezone, centre_lat, centre_lon, boundary)
                VALUES ('00000000-0000-7000-8000-00000000c17e', 'NCH', 'Naberezhnye Chelny', 'Набережные Челны',
                        'Чаллы', 'Europe/Moscow', 55.74, 52.41, '[[55.6, 52.2], [55.9, 52.2], [55.9, 52.6]]')""");
        long shared = app.database().count("SELECT count(*) FROM calendar_day WHERE calendar = 'RU'");
        TestApp.Tokens admin = app.loginCityAdmin();

        assertThat(app.put("/api/v1/admin/calendar/days/2027-08-30", Map.of("kind", "HOLIDAY"), admin).statusCode()).isEqualTo(200);

        assertThat(app.database().count("SELECT count(*) FROM calendar_day WHERE calendar = 'RU'")).isEqualTo(shared);
        assertThat(app.database().count("SELECT count(*) FROM city WHERE code = 'KZN' AND calendar = 'CITY-KZN'")).isEqualTo(1);
        assertThat(app.database().count("SELECT count(*) FROM calendar_day WHERE calendar = 'CITY-KZN'")).isEqualTo(shared + 1);
        assertThat(days(admin, 2027)).contains("2027-08-30 HOLIDAY", "2027-01-01 HOLIDAY");
    }

    private List<String> days(TestApp.Tokens admin, int year) {
        List<String> days = new ArrayList<>();
        TestApp.json(app.get("/api/v1/admin/calendar?year=" + year, admin)).get("days")
                .forEach(d -> days.add(d.get("date").asText() + " " + d.get("kind").asText()));
        return days;
    }

    private static List<String> fieldErrors(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        List<String> errors = new ArrayList<>();
        TestApp.json(response).get("errors").forEach(e -> errors.add(e.get("field").asText() + ":" + e.get("code").asText()));
        return errors;
    }

    private String single(String sql) {
        try (var rows = app.database().client().execute().query(sql)) {
            return rows.findFirst().orElseThrow(() -> new AssertionError("no row: " + sql)).column(1).get().toString();
        }
    }
}
