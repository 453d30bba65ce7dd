package org.opencity.backend.accounts;

import org.junit.jupiter.api.Test;
import org.opencity.backend.demo.DemoCity;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The web view's cookie session: what the cookies are, and that CSRF needs the header. */
@WithApp
class WebSessionTest {

    private final TestApp app;

    WebSessionTest(TestApp app) {
        this.app = app;
    }

    @Test
    void signingInSetsSecureHttpOnlyStrictCookiesAndKeepsTheTokensOutOfTheBody() {
        HttpResponse<String> response = login("dispatcher");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("oca_").doesNotContain("ocr_");
        assertThat(TestApp.json(response).get("me").get("roles").get(0).asText()).isEqualTo("ORG_DISPATCHER");
        Map<String, String> raw = setCookies(response);
        assertThat(raw.get("oc_access")).contains("HttpOnly").contains("Secure").containsIgnoringCase("SameSite=Strict").contains("Path=/");
        assertThat(raw.get("oc_refresh")).contains("HttpOnly").contains("Secure").containsIgnoringCase("SameSite=Strict")
                .contains("Path=/api/v1/auth/web");
        assertThat(raw.get("oc_csrf")).doesNotContain("HttpOnly").contains("Secure").containsIgnoringCase("SameSite=Strict");
    }

    @Test
    void theCookieSignsRequestsInButUnsafeMethodsNeedTheCsrfHeader() {
        Map<String, String> cookies = values(login("dispatcher"));
        HttpResponse<String> me = send("GET", "/api/v1/me", cookies, null);
        assertThat(me.statusCode()).isEqualTo(200);

        HttpResponse<String> without = send("POST", "/api/v1/me/notifications/read-all", cookies, null);
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(TestApp.json(without).get("type").asText()).endsWith("/problems/csrf");
        HttpResponse<String> wrong = send("POST", "/api/v1/me/notifications/read-all", cookies, "not-the-token");
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> right = send("POST", "/api/v1/me/notifications/read-all", cookies, cookies.get("oc_csrf"));
        assertThat(right.statusCode()).isBetween(200, 204);
    }

