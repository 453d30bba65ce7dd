package org.opencity.model.admin;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/**
 * A city's working calendar for one year: its timezone and working hours, and the dates of that
 * year that differ from an ordinary week, in date order. Every other weekday is a full working
 * day; every other Saturday and Sunday is a day off. Hours are written as {@code "09:00"}, the way
 * they are sent.
 */
public record CalendarView(String timezone, @JsonFormat(pattern = "HH:mm") LocalTime workStartsAt,
                           @JsonFormat(pattern = "HH:mm") LocalTime workEndsAt, int year, List<CalendarDayView> days) {
    public CalendarView {
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(workStartsAt, "workStartsAt");
        Objects.requireNonNull(workEndsAt, "workEndsAt");
        days = days == null ? List.of() : List.copyOf(days);
    }
}
