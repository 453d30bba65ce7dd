package org.opencity.backend.deadlines;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestDatabase;
import org.opencity.backend.testing.WithDatabase;
import org.opencity.model.SlaStage;
import org.opencity.model.request.Priority;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deadline arithmetic on the real Russian calendar as migrated into PostgreSQL (working hours
 * 09:00-18:00 Europe/Moscow): weekends, public holidays, transferred working days, shortened
 * pre-holiday days, and clock time for emergencies and the confirmation window.
 */
@WithDatabase(demo = true)
class BusinessCalendarTest {

    private static final ZoneId KAZAN = ZoneId.of("Europe/Moscow");
    private final BusinessCalendar calendar;

    BusinessCalendarTest(TestDatabase db) {
        var city = db.client().execute().get("SELECT id FROM city").orElseThrow().column("id").get(java.util.UUID.class);
        calendar = new Calendars(db.client(), Clock.systemUTC()).of(city);
    }

    @Test
    void workingTimeStopsAtSixAndResumesAtNineTheNextWorkingDay() {
        // Tuesday 2026-11-24 17:00 + 2 working hours = Wednesday 10:00
        assertThat(plus("2026-11-24T17:00", 120)).isEqualTo(at("2026-11-25T10:00"));
    }

    @Test
    void aRequestFiledAtNightStartsCountingAtNine() {
        assertThat(plus("2026-11-24T03:30", 30)).isEqualTo(at("2026-11-24T09:30"));
    }

    @Test
    void weekendsAreSkipped() {
        // Friday 2026-11-27 17:00 + 2 h = Monday 2026-11-30 10:00
        assertThat(plus("2026-11-27T17:00", 120)).isEqualTo(at("2026-11-30T10:00"));
    }

    @Test
    void theNewYearHolidaysAreSkipped() {
        // Wednesday 2025-12-31 is a day off (transferred); 1-11 January 2026 too: next working hour is Monday 12 January
        assertThat(plus("2025-12-30T17:30", 60)).isEqualTo(at("2026-01-12T09:30"));
    }

    @Test
    void aSaturdayMadeAWorkingDayCounts() {
        // Saturday 2025-11-01 was a working day, one hour short (09:00-17:00); Monday 3 and Tuesday 4 November were off
        assertThat(plus("2025-10-31T17:00", 120)).isEqualTo(at("2025-11-01T10:00"));
        assertThat(plus("2025-11-01T16:00", 120)).isEqualTo(at("2025-11-05T10:00"));
    }

    @Test
    void theDayBeforeAHolidayEndsAnHourEarly() {
        // Thursday 2026-04-30 ends at 17:00; 1 May is a holiday, 2-3 May the weekend: Monday 4 May 10:00
        assertThat(plus("2026-04-30T16:00", 120)).isEqualTo(at("2026-05-04T10:00"));
    }

    @Test
    void workingTimeBetweenTwoInstantsCountsOnlyWorkingHours() {
        assertThat(calendar.workingTimeBetween(at("2026-11-27T17:00"), at("2026-11-30T10:00"))).isEqualTo(Duration.ofHours(2));
        assertThat(calendar.workingTimeBetween(at("2026-11-30T10:00"), at("2026-11-27T17:00"))).isEqualTo(Duration.ZERO);
    }

    @Test
    void emergenciesAndTheConfirmationWindowRunOnClockTime() {
        Instant friday = at("2026-11-27T17:00");
        assertThat(Deadlines.start(SlaStage.ACCEPT, friday, Priority.EMERGENCY, 30, calendar).dueAt()).isEqualTo(at("2026-11-27T17:30"));
        assertThat(Deadlines.start(SlaStage.CONFIRM, friday, Priority.ROUTINE, 4320, calendar).dueAt()).isEqualTo(at("2026-11-30T17:00"));
        assertThat(Deadlines.start(SlaStage.ACCEPT, friday, Priority.ROUTINE, 240, calendar).dueAt()).isEqualTo(at("2026-11-30T12:00"));
    }

    @Test
    void theWarningComesAtFourFifthsAndTheCityHalfAStageAfterTheDeadline() {
        Deadlines.Deadline d = Deadlines.start(SlaStage.ACCEPT, at("2026-11-24T09:00"), Priority.ROUTINE, 300, calendar);
        assertThat(d.warnAt()).isEqualTo(at("2026-11-24T13:00"));
        assertThat(d.dueAt()).isEqualTo(at("2026-11-24T14:00"));
        assertThat(d.escalateCityAt()).isEqualTo(at("2026-11-24T16:30"));
    }

    private Instant plus(String local, int minutes) {
        return calendar.plusWorkingTime(at(local), Duration.ofMinutes(minutes));
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(KAZAN).toInstant();
    }
}
