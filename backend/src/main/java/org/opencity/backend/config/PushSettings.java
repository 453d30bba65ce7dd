package org.opencity.backend.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where pushes may go. Firebase needs a service-account file ({@code FIREBASE_CREDENTIALS}, or the
 * standard {@code GOOGLE_APPLICATION_CREDENTIALS}); its project id is read from the file unless
 * {@code FIREBASE_PROJECT_ID} says otherwise. Apple needs a token-based key ({@code .p8}) with its
 * key id, team id and the app's bundle id. With neither, notifications reach the in-app inbox and
 * the live stream only.
 */
public record PushSettings(Optional<Path> firebaseCredentials, Optional<String> firebaseProjectId, Optional<Apns> apns) {

    /** Apple Push Notification service, token-based. */
    public record Apns(Path keyFile, String keyId, String teamId, String topic, boolean sandbox) {
        public Apns {
            Objects.requireNonNull(keyFile, "keyFile");
            if (keyId == null || !keyId.matches("[A-Z0-9]{10}")) {
                throw new ConfigException("APNS_KEY_ID must be the 10-character key id Apple shows for the key");
            }
            if (teamId == null || !teamId.matches("[A-Z0-9]{10}")) {
                throw new ConfigException("APNS_TEAM_ID must be the 10-character Apple team id");
            }
            if (topic == null || topic.isBlank()) {
                throw new ConfigException("APNS_TOPIC must be the app's bundle id (e.g. org.opencity.app)");
            }
        }
    }

    public static PushSettings none() {
        return new PushSettings(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public PushSettings {
        Objects.requireNonNull(firebaseCredentials, "firebaseCredentials");
        Objects.requireNonNull(firebaseProjectId, "firebaseProjectId");
        Objects.requireNonNull(apns, "apns");
    }
}
