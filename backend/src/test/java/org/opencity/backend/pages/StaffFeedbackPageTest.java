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
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The city's staff read feedback to the city in a real headless Chromium: as written, as text, and mark it read. */
@WithApp(demo = true)
@WithBrowser
class StaffFeedbackPageTest {

    private static final String PAYLOAD = "The yard lights are off <img src=x onerror=alert(1)> \"quoted\" & more\nsecond line";
    private static final AtomicInteger ADDRESSES = new AtomicInteger();   // feedback is limited per address and hour
    private final ChromeDriver browser;
    private final TestApp app;

    StaffFeedbackPageTest(TestApp app, ChromeDriver browser) {
        this.app = app;
        this.browser = browser;
    }

    @Test
    void aCityDispatcherReadsFeedbackAsWrittenAndMarksItRead() {
        String id = send(Map.of("kind", "CRITICISM", "text", PAYLOAD, "contact", "<b>neighbour</b>@example.org"));
        TestApp.Tokens city = app.login("citydispatcher");
        long unread = TestApp.json(app.get("/api/v1/admin/feedback", city)).get("unread").asLong();
        StaffPages.signIn(browser, app, "citydispatcher");

        WebElement row = openAndFind(id);
        assertThat(browser.findElements(By.cssSelector("a[data-nav='feedback']"))).hasSize(1);
        assertThat(row.getAttribute("class")).contains("unread");
        assertThat(row.findElement(By.cssSelector(".feedback-text")).getText()).as("exactly as written").isEqualTo(PAYLOAD);
        assertThat(row.getText()).contains("<img src=x onerror=alert(1)>").contains("Criticism").contains("<b>neighbour</b>@example.org");
        assertThat(browser.findElements(By.cssSelector("img[src='x'], #feedback b"))).as("and inert").isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.findElement(By.id("unread")).getAttribute("data-unread")).isEqualTo(String.valueOf(unread));

        row.findElement(By.cssSelector("button.mark-read")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).withMessage("the row is no longer bold")
                .until(d -> !d.findElement(By.cssSelector("tr[data-id='" + id + "']")).getAttribute("class").contains("unread"));
        assertThat(browser.findElement(By.id("unread")).getAttribute("data-unread")).isEqualTo(String.valueOf(unread - 1));
        JsonNode after = TestApp.json(app.get("/api/v1/admin/feedback", city));
        assertThat(after.get("unread").asLong()).isEqualTo(unread - 1);
        assertThat(find(after, id).get("readAt").isNull()).as("read, as the API says").isFalse();

        WebElement again = openAndFind(id, "ru");
        assertThat(again.getAttribute("class")).doesNotContain("unread");
        assertThat(again.findElements(By.tagName("button"))).isEmpty();
        assertThat(again.getText()).contains("Критика").contains("прочитано");
    }

    @Test
    void olderFeedbackComesAPageAtATime() {
        for (int i = 0; i < 51; i++) {
            send(Map.of("kind", "COMMENT", "text", "Thank you for the new benches, number " + i));
        }
        TestApp.Tokens city = app.login("citydispatcher");
        int total = 0;
        for (JsonNode page = TestApp.json(app.get("/api/v1/admin/feedback?limit=200", city)); ; ) {
            total += page.get("items").size();
            if (page.get("next") == null || page.get("next").isNull()) {
                break;
            }
            page = TestApp.json(app.get("/api/v1/admin/feedback?limit=200&after=" + page.get("next").asText(), city));
        }
        StaffPages.signIn(browser, app, "citydispatcher");

        browser.get(app.uri("/staff/feedback.html?lang=en").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.until(d -> d.findElements(By.cssSelector("#feedback tbody tr")).size() == 50);
        assertThat(browser.findElement(By.cssSelector("#feedback tbody tr")).getText()).as("newest first")
                .contains("number 50");
        WebElement more = browser.findElement(By.id("more"));
        assertThat(more.isDisplayed()).isTrue();
        more.click();
        int expected = total;
        wait.until(d -> d.findElements(By.cssSelector("#feedback tbody tr")).size() == expected);
        assertThat(more.isDisplayed()).as("nothing more").isFalse();
    }

    @Test
    void anOrganisationsDispatcherHasNoFeedbackLinkAndIsRefused() {
        StaffPages.signIn(browser, app, "dispatcher");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.until(d -> !d.findElements(By.cssSelector("a[data-nav='map']")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("a[data-nav='feedback']"))).isEmpty();
        assertThat(app.get("/api/v1/admin/feedback", app.login("dispatcher")).statusCode()).isEqualTo(403);

        browser.get(app.uri("/staff/feedback.html?lang=en").toString());
        WebElement problem = wait.until(d -> {
            WebElement p = d.findElement(By.id("problem"));
            return p.isDisplayed() ? p : null;
        });
        assertThat(problem.getText()).isEqualTo("Feedback to the city is read by the city's dispatchers and administrators.");
        assertThat(browser.findElement(By.id("feedback")).isDisplayed()).isFalse();
    }

    private WebElement openAndFind(String id) {
        return openAndFind(id, "en");
    }

    private WebElement openAndFind(String id, String lang) {
        browser.get(app.uri("/staff/feedback.html?lang=" + lang).toString());
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .withMessage(() -> "feedback " + id + " on the page: " + browser.findElement(By.id("problem")).getText())
                .until(d -> d.findElements(By.cssSelector("tr[data-id='" + id + "']")).stream().findFirst().orElse(null));
    }

    private String send(Map<String, Object> body) {
        int n = ADDRESSES.getAndIncrement() / 5;   // five an address, the hourly limit
        HttpResponse<String> r = app.json("POST", "/api/v1/public/feedback", body, "X-Forwarded-For", "10.77." + n / 250 + "." + (n % 250 + 1));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestApp.json(r).get("id").asText();
    }

    private static JsonNode find(JsonNode page, String id) {
        for (JsonNode f : page.get("items")) {
            if (f.get("id").asText().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no feedback " + id + " in " + page);
    }
}
