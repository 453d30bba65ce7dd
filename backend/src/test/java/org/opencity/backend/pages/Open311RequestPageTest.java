package org.opencity.backend.pages;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.backend.testing.WithBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff request page shows what an Open311 client sent, in the reader's language: which client
 * ("extra data from …"), the reporter's contact for the responsible organisation, the client's
 * photo link as a link, and the fields we do not declare.
 */
@WithApp
@WithBrowser
class Open311RequestPageTest {

    private final TestApp app;
    private final ChromeDriver browser;
    private final WebDriverWait wait;

    Open311RequestPageTest(TestApp app, ChromeDriver browser) {
        this.app = app;
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @Test
    void theOrganisationReadsWhatTheClientSent() {
        TestApp.Tokens admin = app.loginCityAdmin();
        String key = TestApp.json(app.post("/api/v1/admin/api-clients", Map.of("name", "FixMyStreet Казань"), admin)).get("key").asText();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", key);
        form.put("service_code", "plumbing");
        form.put("address_id", single("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky'"
                                              + " ORDER BY b.street_ru, b.house LIMIT 1"));
        form.put("description", "Течёт стояк в подвале");
        form.put("first_name", "Ильдар");
        form.put("phone", "+7 917 123-45-67");
        form.put("media_url", "https://fms.example/photo/42.jpeg");
        form.put("attribute[uprn]", "100023336956");
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> filed = app.send(HttpRequest.newBuilder(app.uri("/open311/v2/requests.json"))
                                                      .header("Content-Type", "application/x-www-form-urlencoded")
                                                      .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        String number = TestApp.json(filed).get(0).get("service_request_id").asText();
        TestApp.Tokens dispatcher = app.login("dispatcher");
        String id = TestApp.json(app.get("/api/v1/requests?q=" + number, dispatcher)).get("items").get(0).get("id").asText();

        StaffPages.signIn(browser, app, "dispatcher");
        browser.get(app.uri("/staff/request.html?lang=ru&id=" + id).toString());
        WebElement section = wait.until(d -> d.findElements(By.id("open311")).stream().filter(WebElement::isDisplayed).findFirst()
                .orElse(null));
        assertThat(browser.findElement(By.id("open311-heading")).getText()).isEqualTo("Дополнительные данные от FixMyStreet Казань");
        String facts = section.getText();
        assertThat(facts).contains("Ильдар", "+7 917 123-45-67", "Другие поля: uprn", "100023336956");
        WebElement link = section.findElement(By.cssSelector("a"));
        assertThat(link.getAttribute("href")).isEqualTo("https://fms.example/photo/42.jpeg");
        assertThat(link.getAttribute("rel")).contains("noreferrer");
    }

    private String single(String sql) {
        try (var rows = app.database().client().execute().query(sql)) {
            return rows.findFirst().orElseThrow().column(1).get().toString();
        }
    }
}
