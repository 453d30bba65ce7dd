package org.opencity.backend.web;

import org.opencity.backend.errors.ValidationFailed;
import org.opencity.model.Bounds;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Dates and times read from paths and queries: ISO-8601 and within {@link Bounds#FIRST_DATE} to
 * {@link Bounds#LAST_DATE}, so no later arithmetic ({@code plusDays}, a zone, a PostgreSQL
 * timestamp) can overflow. Anything else is a 400 naming the parameter.
 */
public final class Dates {

    private Dates() {
    }

    public static LocalDate date(String value, String field) {
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ValidationFailed.of(field, "format", "a date such as 2026-11-28");
        }
        if (!Bounds.inRange(date)) {
            throw ValidationFailed.of(field, "range", "a date from " + Bounds.FIRST_DATE + " to " + Bounds.LAST_DATE);
        }
        return date;
    }

    public static Instant instant(String value, String field) {
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ValidationFailed.of(field, "format", "an ISO-8601 time such as 2026-11-28T10:00:00Z");
        }
        if (!Bounds.inRange(instant)) {
            throw ValidationFailed.of(field, "range", "a time from " + Bounds.FIRST_DATE + " to " + Bounds.LAST_DATE);
        }
        return instant;
    }
}
