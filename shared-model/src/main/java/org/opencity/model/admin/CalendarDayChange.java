package org.opencity.model.admin;

import org.opencity.model.CalendarDayKind;

import java.util.Objects;

/** What a date becomes: {@code {"kind": "HOLIDAY"}}. */
public record CalendarDayChange(CalendarDayKind kind) {
    public CalendarDayChange {
        Objects.requireNonNull(kind, "kind is required");
    }
}
