package org.opencity.backend.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How residents reach the city besides the web pages, shown on the front door: the mobile app's pages
 * in the App Store and Google Play, and the call centre's phone. Each is absent until configured, and
 * an absent one is simply not shown.
 *
 * @param appStore  the app's page in Apple's App Store ({@code APP_STORE_URL}), https only
 * @param playStore the app's page in Google Play ({@code PLAY_STORE_URL}), https only
 * @param phone     the call centre's number as people dial it ({@code CALL_CENTRE_PHONE}), e.g. {@code +7 843 000-00-00}
 */
public record ContactSettings(Optional<URI> appStore, Optional<URI> playStore, Optional<String> phone) {

    public ContactSettings {
        Objects.requireNonNull(appStore, "appStore");
        Objects.requireNonNull(playStore, "playStore");
        Objects.requireNonNull(phone, "phone");
    }

    public static ContactSettings none() {
        return new ContactSettings(Optional.empty(), Optional.empty(), Optional.empty());
    }

    static ContactSettings of(String appStore, String playStore, String phone) {
        return new ContactSettings(store(appStore, "APP_STORE_URL"), store(playStore, "PLAY_STORE_URL"), phone(phone));
    }

    private static Optional<URI> store(String value, String variable) {
        String url = value.strip();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (!url.matches("https://[A-Za-z0-9.-]+(/[A-Za-z0-9._~%/?&=+-]*)?")) {
            throw new ConfigException(variable + " must be an https address of the app's page, not '" + url + "'");
        }
        return Optional.of(URI.create(url));
    }

    private static Optional<String> phone(String value) {
        String phone = value.strip();
        if (phone.isEmpty()) {
            return Optional.empty();
        }
        if (!phone.matches("\\+?[0-9][0-9 ()-]{4,24}")) {
            throw new ConfigException("CALL_CENTRE_PHONE must be a phone number such as +7 843 000-00-00, not '" + phone + "'");
        }
        return Optional.of(phone);
    }
}
