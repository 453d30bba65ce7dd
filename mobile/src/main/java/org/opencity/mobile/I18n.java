package org.opencity.mobile;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The app's texts in Russian, Tatar and English ({@code i18n/messages_*.properties}). The
 * language follows the system unless chosen in settings; an unknown language falls back to Russian.
 */
public final class I18n {

    public static final List<String> LANGUAGES = List.of("ru", "tt", "en");

    private final String language;
    private final ResourceBundle bundle;

    public I18n(String language) {
        this.language = LANGUAGES.contains(language) ? language : "ru";
        this.bundle = ResourceBundle.getBundle("org.opencity.mobile.i18n.messages", Locale.of(this.language),
                                               ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The system's language if we speak it, else Russian. */
    public static String systemLanguage() {
        String system = Locale.getDefault().getLanguage();
        return LANGUAGES.contains(system) ? system : "ru";
    }

    public String language() {
        return language;
    }

    public String t(String key, Object... args) {
        String text;
        try {
            text = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? text : new MessageFormat(text.replace("'", "''"), Locale.of(language)).format(args);
    }
}
