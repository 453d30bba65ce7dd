package org.opencity.backend.requests;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request number as people type it, read into the canonical form ({@code KZN-2026-000301}):
 * any case, spaces, dashes, dots or slashes between the parts, leading zeros or none; the city code
 * and the year may be left out ({@code 301}, {@code 2026 301}, {@code kzn 301}), and then the city
 * and year given by the caller are meant. Anything else is no number at all.
 */
public record TypedNumber(String cityCode, int year, long sequence) {

    private static final Pattern TYPED = Pattern.compile(
            "(?:([A-Z]{2,5})[\\s./_-]*)?(?:(\\d{4})[\\s./_-]+)?0*(\\d{1,9})");

    public TypedNumber {
        if (!cityCode.matches("[A-Z]{2,5}") || year < 2000 || year > 9999 || sequence < 1) {
            throw new IllegalArgumentException("not a request number");
        }
    }

    /** The number typed, or empty when it is not one; {@code city} and {@code year} fill in what was left out. */
    public static Optional<TypedNumber> read(String typed, String city, int year) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        Matcher m = TYPED.matcher(typed.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long sequence = Long.parseLong(m.group(3));
        int y = m.group(2) == null ? year : Integer.parseInt(m.group(2));
        if (sequence < 1 || y < 2000) {
            return Optional.empty();
        }
        return Optional.of(new TypedNumber(m.group(1) == null ? city : m.group(1), y, sequence));
    }

    /** The code of the city named in {@code typed}, if any: decides whose zone gives "this year". */
    public static Optional<String> cityOf(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        Matcher m = TYPED.matcher(typed.strip().toUpperCase(Locale.ROOT));
        return m.matches() ? Optional.ofNullable(m.group(1)) : Optional.empty();
    }

    /** As numbers are issued: city code, year, the sequence with at least six digits. */
    public String canonical() {
        return String.format("%s-%d-%06d", cityCode, year, sequence);
    }
}
