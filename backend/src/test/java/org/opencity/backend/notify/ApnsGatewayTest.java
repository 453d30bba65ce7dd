package org.opencity.backend.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencity.model.notify.NotificationKind;
import org.opencity.model.notify.PushProvider;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The direct APNs gateway against a scripted Apple: headers, payload, the signed provider token, every answer. */
class ApnsGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    /** One request as Apple received it. */
    record Received(String path, Map<String, String> headers, JsonNode body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private HttpServer apple;
    private KeyPair key;
    private ApnsGateway gateway;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        apple = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        apple.createContext("/3/device/", exchange -> {
            String token = exchange.getRequestURI().getPath().substring("/3/device/".length());
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            received.add(new Received(exchange.getRequestURI().getPath(), headers, JSON.readTree(exchange.getRequestBody())));
            int call = calls.computeIfAbsent(token, t -> new AtomicInteger()).getAndIncrement();
            int status = 200;
            String reason = null;
            switch (token) {
                case "dead-token-000000000001" -> { status = 410; reason = "Unregistered"; }
                case "bad-token-0000000000001" -> { status = 400; reason = "BadDeviceToken"; }
                case "big-payload-00000000001" -> { status = 400; reason = "PayloadTooLarge"; }
                case "busy-token-000000000001" -> { status = 429; reason = "TooManyRequests"; exchange.getResponseHeaders().add("retry-after", "30"); }
                case "down-token-000000000001" -> { status = 503; reason = "ServiceUnavailable"; }
                case "expired-jwt-00000000001" -> { if (call == 0) { status = 403; reason = "ExpiredProviderToken"; } }
                default -> { }
            }
            byte[] body = reason == null ? new byte[0] : ("{\"reason\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8);
            if (status == 200) {
                exchange.getResponseHeaders().add("apns-id", headers.get("apns-id"));
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        apple.start();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        key = ec.generateKeyPair();
        Path p8 = dir.resolve("AuthKey_ABC123DEFG.p8");
        Files.writeString(p8, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        gateway = new ApnsGateway(URI.create("http://127.0.0.1:" + apple.getAddress().getPort()), "org.opencity.app", "ABC123DEFG",
                                  "TEAM123456", ApnsGateway.readKey(p8), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        gateway.close();
        apple.stop(0);
    }

    @Test
    void aPushCarriesTheAlertTheIdsAndTheKindsExpiryCollapseAndPriority() throws Exception {
        UUID id = UUID.randomUUID();
        UUID request = UUID.randomUUID();
        PushMessage assigned = message("good-token-000000000001", NotificationKind.JOB_ASSIGNED, id, Optional.of(request));
        PushMessage comment = message("good-token-000000000002", NotificationKind.ORGANISATION_COMMENT, UUID.randomUUID(), Optional.empty());
        List<PushOutcome> outcomes = gateway.send(List.of(assigned, comment));
        assertThat(outcomes.getFirst()).isEqualTo(new PushOutcome.Sent(id.toString().toUpperCase()));
        assertThat(outcomes.get(1)).isInstanceOf(PushOutcome.Sent.class);

        Received first = received.stream().filter(r -> r.path().endsWith("000000000001")).findFirst().orElseThrow();
        assertThat(first.headers()).containsEntry("apns-topic", "org.opencity.app").containsEntry("apns-push-type", "alert")
                .containsEntry("apns-priority", "10").containsEntry("apns-id", id.toString().toUpperCase())
                .containsEntry("apns-expiration", Long.toString(NOW.plus(Duration.ofDays(1)).getEpochSecond()))
                .doesNotContainKey("apns-collapse-id");
        assertThat(first.body()).isEqualTo(JSON.readTree("""
                {"aps": {"alert": {"title": "Новая заявка KZN-2026-000001", "body": "Сантехника, ул. Баумана, 1"}, "sound": "default"},
                 "id": "%s", "kind": "JOB_ASSIGNED", "requestId": "%s"}""".formatted(id, request)));
        Received second = received.stream().filter(r -> r.path().endsWith("000000000002")).findFirst().orElseThrow();
        assertThat(second.headers()).containsEntry("apns-priority", "5").containsEntry("apns-collapse-id", "request");

        // the provider token: ES256, our key id and team, signed by our key
        String[] jwt = first.headers().get("authorization").substring("bearer ".length()).split("\\.");
        assertThat(JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]))).isEqualTo(JSON.readTree("{\"alg\":\"ES256\",\"kid\":\"ABC123DEFG\"}"));
        assertThat(JSON.readTree(Base64.getUrlDecoder().decode(jwt[1])))
                .isEqualTo(JSON.readTree("{\"iss\":\"TEAM123456\",\"iat\":" + NOW.getEpochSecond() + "}"));
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key.getPublic());
        verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
    }

    @Test
    void applesAnswersBecomeTheRightOutcomes() {
        List<PushOutcome> outcomes = gateway.send(List.of(
                message("dead-token-000000000001", NotificationKind.JOB_CHANGED, UUID.randomUUID(), Optional.empty()),
                message("bad-token-0000000000001", NotificationKind.JOB_CHANGED, UUID.randomUUID(), Optional.empty()),
                message("big-payload-00000000001", NotificationKind.JOB_CHANGED, UUID.randomUUID(), Optional.empty()),
                message("busy-token-000000000001", NotificationKind.JOB_CHANGED, UUID.randomUUID(), Optional.empty()),
                message("down-token-000000000001", NotificationKind.JOB_CHANGED, UUID.randomUUID(), Optional.empty()),
                message("expired-jwt-00000000001", NotificationKind.JOB_CHANGED, UUID.randomUUID(), Optional.empty())));
        assertThat(outcomes.get(0)).as("410 Unregistered").isInstanceOf(PushOutcome.TokenDead.class);
        assertThat(outcomes.get(1)).as("BadDeviceToken").isInstanceOf(PushOutcome.TokenDead.class);
        assertThat(outcomes.get(2)).as("PayloadTooLarge").isInstanceOf(PushOutcome.Failed.class);
        assertThat(outcomes.get(3)).as("429").isInstanceOf(PushOutcome.Retry.class);
        assertThat(((PushOutcome.Retry) outcomes.get(3)).notBefore()).contains(Duration.ofSeconds(30));
        assertThat(outcomes.get(4)).as("503").isInstanceOf(PushOutcome.Retry.class);
        assertThat(outcomes.get(5)).as("an expired provider token is renewed and the push sent").isInstanceOf(PushOutcome.Sent.class);
        assertThat(calls.get("expired-jwt-00000000001")).hasValue(2);
    }

    @Test
    void anUnreachableAppleIsATransientFailure() {
        apple.stop(0);
        assertThat(gateway.send(List.of(message("good-token-000000000009", NotificationKind.JOB_ASSIGNED, UUID.randomUUID(),
                                                Optional.empty())))).singleElement().isInstanceOf(PushOutcome.Retry.class);
    }

    private static PushMessage message(String token, NotificationKind kind, UUID id, Optional<UUID> request) {
        DeliveryPolicy policy = DeliveryPolicy.of(kind);
        return new PushMessage(1, PushProvider.APNS, token, id, kind, request, "Новая заявка KZN-2026-000001", "Сантехника, ул. Баумана, 1",
                               policy.ttl(), policy.highPriority(), policy.collapseKey());
    }
}
