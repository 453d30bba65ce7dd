package org.opencity.backend.notify;

import com.google.api.client.http.HttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.ErrorCode;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.IncomingHttpResponse;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.SendResponse;
import org.opencity.model.notify.PushProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Pushes through Firebase Cloud Messaging with the Firebase Admin SDK (HTTP v1). Messages are
 * data-only — {@code id} (the notification id), {@code kind}, {@code requestId}, {@code title},
 * {@code body} — which Gluon Attach on Android turns into a notification, with the kind's TTL,
 * collapse key and priority. The SDK's answers are mapped to outcomes: UNREGISTERED and
 * SENDER_ID_MISMATCH kill the token, INVALID_ARGUMENT kills it only when FCM says the token is the
 * problem, QUOTA_EXCEEDED waits at least a minute, and everything else — including a missing error
 * code (timeouts, connection failures) — is retried, honouring Retry-After.
 */
public final class FcmGateway implements PushGateway, AutoCloseable {

    /** FCM refuses data payloads above 4 KB. */
    static final int MAX_DATA_BYTES = 4096;
    static final Duration QUOTA_WAIT = Duration.ofMinutes(1);

    private final FirebaseApp app;
    private final FirebaseMessaging messaging;

    private FcmGateway(FirebaseApp app) {
        this.app = app;
        this.messaging = FirebaseMessaging.getInstance(app);
    }

    /**
     * A gateway for one Firebase project. {@code transport} replaces the SDK's HTTP transport (tests
     * script it); empty uses the real network.
     */
    public static FcmGateway create(GoogleCredentials credentials, String projectId, Optional<HttpTransport> transport) {
        FirebaseOptions.Builder options = FirebaseOptions.builder()
                .setCredentials(credentials)
                .setProjectId(projectId)
                .setConnectTimeout(10_000)
                .setReadTimeout(15_000);
        transport.ifPresent(options::setHttpTransport);
        return new FcmGateway(FirebaseApp.initializeApp(options.build(), "opencity-" + UUID.randomUUID()));
    }

    @Override
    public Set<PushProvider> providers() {
        return Set.of(PushProvider.FCM);
    }

    @Override
    public List<PushOutcome> send(List<PushMessage> messages) {
        List<Message> fcm = messages.stream().map(FcmGateway::message).toList();
        BatchResponse batch;
        try {
            batch = messaging.sendEach(fcm);
        } catch (FirebaseMessagingException e) {
            PushOutcome outcome = outcome(e);
            return messages.stream().map(m -> outcome).toList();
        }
        List<PushOutcome> outcomes = new ArrayList<>();
        for (SendResponse r : batch.getResponses()) {
            outcomes.add(r.isSuccessful() ? new PushOutcome.Sent(r.getMessageId()) : outcome(r.getException()));
        }
        return outcomes;
    }

    /** The FCM message for one push. */
    static Message message(PushMessage m) {
        Map<String, String> data = data(m);
        AndroidConfig.Builder android = AndroidConfig.builder()
                .setTtl(Math.max(0, m.ttl().toMillis()))
                .setPriority(m.highPriority() ? AndroidConfig.Priority.HIGH : AndroidConfig.Priority.NORMAL);
        m.collapseKey().ifPresent(android::setCollapseKey);
        return Message.builder().setToken(m.token()).putAllData(data).setAndroidConfig(android.build()).build();
    }

    /** The data keys, the body shortened if the whole would pass FCM's 4 KB limit. */
    static Map<String, String> data(PushMessage m) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("id", m.notificationId().toString());
        data.put("kind", m.kind().name());
        m.requestId().ifPresent(r -> data.put("requestId", r.toString()));
        data.put("title", m.title());
        data.put("body", m.body());
        while (size(data) > MAX_DATA_BYTES && data.get("body").length() > 1) {
            String body = data.get("body");
            data.put("body", body.substring(0, body.length() * 3 / 4) + "…");
        }
        return data;
    }

    private static int size(Map<String, String> data) {
        return data.entrySet().stream()
                .mapToInt(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length)
                .sum();
    }

    static PushOutcome outcome(FirebaseMessagingException e) {
        MessagingErrorCode code = e.getMessagingErrorCode();
        String reason = (code != null ? code.name() : e.getErrorCode() != null ? e.getErrorCode().name() : "no answer") + ": "
                + Optional.ofNullable(e.getMessage()).orElse("");
        Optional<Duration> retryAfter = retryAfter(e.getHttpResponse());
        if (code == null) {
            if (e.getErrorCode() == ErrorCode.INVALID_ARGUMENT) {
                return mentionsToken(e) ? new PushOutcome.TokenDead(reason) : new PushOutcome.Failed(reason);
            }
            if (e.getErrorCode() == ErrorCode.NOT_FOUND) {
                return new PushOutcome.TokenDead(reason);   // FCM's answer for a token it never issued or has forgotten
            }
            return new PushOutcome.Retry(reason, retryAfter);   // timeouts, connection failures, unknown answers
        }
        return switch (code) {
            case UNREGISTERED, SENDER_ID_MISMATCH -> new PushOutcome.TokenDead(reason);
            case INVALID_ARGUMENT -> mentionsToken(e) ? new PushOutcome.TokenDead(reason) : new PushOutcome.Failed(reason);
            case QUOTA_EXCEEDED -> new PushOutcome.Retry(reason, Optional.of(
                    retryAfter.filter(d -> d.compareTo(QUOTA_WAIT) > 0).orElse(QUOTA_WAIT)));
            case UNAVAILABLE, INTERNAL, THIRD_PARTY_AUTH_ERROR -> new PushOutcome.Retry(reason, retryAfter);
        };
    }

    /** FCM names the registration token when the token, not the payload, is what it refuses. */
    private static boolean mentionsToken(FirebaseMessagingException e) {
        String text = (Optional.ofNullable(e.getMessage()).orElse("") + " "
                + Optional.ofNullable(e.getHttpResponse()).map(IncomingHttpResponse::getContent).orElse("")).toLowerCase(Locale.ROOT);
        return text.contains("registration token") || text.contains("message.token");
    }

    static Optional<Duration> retryAfter(IncomingHttpResponse response) {
        if (response == null || response.getHeaders() == null) {
            return Optional.empty();
        }
        Object value = response.getHeaders().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("retry-after"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (value instanceof List<?> list) {
            value = list.isEmpty() ? null : list.getFirst();
        }
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(Duration.between(Instant.now(), at)).filter(d -> !d.isNegative());
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    @Override
    public void close() {
        app.delete();
    }
}
