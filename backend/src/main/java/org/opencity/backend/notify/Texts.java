package org.opencity.backend.notify;

import org.opencity.backend.web.Bundles;

import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's texts for people in Russian, Tatar and English ({@code texts_*.properties} next to
 * this class): notifications, and the words of a request's history, routing, stages, roles and
 * skills. Named placeholders such as {@code {number}}. A missing Tatar or Russian text falls back
 * to Russian, then English; a missing placeholder value becomes empty.
 */
public final class Texts {

    static final java.util.List<String> LOCALES = java.util.List.of("ru", "tt", "en");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    private final Map<String, Properties> byLocale;

    public Texts() {
        this.byLocale = Bundles.load(Texts.class, "texts");
    }

    public String render(String locale, String key, Map<String, String> values) {
        String template = lookup(locale, key);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString().strip();
    }

    public boolean has(String locale, String key) {
        return byLocale.getOrDefault(locale, new Properties()).containsKey(key);
    }

    /** Whether some language has a text under {@code key}. */
    public boolean exists(String key) {
        return byLocale.values().stream().anyMatch(p -> p.containsKey(key));
    }

    private String lookup(String locale, String key) {
        for (String l : new String[] {locale, "ru", "en"}) {
            Properties p = byLocale.get(l);
            if (p != null && p.getProperty(key) != null) {
                return p.getProperty(key);
            }
        }
        throw new IllegalArgumentException("no notification text " + key);
    }
}
