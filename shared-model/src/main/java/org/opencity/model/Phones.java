package org.opencity.model;

import java.util.Optional;

/**
 * Phone numbers in E.164 ({@code +79001234567}). Russian habits are accepted on input: spaces,
 * dashes and brackets, and a leading 8 for +7.
 */
public final class Phones {

    private Phones() {
    }

    /** The E.164 form of a number as people type it, or empty when it is not a phone number. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String digits = raw.strip().replaceAll("[\\s()\\-.]", "");
        if (digits.matches("8\\d{10}")) {
            digits = "+7" + digits.substring(1);
        } else if (digits.matches("7\\d{10}")) {
            digits = "+" + digits;
        }
        return digits.matches("\\+[1-9]\\d{6,14}") ? Optional.of(digits) : Optional.empty();
    }

    /** For logs and screens that must not show the whole number: {@code +7900*****01}. */
    public static String mask(String e164) {
        if (e164 == null || e164.length() < 7) {
            return "***";
        }
        int keepStart = Math.min(5, e164.length() - 4);
        return e164.substring(0, keepStart) + "*".repeat(e164.length() - keepStart - 2) + e164.substring(e164.length() - 2);
    }
}
