package org.opencity.backend.catalogue;

import org.opencity.backend.web.Locales;

/**
 * The one place that picks which name of the city's data a response carries: the caller's
 * language (ru, tt, en; anything else is Russian). Cities, districts and categories are named in
 * all three; organisations and streets in Russian and English, so Tatar readers get their Russian
 * names, as on the signs. Each method answers a SQL column expression over the given table alias —
 * a choice made once per query, never a lookup per row — built only from fixed column names.
 */
public final class Names {

    private Names() {
    }

    /** The caller's language if Open City speaks it, else Russian. */
    public static String language(String locale) {
        return Locales.SUPPORTED.contains(locale) ? locale : Locales.DEFAULT;
    }

    /** A category's name ({@code service_category}). */
    public static String category(String alias, String locale) {
        return alias + ".name_" + language(locale);
    }

    /** A district's name. */
    public static String district(String alias, String locale) {
        return alias + ".name_" + language(locale);
    }

    /** A city's name. */
    public static String city(String alias, String locale) {
        return alias + ".name_" + language(locale);
    }

    /** An organisation's name: English or Russian. */
    public static String organisation(String alias, String locale) {
        return alias + (language(locale).equals("en") ? ".name_en" : ".name_ru");
    }

    /** A building's street: English or Russian. */
    public static String street(String alias, String locale) {
        return alias + (language(locale).equals("en") ? ".street_en" : ".street_ru");
    }

    /** A building's address, "street, house" (null for no building). */
    public static String building(String alias, String locale) {
        return street(alias, locale) + " || ', ' || " + alias + ".house";
    }

    /** The word before a flat's number in an address. */
    public static String flatWord(String locale) {
        return switch (language(locale)) {
            case "en" -> "flat";
            case "tt" -> "фатир";
            default -> "кв.";
        };
    }
}
