package org.opencity.backend.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencity.model.notify.PushProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pushes straight to Apple (HTTP/2 provider API with a token-based {@code .p8} key), for iPhones
 * whose app hands over an APNs device token (Gluon Attach does). An alert with the title and body,
 * plus {@code id}, {@code kind} and {@code requestId} for the app; {@code apns-expiration} from the
 * kind's TTL, {@code apns-collapse-id} from its collapse key, priority 10 for what must wake the
 * phone. Answers: 410 and BadDeviceToken/DeviceTokenNotForTopic kill the token; 429 and 5xx are
 * retried (Retry-After honoured); an expired provider token is renewed and retried; other 4xx fail
 * the message.
 */
public final class ApnsGateway implements PushGateway, AutoCloseable {

    public static final URI PRODUCTION = URI.create("https://api.push.apple.com");
    public static final URI SANDBOX = URI.create("https://api.sandbox.push.apple.com");
    /** Apple wants a provider token renewed at most every 20 minutes and accepts it for an hour. */
    static final Duration TOKEN_LIFE = Duration.ofMinutes(40);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String topic;
    private final String keyId;
    private final String teamId;
    private final PrivateKey key;
    private final HttpClient http;
    private final Clock clock;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private String providerToken;
    private Instant providerTokenAt = Instant.EPOCH;

    public ApnsGateway(URI base, String topic, String keyId, String teamId, PrivateKey key, Clock clock) {
        this.base = base;
        this.topic = topic;
        this.keyId = keyId;
        this.teamId = teamId;
        this.key = key;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Reads Apple's {@code AuthKey_XXXX.p8} (PKCS #8, PEM). */
    public static PrivateKey readKey(Path p8) throws IOException, GeneralSecurityException {
        String pem = Files.readString(p8, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    @Override
    public Set<PushProvider> providers() {
        return Set.of(PushProvider.APNS);
    }

    @Override
    public List<PushOutcome> send(List<PushMessage> messages) {
        List<Future<PushOutcome>> futures = new ArrayList<>();
        for (PushMessage m : messages) {
            futures.add(senders.submit(() -> sendOne(m, true)));
        }
        List<PushOutcome> outcomes = new ArrayList<>();
        for (Future<PushOutcome> f : futures) {
            try {
                outcomes.add(f.get());
            } catch (ExecutionException e) {
                outcomes.add(new PushOutcome.Retry("APNs send failed: " + e.getCause(), Optional.empty()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(new PushOutcome.Retry("interrupted", Optional.empty()));
            }
        }
        return outcomes;
    }

    private PushOutcome sendOne(PushMessage m, boolean mayRenew) {
        HttpResponse<String> response;
        try {
            response = http.send(request(m), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new PushOutcome.Retry("APNs unreachable: " + e.getMessage(), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PushOutcome.Retry("interrupted", Optional.empty());
        }
        int status = response.statusCode();
        String reason = reason(response.body());
        Optional<Duration> retryAfter = response.headers().firstValue("retry-after").flatMap(ApnsGateway::seconds);
        if (status == 200) {
            return new PushOutcome.Sent(response.headers().firstValue("apns-id").orElse(m.notificationId().toString()));
        }
        if (status == 410 || reason.equals("BadDeviceToken") || reason.equals("DeviceTokenNotForTopic") || reason.equals("Unregistered")) {
            return new PushOutcome.TokenDead("APNs " + status + " " + reason);
        }
        if (status == 403 && (reason.equals("ExpiredProviderToken") || reason.equals("InvalidProviderToken")) && mayRenew) {
            synchronized (this) {
                providerTokenAt = Instant.EPOCH;
            }
            return sendOne(m, false);
        }
        if (status == 429 || status >= 500) {
            return new PushOutcome.Retry("APNs " + status + " " + reason, retryAfter);
        }
        if (status == 403) {
            return new PushOutcome.Retry("APNs refused our key (" + reason + "); check APNS_KEY_ID, APNS_TEAM_ID and the key file",
                                         Optional.of(Duration.ofMinutes(5)));
        }
        return new PushOutcome.Failed("APNs " + status + " " + reason);
    }

    HttpRequest request(PushMessage m) {
        ObjectNode payload = JSON.createObjectNode();
        ObjectNode aps = payload.putObject("aps");
        ObjectNode alert = aps.putObject("alert");
        alert.put("title", m.title());
        alert.put("body", m.body());
        aps.put("sound", "default");
        payload.put("id", m.notificationId().toString());
        payload.put("kind", m.kind().name());
        m.requestId().ifPresent(r -> payload.put("requestId", r.toString()));
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/3/device/" + m.token()))
                .timeout(Duration.ofSeconds(15))
                .header("authorization", "bearer " + providerToken())
                .header("apns-topic", topic)
                .header("apns-push-type", "alert")
                .header("apns-id", m.notificationId().toString().toUpperCase(Locale.ROOT))
                .header("apns-priority", m.highPriority() ? "10" : "5")
                .header("apns-expiration", Long.toString(clock.instant().plus(m.ttl()).getEpochSecond()))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload.toString()));
        m.collapseKey().ifPresent(k -> b.header("apns-collapse-id", k));
        return b.build();
    }

    /** The ES256 JSON Web Token Apple expects, renewed every {@link #TOKEN_LIFE}. */
    synchronized String providerToken() {
        Instant now = clock.instant();
        if (providerToken == null || now.isAfter(providerTokenAt.plus(TOKEN_LIFE))) {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString(("{\"alg\":\"ES256\",\"kid\":\"" + keyId + "\"}").getBytes(StandardCharsets.UTF_8));
            String claims = b64.encodeToString(("{\"iss\":\"" + teamId + "\",\"iat\":" + now.getEpochSecond() + "}")
                                                       .getBytes(StandardCharsets.UTF_8));
            try {
                Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
                signer.initSign(key);
                signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
                providerToken = header + "." + claims + "." + b64.encodeToString(signer.sign());
                providerTokenAt = now;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign the APNs provider token: " + e.getMessage(), e);
            }
        }
        return providerToken;
    }

    private static String reason(String body) {
        try {
            return Optional.ofNullable(JSON.readTree(body).get("reason")).map(r -> r.asText()).orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        senders.shutdown();
        http.close();
    }
}
