package org.opencity.mobile.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gluonhq.attach.pushnotifications.PushNotificationsService;
import com.gluonhq.attach.runtimeargs.RuntimeArgsService;
import com.gluonhq.attach.util.Platform;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Push on native builds (the {@code android} and {@code ios} profiles): the device token from
 * Gluon Attach's push-notifications service (FCM on Android, APNs on iOS), and the data message of
 * a push the user tapped from Attach's runtime-args service. Found through {@link java.util.ServiceLoader};
 * the desktop build does not contain it (the Attach push artifact is only needed for native images).
 */
public final class AttachPushRegistrar implements PushRegistrar {

    private static final Logger LOG = Logger.getLogger(AttachPushRegistrar.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Optional<Token> token() {
        Optional<PushNotificationsService> service = PushNotificationsService.create();
        if (service.isEmpty()) {
            return Optional.empty();
        }
        CompletableFuture<String> token = new CompletableFuture<>();
        service.get().tokenProperty().addListener((o, old, value) -> {
            if (value != null && !value.isBlank()) {
                token.complete(value);
            }
        });
        service.get().register();
        try {
            String value = service.get().tokenProperty().get();
            String got = value != null && !value.isBlank() ? value : token.get(20, TimeUnit.SECONDS);
            return Optional.of(new Token(got, Platform.isIOS() ? "APNS" : "FCM"));
        } catch (Exception e) {
            LOG.info("no push token yet (" + e.getMessage() + "); the inbox and its live stream still work");
            return Optional.empty();
        }
    }

    @Override
    public void onOpened(Consumer<Opened> handler) {
        RuntimeArgsService.create().ifPresent(args -> {
            args.addListener(RuntimeArgsService.LAUNCH_PUSH_NOTIFICATION_KEY, payload -> parse(payload).ifPresent(handler));
            // a tap that started the app comes as a system property before the listener existed
            Optional.ofNullable(System.getProperty(RuntimeArgsService.LAUNCH_PUSH_NOTIFICATION_KEY))
                    .flatMap(AttachPushRegistrar::parse).ifPresent(handler);
        });
    }

    /** The data message the backend sends: {@code id}, {@code kind}, {@code requestId} (see FcmGateway / ApnsGateway). */
    static Optional<Opened> parse(String payload) {
        try {
            JsonNode data = JSON.readTree(payload);
            JsonNode inner = data.has("data") ? data.get("data") : data;
            UUID id = UUID.fromString(inner.path("id").asText());
            String kind = inner.path("kind").asText();
            Optional<UUID> request = inner.hasNonNull("requestId") && !inner.get("requestId").asText().isBlank()
                    ? Optional.of(UUID.fromString(inner.get("requestId").asText())) : Optional.empty();
            return Optional.of(new Opened(id, kind, request));
        } catch (Exception e) {
            LOG.warning("a tapped push that could not be read: " + e.getMessage());
            return Optional.empty();
        }
    }
}
