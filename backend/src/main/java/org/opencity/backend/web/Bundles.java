package org.opencity.backend.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The server's ru/tt/en text files ({@code <name>_<lang>.properties} next to a class, UTF-8),
 * read once. A missing file stops the start, so a language is never silently absent.
 */
public final class Bundles {

    private Bundles() {
    }

    /** The three languages' texts of {@code name}, by language code. */
    public static Map<String, Properties> load(Class<?> anchor, String name) {
        return Map.of("ru", load(anchor, name, "ru"), "tt", load(anchor, name, "tt"), "en", load(anchor, name, "en"));
    }

    private static Properties load(Class<?> anchor, String name, String locale) {
        String file = name + "_" + locale + ".properties";
        Properties p = new Properties();
        try (InputStream in = anchor.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
