package org.opencity.backend.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencity.model.notify.NotificationKind;
import org.opencity.model.notify.PushProvider;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The real Firebase Admin SDK over a scripted transport: the exact FCM v1 requests, and every kind of answer. */
class FcmGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ScriptedFcm fcm = new ScriptedFcm();
    private FcmGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = FcmGateway.create(fcm.credentials(), ScriptedFcm.PROJECT, Optional.of(fcm));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void everyKindGoesAsADataMessageWithItsTtlCollapseKeyAndPriority() throws Exception {
        for (NotificationKind kind : NotificationKind.values()) {
            fcm.sent.clear();
            UUID id = UUID.fromString("01a22300-0000-7000-8000-000000000001");
            UUID request = UUID.fromString("01a22300-0000-7000-8000-0000000000aa");
            DeliveryPolicy policy = DeliveryPolicy.of(kind);
            PushMessage m = new PushMessage(1, PushProvider.FCM, "token-" + kind.name().toLowerCase(), id, kind, Optional.of(request),
                                            "Новая заявка KZN-2026-000123", "Сантехника, ул. Баумана, 12", policy.ttl(),
                                            policy.highPriority(), policy.collapseKey());
            List<PushOutcome> outcomes = gateway.send(List.of(m));
            assertThat(outcomes).singleElement().isEqualTo(new PushOutcome.Sent("projects/opencity-test/messages/m-" + m.token()));

            StringBuilder android = new StringBuilder("{");
            policy.collapseKey().ifPresent(k -> android.append("\"collapse_key\":\"").append(k).append("\","));
            android.append("\"priority\":\"").append(policy.highPriority() ? "high" : "normal").append("\",")
                    .append("\"ttl\":\"").append(policy.ttl().toSeconds()).append("s\"}");
            JsonNode expected = JSON.readTree("""
                    {"message": {
                      "token": "%s",
                      "data": {"id": "%s", "kind": "%s", "requestId": "%s",
                               "title": "Новая заявка KZN-2026-000123", "body": "Сантехника, ул. Баумана, 12"},
                      "android": %s
                    }}""".formatted(m.token(), id, kind.name(), request, android));
            assertThat(fcm.sent).as(kind.name()).singleElement().isEqualTo(expected);
        }
        assertThat(fcm.tokenCalls.get()).as("the SDK signed in with the service account").isPositive();
        assertThat(DeliveryPolicy.of(NotificationKind.JOB_ASSIGNED).highPriority()).as("job assignments wake the phone").isTrue();
        assertThat(DeliveryPolicy.of(NotificationKind.JOB_ASSIGNED).collapseKey()).as("and are never collapsed").isEmpty();
    }

    @Test
    void aLongBodyIsShortenedToKeepTheDataUnderFourKilobytes() {
        String body = "Протечка ".repeat(600);
        PushMessage m = message("token-long-body-0001", NotificationKind.ORGANISATION_COMMENT, body);
        assertThat(gateway.send(List.of(m))).singleElement().isInstanceOf(PushOutcome.Sent.class);
        JsonNode data = fcm.sent.getFirst().path("message").path("data");
        int bytes = 0;
        for (var it = data.fields(); it.hasNext(); ) {
            var e = it.next();
            bytes += e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + e.getValue().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        assertThat(bytes).isLessThanOrEqualTo(FcmGateway.MAX_DATA_BYTES);
        assertThat(data.path("body").asText()).startsWith("Протечка").endsWith("…");
    }

    @Test
    void eachAnswerOfFcmBecomesTheRightOutcome() {
        fcm.script(token -> switch (token) {
            case "token-unregistered-01" -> List.of(ScriptedFcm.Answer.error(404, "NOT_FOUND", "UNREGISTERED",
                                                                             "Requested entity was not found.", Map.of()));
            case "token-bad-token-0001" -> List.of(ScriptedFcm.Answer.error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
                                                                            "The registration token is not a valid FCM registration token",
                                                                            Map.of()));
            case "token-bad-payload-01" -> List.of(ScriptedFcm.Answer.error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
                                                                            "Invalid value at 'message.android.ttl'", Map.of()));
            case "token-other-project1" -> List.of(ScriptedFcm.Answer.error(403, "PERMISSION_DENIED", "SENDER_ID_MISMATCH",
                                                                            "SenderId mismatch", Map.of()));
            case "token-quota-short-01" -> List.of(ScriptedFcm.Answer.error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED",
                                                                            "Quota exceeded", Map.of("Retry-After", "5")));
            case "token-quota-long-001" -> List.of(ScriptedFcm.Answer.error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED",
                                                                            "Quota exceeded", Map.of("Retry-After", "300")));
            case "token-unavailable-01" -> List.of(ScriptedFcm.Answer.error(503, "UNAVAILABLE", "UNAVAILABLE",
                                                                            "The service is currently unavailable.",
                                                                            Map.of("Retry-After", "120")));
            case "token-no-code-00001" -> List.of(ScriptedFcm.Answer.error(500, "INTERNAL", null, "Internal error", Map.of()));
            case "token-timeout-00001" -> List.of(ScriptedFcm.Answer.failure(new SocketTimeoutException("Read timed out")));
            default -> List.of(ScriptedFcm.Answer.ok("m-" + token));
        });
        List<String> tokens = List.of("token-unregistered-01", "token-bad-token-0001", "token-bad-payload-01", "token-other-project1",
                                      "token-quota-short-01", "token-quota-long-001", "token-unavailable-01", "token-no-code-00001",
                                      "token-timeout-00001", "token-fine-00000001");
        List<PushMessage> messages = new ArrayList<>();
        tokens.forEach(t -> messages.add(message(t, NotificationKind.JOB_CHANGED, "Something changed")));
        List<PushOutcome> outcomes = gateway.send(messages);

        assertThat(outcomes.get(0)).as("UNREGISTERED").isInstanceOf(PushOutcome.TokenDead.class);
        assertThat(outcomes.get(1)).as("INVALID_ARGUMENT about the token").isInstanceOf(PushOutcome.TokenDead.class);
        assertThat(outcomes.get(2)).as("INVALID_ARGUMENT about the payload").isInstanceOf(PushOutcome.Failed.class);
        assertThat(outcomes.get(3)).as("SENDER_ID_MISMATCH").isInstanceOf(PushOutcome.TokenDead.class);
        assertThat(outcomes.get(4)).as("QUOTA_EXCEEDED waits at least a minute")
                .isEqualTo(new PushOutcome.Retry(((PushOutcome.Retry) outcomes.get(4)).reason(), Optional.of(Duration.ofMinutes(1))));
        assertThat(((PushOutcome.Retry) outcomes.get(5)).notBefore()).as("and longer when FCM asks").contains(Duration.ofSeconds(300));
        assertThat(((PushOutcome.Retry) outcomes.get(6)).notBefore()).as("503 with Retry-After").contains(Duration.ofSeconds(120));
        assertThat(outcomes.get(7)).as("no error code: transient").isInstanceOf(PushOutcome.Retry.class);
        assertThat(outcomes.get(8)).as("a timeout: transient").isInstanceOf(PushOutcome.Retry.class);
        assertThat(((PushOutcome.Retry) outcomes.get(8)).notBefore()).isEmpty();
        assertThat(outcomes.get(9)).isInstanceOf(PushOutcome.Sent.class);
    }

    @Test
    void aShortOutageIsRiddenOutByTheSdkAndALongerOneComesBackAsRetry() {
        fcm.script(token -> token.equals("token-blip-00000001")
                ? List.of(ScriptedFcm.Answer.error(503, "UNAVAILABLE", "UNAVAILABLE", "busy", Map.of()), ScriptedFcm.Answer.ok("after-blip"))
                : List.of(ScriptedFcm.Answer.error(503, "UNAVAILABLE", "UNAVAILABLE", "down", Map.of("Retry-After", "90"))));
        List<PushOutcome> outcomes = gateway.send(List.of(message("token-blip-00000001", NotificationKind.JOB_ASSIGNED, "x"),
                                                          message("token-down-00000001", NotificationKind.JOB_ASSIGNED, "x")));
        assertThat(outcomes.get(0)).isEqualTo(new PushOutcome.Sent("projects/opencity-test/messages/after-blip"));
        assertThat(fcm.callsPerToken.get("token-blip-00000001")).hasValue(2);
        assertThat(outcomes.get(1)).isInstanceOf(PushOutcome.Retry.class);
        assertThat(((PushOutcome.Retry) outcomes.get(1)).notBefore()).contains(Duration.ofSeconds(90));
        assertThat(fcm.callsPerToken.get("token-down-00000001")).as("a wait longer than a minute is left to our sender").hasValue(1);
    }

    private static PushMessage message(String token, NotificationKind kind, String body) {
        DeliveryPolicy policy = DeliveryPolicy.of(kind);
        return new PushMessage(1, PushProvider.FCM, token, UUID.randomUUID(), kind, Optional.empty(), "Title", body, policy.ttl(),
                               policy.highPriority(), policy.collapseKey());
    }
}
