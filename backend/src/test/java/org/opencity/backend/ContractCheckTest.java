package org.opencity.backend;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.Contract;

import javax.net.ssl.SSLSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract check that every test's HTTP exchange goes through ({@link Contract}) catches what
 * it is there to catch: a wrong body, an undocumented status or content type, an accepted request
 * that breaks its schema. Answers here are made by hand, so each check is seen to fail.
 */
class ContractCheckTest {

    private static final String CATEGORY = "{\"code\":\"water-leak\",\"name\":\"Течь\",\"emergency\":true,\"outdoor\":false}";

    @Test
    void aConformingAnswerPasses() {
        assertThat(check("GET", "/api/v1/categories", null, 200, "application/json", "[" + CATEGORY + "]")).isEmpty();
    }

    @Test
    void aBodyThatBreaksTheSchemaIsReported() {
        assertThat(check("GET", "/api/v1/categories", null, 200, "application/json", "[{\"code\":5,\"name\":\"x\"}]"))
                .anySatisfy(v -> assertThat(v).contains("GET /api/v1/categories answered 200: body").contains("code"))
                .anySatisfy(v -> assertThat(v).contains("emergency"));
    }

    @Test
    void anUndocumentedStatusIsReported() {
        assertThat(check("GET", "/open311/v2/services.json", null, 418, "application/json", "[]"))
                .singleElement().asString().contains("status not documented");
    }

    @Test
    void anUndocumentedContentTypeIsReported() {
        assertThat(check("GET", "/api/v1/categories", null, 200, "text/html", "<p>hi</p>"))
                .singleElement().asString().contains("content type 'text/html' not documented");
    }

    @Test
    void aProblemMustBeAProblemDocument() {
        assertThat(check("GET", "/api/v1/requests/0193a6f2-7c1e-7b3a-9d41-2f5e8c0a1b23", null, 404, "application/problem+json",
                         "{\"title\":\"Not found\"}"))
                .anySatisfy(v -> assertThat(v).contains("required").contains("status"));
    }

    @Test
    void anAcceptedRequestBodyMustMatchItsSchemaButARefusedOneNeedNot() {
        String wrong = "{\"action\":\"FLY\"}";
        assertThat(check("POST", "/api/v1/requests/0193a6f2-7c1e-7b3a-9d41-2f5e8c0a1b23/actions", wrong, 204, "", ""))
                .anySatisfy(v -> assertThat(v).contains("accepted request body"));
        assertThat(check("POST", "/api/v1/requests/0193a6f2-7c1e-7b3a-9d41-2f5e8c0a1b23/actions", wrong, 400,
                         "application/problem+json", "{\"type\":\"/problems/validation\",\"title\":\"Invalid\",\"status\":400}"))
                .isEmpty();
    }

    @Test
    void literalPathsWinOverParameters() {
        // /requests/nearby is its own operation, not /requests/{requestId}
        assertThat(check("GET", "/api/v1/requests/nearby", null, 200, "application/json", "[]")).isEmpty();
    }

    private static List<String> check(String method, String path, String body, int status, String contentType, String answer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpRequest built = request.build();
        return Contract.get().violations(built, Optional.ofNullable(body), new Answer(built, status, contentType, answer));
    }

    private record Answer(HttpRequest request, int statusCode, String contentType, String body) implements HttpResponse<String> {
        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(contentType.isEmpty() ? Map.of() : Map.of("Content-Type", List.of(contentType)), (a, b) -> true);
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
