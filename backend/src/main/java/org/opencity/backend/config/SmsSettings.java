package org.opencity.backend.config;

import java.util.Optional;

/**
 * The SMS provider for sign-in codes: an HTTP endpoint that takes a JSON message. Without a URL,
 * demo mode shows codes on a development page and production cannot sign residents in.
 */
public record SmsSettings(Optional<String> url, String apiKey, String sender) {
}
