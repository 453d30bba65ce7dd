package org.opencity.backend.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import com.google.api.client.testing.http.MockHttpTransport;
import com.google.api.client.testing.http.MockLowLevelHttpRequest;
import com.google.api.client.testing.http.MockLowLevelHttpResponse;
import com.google.auth.oauth2.GoogleCredentials;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Google's HTTP transport with a script in place of the network: the OAuth token endpoint answers
 * a token, and FCM's {@code messages:send} answers whatever the script says for the message's token.
 * The real Firebase Admin SDK runs on top, so what is checked is what would go over the wire.
 */
final class ScriptedFcm extends MockHttpTransport {

    static final String PROJECT = "opencity-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted answer: a status, a body, headers; or a network failure. */
    record Answer(int status, String body, Map<String, String> headers, IOException failure) {
        static Answer ok(String name) {
            return new Answer(200, "{\"name\":\"projects/" + PROJECT + "/messages/" + name + "\"}", Map.of(), null);
        }

        static Answer error(int status, String grpcStatus, String fcmCode, String message, Map<String, String> headers) {
            String details = fcmCode == null ? "[]"
                    : "[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"" + fcmCode + "\"}]";
            return new Answer(status, "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"status\":\"" + grpcStatus
                    + "\",\"details\":" + details + "}}", headers, null);
        }

        static Answer failure(IOException e) {
            return new Answer(0, null, Map.of(), e);
        }
    }

    final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> callsPerToken = new ConcurrentHashMap<>();
    final AtomicInteger tokenCalls = new AtomicInteger();
    private volatile Function<String, List<Answer>> script = token -> List.of(Answer.ok("m-" + token));

    /** Answers per token: the n-th call for a token gets the n-th answer (the last one repeats). */
    void script(Function<String, List<Answer>> script) {
        this.script = script;
    }

    @Override
    public LowLevelHttpRequest buildRequest(String method, String url) {
        return new MockLowLevelHttpRequest(url) {
            @Override
            public LowLevelHttpResponse execute() throws IOException {
                MockLowLevelHttpResponse response = new MockLowLevelHttpResponse().setContentType("application/json");
                if (url.contains("oauth2") || url.endsWith("/token")) {
                    tokenCalls.incrementAndGet();
                    return response.setContent("{\"access_token\":\"test-access-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
                }
                if (!url.equals("https://fcm.googleapis.com/v1/projects/" + PROJECT + "/messages:send")) {
                    return response.setStatusCode(404).setContent("{}");
                }
                JsonNode body = JSON.readTree(getContentAsString());
                String token = body.path("message").path("token").asText();
                int call = callsPerToken.computeIfAbsent(token, t -> new AtomicInteger()).getAndIncrement();
                List<Answer> answers = script.apply(token);
                Answer a = answers.get(Math.min(call, answers.size() - 1));
                if (a.failure() != null) {
                    throw a.failure();
                }
                if (a.status() == 200) {
                    sent.add(body);
                }
                response.setStatusCode(a.status()).setContent(a.body());
                a.headers().forEach(response::addHeader);
                return response;
            }
        };
    }

    /** Service-account credentials with a key made for the test, fetching tokens through this transport. */
    GoogleCredentials credentials() throws IOException, NoSuchAlgorithmException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded()).replace("\n", "\\n")
                + "\\n-----END PRIVATE KEY-----\\n";
        String json = "{\"type\":\"service_account\",\"project_id\":\"" + PROJECT + "\",\"private_key_id\":\"test-key\","
                + "\"private_key\":\"" + pem + "\",\"client_email\":\"push@" + PROJECT + ".iam.gserviceaccount.com\","
                + "\"client_id\":\"1\",\"token_uri\":\"https://oauth2.googleapis.com/token\"}";
        return GoogleCredentials.fromStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), () -> this)
                .createScoped(List.of("https://www.googleapis.com/auth/firebase.messaging"));
    }
}