    @Test
    void aCsrfTokenIssuedToAnotherSessionIsRefused() {
        // the attacker's own valid token, planted as the victim's cookie (a sibling subdomain can set cookies) and echoed
        Map<String, String> victim = values(login("dispatcher"));
        String attackers = values(login("electrician")).get("oc_csrf");
        Map<String, String> planted = new HashMap<>(victim);
        planted.put("oc_csrf", attackers);
        HttpResponse<String> action = send("POST", "/api/v1/me/notifications/read-all", planted, attackers);
        assertThat(action.statusCode()).isEqualTo(403);
        assertThat(TestApp.json(action).get("type").asText()).endsWith("/problems/csrf");
        assertThat(send("POST", "/api/v1/auth/web/refresh", planted, attackers).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/auth/web/logout", planted, attackers).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/me", victim, null).statusCode()).as("still signed in").isEqualTo(200);
        assertThat(send("POST", "/api/v1/me/notifications/read-all", victim, victim.get("oc_csrf")).statusCode()).isBetween(200, 204);
    }

    @Test
    void aRefreshWhoseAnswerWasLostIsRetriedFromTheSameBrowser() {
        Map<String, String> cookies = values(login("dispatcher"));
        assertThat(send("POST", "/api/v1/auth/web/refresh", cookies, cookies.get("oc_csrf")).statusCode()).isEqualTo(200);
        HttpResponse<String> retried = send("POST", "/api/v1/auth/web/refresh", cookies, cookies.get("oc_csrf"));
        assertThat(retried.statusCode()).as("the device cookie names the browser").isEqualTo(200);
        assertThat(send("GET", "/api/v1/me", values(retried), null).statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredAccessCookieIsRefreshedWithTheRefreshCookieAndTheHeader() {
        Map<String, String> cookies = values(login("dispatcher"));
        app.clock().advance(Duration.ofMinutes(20));
        HttpResponse<String> expired = send("GET", "/api/v1/me", cookies, null);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(TestApp.json(expired).get("type").asText()).endsWith("/problems/token-invalid");

        assertThat(send("POST", "/api/v1/auth/web/refresh", cookies, null).statusCode()).isEqualTo(403);
        HttpResponse<String> refreshed = send("POST", "/api/v1/auth/web/refresh", cookies, cookies.get("oc_csrf"));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        Map<String, String> next = values(refreshed);
        assertThat(next.get("oc_access")).isNotEqualTo(cookies.get("oc_access"));
        assertThat(next.get("oc_csrf")).isNotEqualTo(cookies.get("oc_csrf"));
        assertThat(send("GET", "/api/v1/me", next, null).statusCode()).isEqualTo(200);
        // the spent refresh cookie is no good once the grace window has passed
        app.clock().advance(Duration.ofMinutes(2));
        assertThat(send("POST", "/api/v1/auth/web/refresh", cookies, cookies.get("oc_csrf")).statusCode()).isEqualTo(401);
    }

    @Test
    void signingOutEndsTheSessionAndClearsTheCookies() {
        Map<String, String> cookies = values(login("dispatcher"));
        assertThat(send("POST", "/api/v1/auth/web/logout", cookies, null).statusCode()).isEqualTo(403);
        HttpResponse<String> out = send("POST", "/api/v1/auth/web/logout", cookies, cookies.get("oc_csrf"));
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(setCookies(out).get("oc_access")).startsWith("oc_access=;").contains("Expires=Thu, 1 Jan 1970");
        assertThat(setCookies(out).get("oc_refresh")).startsWith("oc_refresh=;").contains("Expires=Thu, 1 Jan 1970");
        assertThat(send("GET", "/api/v1/me", cookies, null).statusCode()).isEqualTo(401);
    }

    @Test
    void theWebSignInIsForWebDevicesAndAWrongPasswordSetsNoCookie() {
        HttpResponse<String> phone = app.post("/api/v1/auth/web/login", Map.of("login", "dispatcher", "password", DemoCity.DEMO_PASSWORD,
                                                                             "device", TestApp.device(UUID.randomUUID())));
        assertThat(phone.statusCode()).isEqualTo(400);
        HttpResponse<String> wrong = app.post("/api/v1/auth/web/login", Map.of("login", "dispatcher", "password", "not it",
                                                                             "device", webDevice()));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void aBearerTokenNeedsNoCsrfHeader() {
        TestApp.Tokens tokens = app.login("dispatcher");
        assertThat(app.post("/api/v1/me/notifications/read-all", Map.of(), tokens).statusCode()).isBetween(200, 204);
    }

    private HttpResponse<String> login(String login) {
        return app.post("/api/v1/auth/web/login", Map.of("login", login, "password", DemoCity.DEMO_PASSWORD, "device", webDevice()));
    }

    private static Map<String, Object> webDevice() {
        return Map.of("id", UUID.randomUUID().toString(), "platform", "WEB", "appVersion", "web", "name", "Chromium");
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> cookies, String csrf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
        StringBuilder cookie = new StringBuilder();
        cookies.forEach((name, value) -> cookie.append(cookie.isEmpty() ? "" : "; ").append(name).append('=').append(value));
        request.header("Cookie", cookie.toString());
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return app.send(request.build());
    }

    /** Set-Cookie lines by cookie name. */
    private static Map<String, String> setCookies(HttpResponse<String> response) {
        Map<String, String> byName = new HashMap<>();
        List<String> lines = response.headers().allValues("Set-Cookie");
        for (String line : lines) {
            byName.put(line.substring(0, line.indexOf('=')), line);
        }
        return byName;
    }

    /** The cookie values a browser would keep. */
    private static Map<String, String> values(HttpResponse<String> response) {
        Map<String, String> values = new HashMap<>();
        setCookies(response).forEach((name, line) -> {
            String pair = line.split(";", 2)[0];
            values.put(name, pair.substring(pair.indexOf('=') + 1));
        });
        assertThat(values).containsKeys("oc_access", "oc_refresh", "oc_csrf");
        return values;
    }
}
