package org.opencity.backend.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error, from routing or from the transport, is one JSON problem with the request id. */
@WithApp(demo = false)
class ProblemResponsesTest {

    private final TestApp app;

    ProblemResponsesTest(TestApp app) {
        this.app = app;
    }

    @Test
    void anUnknownApiPathIsA404ProblemCarryingTheRequestIdOfTheResponseHeader() {
        HttpResponse<String> response = app.get("/api/v1/no-such-thing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = TestApp.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("/problems/not-found");
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("requestId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void aSaneCallerRequestIdIsKeptAndAnUnsafeOneReplaced() {
        HttpResponse<String> kept = app.get("/api/v1/categories", "X-Request-Id", "lb-7f3a9c21-0001");
        assertThat(kept.headers().firstValue("X-Request-Id")).contains("lb-7f3a9c21-0001");
        HttpResponse<String> replaced = app.get("/api/v1/categories", "X-Request-Id", "<script>alert(1)</script>");
        assertThat(replaced.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{24}");
    }

    @Test
    void aBodyLargerThanTheServerAcceptsIsA413ProblemBeforeItIsRead() {
        byte[] tooLarge = new byte[13 * 1024 * 1024];
        // with "Expect: 100-continue" the client waits for the verdict before sending the body; without it,
        // the server's answer can be lost to a connection reset while the client is still sending
        HttpResponse<String> response = app.send(HttpRequest.newBuilder(app.uri("/api/v1/categories")).expectContinue(true)
                                                          .POST(HttpRequest.BodyPublishers.ofByteArray(tooLarge))
                                                          .header("Content-Type", "application/json").build());
        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode problem = TestApp.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(413);
        assertThat(problem.get("detail").asText()).contains("larger");
    }

    @Test
    void oversizedHeadersAndRequestLinesAreRefusedAsProblems() {
        HttpResponse<String> headers = app.get("/api/v1/categories", "X-Padding", "a".repeat(20_000));
        assertThat(headers.statusCode()).isIn(400, 431);
        assertThat(headers.headers().firstValue("Content-Type")).contains("application/problem+json");
        HttpResponse<String> line = app.get("/api/v1/categories?padding=" + "a".repeat(9_000));
        assertThat(line.statusCode()).isEqualTo(414);
        assertThat(TestApp.json(line).get("detail").asText()).contains("too long");
    }

    @Test
    void aWrongMethodOnAKnownResourceIsAProblemWithoutInternals() {
        HttpResponse<String> response = app.send(HttpRequest.newBuilder(app.uri("/api/v1/categories"))
                                                          .DELETE().build());
        assertThat(response.statusCode()).isBetween(404, 405);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
    }
}
