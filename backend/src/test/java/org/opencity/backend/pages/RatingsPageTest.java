package org.opencity.backend.pages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.demo.DemoHistory;
import org.opencity.backend.reports.PublicRatings;
import org.opencity.backend.requests.RequestNumbers;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.backend.testing.WithBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The public ratings page and its method page in a real headless Chromium, without signing in, on the demo city's history. */
@WithApp(demo = true)
@WithBrowser
class RatingsPageTest {

    private final ChromeDriver browser;
    private final TestApp app;
    private final WebDriverWait wait;

    RatingsPageTest(TestApp app, ChromeDriver browser) {
        this.app = app;
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @Test
    void anyoneReadsTheRatingsOfAPeriodAndHowTheyAreMade() {
        app.clock().set(Instant.now());   // the page offers the browser's current quarter first
        var db = app.database().client();
        new DemoHistory(new Transactions(db), new Calendars(db, app.clock()), app.clock()).seed(new RequestNumbers(db), db);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Moscow"));
        String quarter = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);

        browser.get(app.uri("/?lang=en").toString());
        browser.findElement(By.cssSelector("a[href='/ratings.html']")).click();
        browser.get(app.uri("/ratings.html?lang=en").toString());
        wait.until(d -> quarter.equals(d.findElement(By.id("ratings")).getAttribute("data-period")));
        JsonNode expected = TestApp.json(app.get("/api/v1/public/ratings?lang=en&period=" + quarter));
        assertRows(expected);
        int few = 0;
        for (JsonNode o : expected.get("organisations")) {
            few += o.get("tooFewRequests").asBoolean() ? 1 : 0;
        }
        assertThat(few).as("the demo has organisations with few requests").isPositive();
        assertThat(few).as("and some with enough").isLessThan(expected.get("organisations").size());
        assertThat(browser.findElement(By.id("few-note")).getText()).contains("Fewer than " + PublicRatings.MINIMUM_REQUESTS);

        String month = today.toString().substring(0, 7);
        new Select(browser.findElement(By.id("period"))).selectByValue(month);
        wait.until(d -> month.equals(d.findElement(By.id("ratings")).getAttribute("data-period")));
        assertRows(TestApp.json(app.get("/api/v1/public/ratings?lang=en&period=" + month)));
        assertThat(browser.getCurrentUrl()).contains("period=" + month);

        browser.findElement(By.id("method")).click();
        wait.until(d -> d.getCurrentUrl().contains("/ratings-method.html"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("How the ratings are calculated");
        String method = browser.findElement(By.tagName("main")).getText();
        assertThat(method).contains("fewer than " + PublicRatings.MINIMUM_REQUESTS + " requests").contains("on time 40 %")
                .contains("rating 30 %").contains("reopened 20 %").contains("requests per 1,000 flats 10 %").contains("(r − 1) / 4");
        browser.get(app.uri("/ratings-method.html?lang=ru").toString());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Как считается рейтинг организаций");
        assertThat(browser.findElement(By.id("few")).getText()).contains("меньше " + PublicRatings.MINIMUM_REQUESTS + " заявок");
    }

    @Test
    void theRussianPageMarksTooFewRequests() {
        browser.get(app.uri("/ratings.html?lang=ru&period=2026-Q4").toString());
        wait.until(d -> "2026-Q4".equals(d.findElement(By.id("ratings")).getAttribute("data-period")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Рейтинг организаций");
        List<WebElement> marked = browser.findElements(By.cssSelector("#ratings tbody tr.too-few .chip.few"));
        assertThat(marked).isNotEmpty();
        assertThat(marked.getFirst().getText()).isEqualTo("мало заявок");
    }

    private void assertRows(JsonNode expected) {
        List<String> codes = new ArrayList<>();
        List<String> few = new ArrayList<>();
        for (JsonNode o : expected.get("organisations")) {
            codes.add(o.get("code").asText());
            if (o.get("tooFewRequests").asBoolean()) {
                few.add(o.get("code").asText());
            }
        }
        List<WebElement> rows = browser.findElements(By.cssSelector("#ratings tbody tr"));
        assertThat(rows.stream().map(r -> r.getAttribute("data-code")).toList()).isEqualTo(codes);
        assertThat(browser.findElements(By.cssSelector("#ratings tbody tr.too-few")).stream().map(r -> r.getAttribute("data-code")).toList())
                .isEqualTo(few);
        JsonNode top = expected.get("organisations").get(0);
        assertThat(rows.getFirst().findElement(By.cssSelector("td.score")).getText())
                .isEqualTo(top.hasNonNull("score") ? top.get("score").asText().replaceAll("\\.0$", "") : "—");
        assertThat(rows.getFirst().findElement(By.cssSelector("td")).getText()).isEqualTo("1");
    }
}
