package org.opencity.backend.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The words of the problems the edge of the API answers by itself (an empty, null or
 * unreadable body, another media type, text that cannot be stored, a value out of range), in
 * Russian, Tatar and English ({@code problems_<lang>.properties}). Every key exists in all three;
 * a test holds them equal.
 */
public final class ProblemTexts {

    private static final Map<String, Properties> BY_LOCALE = Bundles.load(ProblemTexts.class, "problems");

    private ProblemTexts() {
    }

    /** The text of {@code key} in the language, its {0}, {1} filled in. */
    public static String text(String locale, String key, Object... args) {
        Properties texts = BY_LOCALE.getOrDefault(locale, BY_LOCALE.get(Locales.DEFAULT));
        String pattern = texts.getProperty(key, BY_LOCALE.get("en").getProperty(key, key));
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.forLanguageTag(locale)).format(args);
    }

    /** The keys of a language's file, for the test that keeps the three in step. */
    static java.util.Set<String> keys(String locale) {
        return BY_LOCALE.get(locale).stringPropertyNames();
    }
}
