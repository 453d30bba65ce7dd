package org.opencity.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;

/**
 * Limits every input record checks in its compact constructor, so nothing unbounded reaches
 * the domain or the database: text has a maximum length and no U+0000 or lone surrogate
 * (PostgreSQL cannot store the first, UTF-8 cannot encode the second), lists have a maximum
 * size, and dates lie between {@link #FIRST_DATE} and {@link #LAST_DATE}, well inside what
 * both Java and PostgreSQL can compute with. A violation is an {@link IllegalArgumentException}
 * whose message starts with the field name ({@link Violation}, which also names the broken rule
 * and its limit, so the API can say it in the caller's language).
 */
public final class Bounds {

    /** Earliest date any input may carry. */
    public static final LocalDate FIRST_DATE = LocalDate.of(1900, 1, 1);
    /** Latest date any input may carry. */
    public static final LocalDate LAST_DATE = LocalDate.of(2199, 12, 31);
    /** Short identifiers and codes: logins, category codes, versions. */
    public static final int SHORT = 100;
    /** Names, phones, contacts, addresses. */
    public static final int NAME = 200;
    /** Free text a person writes: reasons, notes, comments. */
    public static final int TEXT = 4000;
    /** Opaque tokens. */
    public static final int TOKEN = 4096;
    /** Items of a list in one input. */
    public static final int LIST = 200;

    private static final Instant FIRST_INSTANT = FIRST_DATE.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant LAST_INSTANT = LAST_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private Bounds() {
    }

    /** The text itself (null allowed) if it is at most {@code max} characters of storable text. */
    public static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw new Violation(field, "length", String.valueOf(max), field + " is at most " + max + " characters");
        }
        if (!storable(value)) {
            throw new Violation(field, "characters", "",
                                field + " contains a character that is not allowed (U+0000 or a lone surrogate)");
        }
        return value;
    }

    /** The collection itself (null allowed) if it holds at most {@code max} items. */
    public static <C extends Collection<?>> C size(String field, C value, int max) {
        if (value != null && value.size() > max) {
            throw new Violation(field, "size", String.valueOf(max), field + " holds at most " + max + " items");
        }
        return value;
    }

    /** The date itself (null allowed) if it lies between {@link #FIRST_DATE} and {@link #LAST_DATE}. */
    public static LocalDate date(String field, LocalDate value) {
        if (value != null && !inRange(value)) {
            throw dateViolation(field);
        }
        return value;
    }

    /** The instant itself (null allowed) if it lies between {@link #FIRST_DATE} and {@link #LAST_DATE}. */
    public static Instant instant(String field, Instant value) {
        if (value != null && !inRange(value)) {
            throw dateViolation(field);
        }
        return value;
    }

    private static Violation dateViolation(String field) {
        return new Violation(field, "range", FIRST_DATE + " – " + LAST_DATE,
                             field + " must be between " + FIRST_DATE + " and " + LAST_DATE);
    }

    public static boolean inRange(LocalDate value) {
        return !value.isBefore(FIRST_DATE) && !value.isAfter(LAST_DATE);
    }

    public static boolean inRange(Instant value) {
        return !value.isBefore(FIRST_INSTANT) && value.isBefore(LAST_INSTANT);
    }

    /** True when the text has no U+0000 and every surrogate is half of a pair. */
    public static boolean storable(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= n || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A broken bound: the field, the rule ({@code length}, {@code characters}, {@code size}, {@code range}) and its limit. */
    public static final class Violation extends IllegalArgumentException {

        private final String field;
        private final String rule;
        private final String limit;

        public Violation(String field, String rule, String limit, String message) {
            super(message);
            this.field = field;
            this.rule = rule;
            this.limit = limit;
        }

        public String field() {
            return field;
        }

        public String rule() {
            return rule;
        }

        public String limit() {
            return limit;
        }
    }
}
