package org.opencity.model;

/**
 * How a date differs from an ordinary week (Monday to Friday, full day; Saturday and Sunday off).
 * A date without a kind is an ordinary day.
 */
public enum CalendarDayKind {
    /** A weekday without work: a public holiday, or a day off moved there. */
    HOLIDAY,
    /** A Saturday or Sunday with a full day's work (a transferred working day). */
    WORKDAY,
    /** A weekday one hour shorter (the day before a public holiday). */
    SHORT,
    /** A Saturday or Sunday with work, one hour shorter. */
    SHORT_WORKDAY;

    /** Whether this kind can describe a Saturday or Sunday (otherwise it describes a weekday). */
    public boolean weekend() {
        return this == WORKDAY || this == SHORT_WORKDAY;
    }
}
