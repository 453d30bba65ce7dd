package org.opencity.backend.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.List;
import java.util.Locale;

/**
 * The language of a response: {@code ?lang=} if given, else the first supported language of
 * {@code Accept-Language}, else Russian. Open City speaks Russian, Tatar and English.
 */
public final class Locales {

    public static final List<String> SUPPORTED = List.of("ru", "tt", "en");
    public static final String DEFAULT = "ru";

    private Locales() {
    }

    public static String of(ServerRequest req) {
        String explicit = req.query().first("lang").orElse("");
        if (SUPPORTED.contains(explicit)) {
            return explicit;
        }
        String header = req.headers().first(HeaderNames.ACCEPT_LANGUAGE).orElse("");
        for (String part : header.split(",")) {
            String tag = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
            String language = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
            if (SUPPORTED.contains(language)) {
                return language;
            }
        }
        return DEFAULT;
    }

    /** Picks the column for a language: {@code name_ru}, {@code name_tt}, {@code name_en}. */
    public static String column(String base, String locale) {
        if (!SUPPORTED.contains(locale)) {
            throw new IllegalArgumentException("unsupported locale " + locale);
        }
        return base + "_" + locale;
    }
}
