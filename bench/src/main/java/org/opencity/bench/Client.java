package org.opencity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;

/** The benchmark's HTTP client of the backend: JSON in and out, bearer tokens, no retries. */
final class Client {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** An answer: its status and body (empty for none). */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }

        JsonNode expect(String what) {
            if (!ok()) {
                throw new IllegalStateException(what + ": HTTP " + status + " " + body);
            }
            return body;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final URI base;
    private final String metricsToken;

    /** A client of the backend at {@code base}; {@code metricsToken} is the backend's {@code METRICS_TOKEN}. */
    Client(URI base, String metricsToken) {
        this.base = base;
        this.metricsToken = metricsToken;
    }

    Answer call(String method, String path, String token, Object body) {
        try {
            HttpResponse<byte[]> r = http.send(request(method, path, token, body, Duration.ofSeconds(60)), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.body().length == 0 ? JSON.nullNode() : JSON.readTree(r.body()));
        } catch (IOException e) {
            return new Answer(599, JSON.getNodeFactory().textNode(e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(599, JSON.getNodeFactory().textNode("interrupted"));
        }
    }

    /** Only the status of a call, its body read and thrown away (the load generator's own cost kept small); 599 for no answer. */
    int status(String method, String path, String token, Object body) {
        try {
            return http.send(request(method, path, token, body, Duration.ofSeconds(60)), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 599;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 599;
        }
    }

    /** The metrics page's text, scraped with the metrics token as Prometheus would. */
    String metrics() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request("GET", "/metrics", metricsToken, null, Duration.ofSeconds(60)),
                                           HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /metrics: HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** A long answer, to be read as it arrives (a CSV export). */
    HttpResponse<java.io.InputStream> stream(String path, String token) throws IOException, InterruptedException {
        return http.send(request("GET", path, token, null, Duration.ofMinutes(30)), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest request(String method, String path, String token, Object body, Duration timeout) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (body instanceof byte[] bytes) {
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes)).header("Content-Type", "application/octet-stream");
        } else {
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    /** A staff member's access token (password sign-in as a new device). */
    String staff(String login) {
        ObjectNode body = JSON.createObjectNode().put("login", login).put("password", "opencity-demo");
        body.set("device", device());
        return call("POST", "/api/v1/auth/login", null, body).expect("sign-in of " + login).get("accessToken").asText();
    }

    /** A resident's access token, signed in by a code sent to {@code phone} (read from the SMS inbox). */
    String resident(String phone, SmsInbox sms) throws InterruptedException {
        JsonNode challenge = call("POST", "/api/v1/auth/otp", null, JSON.createObjectNode().put("phone", phone).put("locale", "en"))
                .expect("a code for " + phone);
        ObjectNode verify = JSON.createObjectNode().put("challengeId", challenge.get("challengeId").asText())
                .put("code", sms.takeCode(phone, Duration.ofSeconds(30)));
        verify.set("device", device());
        return call("POST", "/api/v1/auth/otp/verify", null, verify).expect("the code of " + phone).get("accessToken").asText();
    }

    private static ObjectNode device() {
        return JSON.createObjectNode().put("id", UUID.randomUUID().toString()).put("platform", "ANDROID")
                .put("appVersion", "bench").put("name", "bench");
    }
}
