package org.opencity.backend.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencity.backend.config.LimitSettings;
import org.opencity.backend.testing.TestApp;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityHeadersTest {

    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(false, s -> s.withLimits(new LimitSettings(0, 0, 0, 0, false, List.of("https://partner.example"))));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void apiAnswersCannotBeSniffedFramedOrCachedByDefault() {
        HttpResponse<String> response = app.get("/api/v1/me");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(response.headers().firstValue("Content-Security-Policy")).contains("default-src 'none'; frame-ancestors 'none'");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    void pagesGetAStrictContentSecurityPolicyWithoutInlineScript() {
        HttpResponse<String> page = app.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("object-src 'none'").doesNotContain("unsafe-inline");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("<style>");
    }

    @Test
    void aConfiguredOriginMayCallTheApiFromABrowser() {
        HttpResponse<String> preflight = app.send(HttpRequest.newBuilder(app.uri("/api/v1/categories"))
                                                          .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                                          .header("Origin", "https://partner.example")
                                                          .header("Access-Control-Request-Method", "GET").build());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("https://partner.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        HttpResponse<String> get = app.get("/api/v1/categories", "Origin", "https://partner.example");
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).contains("https://partner.example");
    }

    @Test
    void anyOtherOriginGetsNoCrossOriginPermission() {
        HttpResponse<String> get = app.get("/api/v1/categories", "Origin", "https://evil.example");
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> preflight = app.send(HttpRequest.newBuilder(app.uri("/api/v1/categories"))
                                                          .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                                          .header("Origin", "https://evil.example").build());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
