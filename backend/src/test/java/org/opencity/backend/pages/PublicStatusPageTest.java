package org.opencity.backend.pages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.backend.testing.WithBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The public status page in a real headless Chromium: what anyone sees of a request, and nothing more. */
@WithApp
@WithBrowser
class PublicStatusPageTest {

    private static final String PAYLOAD = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    private final ChromeDriver browser;
    private final TestApp app;

    PublicStatusPageTest(TestApp app, ChromeDriver browser) {
        this.app = app;
        this.browser = browser;
    }

    @Test
    void aRequestIsShownByItsNumberWithItsStageAndCommentsAsTextAndNoPersonalData() {
        TestApp.Tokens resident = app.signInResident("+79007778899");
        String building = app.database().client().execute().query(
                        "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' LIMIT 1")
                .findFirst().orElseThrow().column(1).get().toString();
        JsonNode filed = app.fileRequest(resident, "plumbing", building, "Rustem Valiev, +7 900 777-88-99, " + PAYLOAD);
        String id = filed.get("summary").get("id").asText();
        String number = filed.get("summary").get("number").asText();
        TestApp.Tokens dispatcher = app.login("vakhitovsky.dispatcher");
        act(dispatcher, id, Map.of("action", "ACCEPT"));
        act(dispatcher, id, Map.of("action", "COMMENT", "text", "Coming tomorrow " + PAYLOAD));

        browser.get(app.uri("/status.html?lang=en").toString());
        WebElement input = browser.findElement(By.id("number"));
        input.sendKeys(number.toLowerCase());
        browser.findElement(By.id("show")).click();
        WebElement result = new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            WebElement r = d.findElement(By.id("result"));
            return r.isDisplayed() ? r : null;
        });
        assertThat(browser.findElement(By.id("heading")).getText()).startsWith(number + " · Plumbing");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Accepted");
        assertThat(browser.findElement(By.id("deadline")).getText()).startsWith("due ");
        assertThat(browser.findElement(By.id("organisation")).getText()).isNotBlank();
        assertThat(browser.findElements(By.cssSelector("#history li"))).extracting(WebElement::getText)
                .anySatisfy(step -> assertThat(step).endsWith("Accepted"));
        assertThat(browser.findElement(By.id("comments")).getText()).as("the payload is shown as text").contains("Coming tomorrow " + PAYLOAD);
        assertThat(browser.findElements(By.cssSelector("#result img[src='x'], #result script"))).as("and is inert").isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

        String page = result.getText() + browser.getPageSource();
        assertThat(page).as("no personal data on the page").doesNotContain("Rustem").doesNotContain("777").doesNotContain("кв.")
                .doesNotContain(resident.userId().toString());
        assertThat(browser.getCurrentUrl()).as("the number is in the address, to share").contains("number=" + number);
    }

    @Test
    void theNumberIsFoundAsAPersonTypesItAndTheAddressGetsTheRealOne() {
        TestApp.Tokens resident = app.signInResident("+79007778812");
        String building = app.database().client().execute().query(
                        "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' LIMIT 1")
                .findFirst().orElseThrow().column(1).get().toString();
        String number = app.fileRequest(resident, "plumbing", building, "No hot water").get("summary").get("number").asText();
        String[] parts = number.split("-");
        String typed = parts[0].toLowerCase() + " " + parts[1] + " " + Long.parseLong(parts[2]);   // kzn 2026 301

        browser.get(app.uri("/status.html?lang=ru").toString());
        browser.findElement(By.id("number")).sendKeys(typed);
        browser.findElement(By.id("show")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("result")).isDisplayed());
        assertThat(browser.findElement(By.id("heading")).getText()).startsWith(number + " · ");
        assertThat(browser.getCurrentUrl()).as("the canonical number, to share").contains("number=" + number);
        assertThat(browser.findElement(By.id("number")).getAttribute("value")).isEqualTo(number);
    }

    @Test
    void anUnknownNumberSaysSoAndThePageComesWithAStrictPolicy() {
        browser.get(app.uri("/status.html?lang=ru&number=KZN-2026-999999").toString());
        WebElement problem = new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            WebElement p = d.findElement(By.id("problem"));
            return p.isDisplayed() ? p : null;
        });
        assertThat(problem.getText()).isEqualTo("Заявка с таким номером не найдена.");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Статус заявки");

        HttpResponse<String> page = app.get("/status.html");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.body()).as("no inline script").doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(List.of(page.headers().firstValue("X-Frame-Options").orElse(""))).containsExactly("DENY");
    }

    private void act(TestApp.Tokens who, String id, Map<String, Object> action) {
        HttpResponse<String> r = app.post("/api/v1/requests/" + id + "/actions", action, who);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
