package org.opencity.backend.notify;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import org.opencity.backend.config.ConfigException;
import org.opencity.backend.config.PushSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** Builds the gateways the settings ask for; a problem with a credential is a configuration error at start. */
public final class PushGateways {

    private static final Logger LOG = Logger.getLogger(PushGateways.class.getName());

    private PushGateways() {
    }

    public static Gateways configured(PushSettings settings, Clock clock) {
        List<PushGateway> gateways = new ArrayList<>();
        settings.firebaseCredentials().ifPresent(file -> {
            GoogleCredentials credentials;
            try (InputStream in = Files.newInputStream(file)) {
                credentials = GoogleCredentials.fromStream(in)
                        .createScoped(List.of("https://www.googleapis.com/auth/firebase.messaging"));
            } catch (IOException | RuntimeException e) {
                throw new ConfigException("the Firebase credentials in " + file + " cannot be read: " + e.getMessage());
            }
            String project = settings.firebaseProjectId()
                    .or(() -> credentials instanceof ServiceAccountCredentials sa ? Optional.ofNullable(sa.getProjectId()) : Optional.empty())
                    .orElseThrow(() -> new ConfigException("set FIREBASE_PROJECT_ID: the Firebase credentials do not name a project"));
            gateways.add(FcmGateway.create(credentials, project, Optional.empty()));
            LOG.info("Push: Firebase Cloud Messaging for project " + project);
        });
        settings.apns().ifPresent(apns -> {
            try {
                gateways.add(new ApnsGateway(apns.sandbox() ? ApnsGateway.SANDBOX : ApnsGateway.PRODUCTION, apns.topic(), apns.keyId(),
                                             apns.teamId(), ApnsGateway.readKey(apns.keyFile()), clock));
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                throw new ConfigException("the APNs key in " + apns.keyFile() + " cannot be read (expected Apple's .p8 file): "
                                                  + e.getMessage());
            }
            LOG.info("Push: Apple Push Notification service" + (apns.sandbox() ? " (sandbox)" : "") + " for " + apns.topic());
        });
        if (gateways.isEmpty()) {
            LOG.info("Push: no FCM or APNs credentials configured (FIREBASE_CREDENTIALS, APNS_KEY_FILE); notifications reach the "
                             + "in-app inbox and the live stream only");
        }
        return new Gateways(gateways);
    }
}
