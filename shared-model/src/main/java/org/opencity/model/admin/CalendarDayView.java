package org.opencity.model.admin;

import org.opencity.model.CalendarDayKind;

import java.time.LocalDate;
import java.util.Objects;

/** One date that differs from an ordinary week, and how. */
public record CalendarDayView(LocalDate date, CalendarDayKind kind) {
    public CalendarDayView {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(kind, "kind");
    }
}
