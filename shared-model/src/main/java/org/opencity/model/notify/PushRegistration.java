package org.opencity.model.notify;

import org.opencity.model.Bounds;

import java.util.Objects;

/**
 * A device's push token, sent after sign-in and whenever it changes. {@code provider} defaults
 * from the device's platform (iOS: APNS, otherwise FCM); {@code locale} is the language the app
 * shows (ru, tt, en) and becomes the language of the person's notifications.
 */
public record PushRegistration(String token, PushProvider provider, String appVersion, String locale) {

    public static final int MAX_TOKEN = 4096;

    public PushRegistration {
        Objects.requireNonNull(token, "token is required");
        if (token.isBlank() || token.length() < 16 || token.length() > MAX_TOKEN || !token.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("token must be 16 to " + MAX_TOKEN + " printable characters");
        }
        Bounds.text("appVersion", appVersion, 40);
        if (locale != null && !locale.matches("ru|tt|en")) {
            throw new IllegalArgumentException("locale must be ru, tt or en");
        }
    }
}
