package org.opencity.backend.deadlines;

import org.opencity.model.CalendarDayKind;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * A city's working time: its timezone, working hours, weekends, and the days that differ (public
 * holidays, transferred working days, shortened pre-holiday days). Business-time deadlines count
 * only minutes inside working hours on working days.
 */
public final class BusinessCalendar {

    private static final int MAX_DAYS = 3 * 366;
    private final ZoneId zone;
    private final LocalTime workStarts;
    private final LocalTime workEnds;
    private final Map<LocalDate, CalendarDayKind> exceptions;

    public BusinessCalendar(ZoneId zone, LocalTime workStarts, LocalTime workEnds, Map<LocalDate, CalendarDayKind> exceptions) {
        if (!workEnds.isAfter(workStarts.plusHours(1))) {
            throw new IllegalArgumentException("working hours must be longer than an hour");
        }
        this.zone = zone;
        this.workStarts = workStarts;
        this.workEnds = workEnds;
        this.exceptions = Map.copyOf(exceptions);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The working hours of a date, or empty when nobody works that day. */
    public Optional<LocalTime[]> hours(LocalDate date) {
        CalendarDayKind kind = exceptions.get(date);
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        boolean working = kind == CalendarDayKind.WORKDAY || kind == CalendarDayKind.SHORT_WORKDAY
                || (!weekend && kind != CalendarDayKind.HOLIDAY);
        if (!working) {
            return Optional.empty();
        }
        boolean shortened = kind == CalendarDayKind.SHORT || kind == CalendarDayKind.SHORT_WORKDAY;
        return Optional.of(new LocalTime[] {workStarts, shortened ? workEnds.minusHours(1) : workEnds});
    }

    /** The instant that lies {@code duration} of working time after {@code start}. */
    public Instant plusWorkingTime(Instant start, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration");
        }
        ZonedDateTime at = start.atZone(zone);
        long remaining = duration.toSeconds();
        LocalDate date = at.toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, date = date.plusDays(1)) {
            Optional<LocalTime[]> hours = hours(date);
            if (hours.isEmpty()) {
                continue;
            }
            ZonedDateTime open = date.atTime(hours.get()[0]).atZone(zone);
            ZonedDateTime close = date.atTime(hours.get()[1]).atZone(zone);
            ZonedDateTime from = at.isAfter(open) ? at : open;
            if (!from.isBefore(close)) {
                continue;
            }
            long available = Duration.between(from, close).toSeconds();
            if (remaining <= available) {
                return from.plusSeconds(remaining).toInstant();
            }
            remaining -= available;
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS + " days of " + start);
    }

    /** Working time between two instants (zero if {@code to} is not after {@code from}). */
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        ZonedDateTime start = from.atZone(zone);
        ZonedDateTime end = to.atZone(zone);
        long seconds = 0;
        for (LocalDate date = start.toLocalDate(); !date.isAfter(end.toLocalDate()); date = date.plusDays(1)) {
            Optional<LocalTime[]> hours = hours(date);
            if (hours.isEmpty()) {
                continue;
            }
            ZonedDateTime open = date.atTime(hours.get()[0]).atZone(zone);
            ZonedDateTime close = date.atTime(hours.get()[1]).atZone(zone);
            ZonedDateTime a = start.isAfter(open) ? start : open;
            ZonedDateTime b = end.isBefore(close) ? end : close;
            if (b.isAfter(a)) {
                seconds += Duration.between(a, b).toSeconds();
            }
        }
        return Duration.ofSeconds(seconds);
    }
}
