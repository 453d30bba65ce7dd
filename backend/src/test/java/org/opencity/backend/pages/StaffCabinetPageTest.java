package org.opencity.backend.pages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.demo.DemoHistory;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cabinet's indicators in a real headless Chromium on the demo city's history: an organisation's
 * dispatcher sees their organisation against the city, city staff every organisation side by side.
 */
@WithApp(demo = true)
@WithBrowser
class StaffCabinetPageTest {

    private static TestApp seeded;
    private final ChromeDriver browser;
    private final TestApp app;
    private final WebDriverWait wait;

    StaffCabinetPageTest(TestApp app, ChromeDriver browser) {
        this.app = app;
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @BeforeEach
    void history() {
        if (seeded == app) {
            return;
        }
        seeded = app;
        app.clock().set(Instant.now());
        var db = app.database().client();
        new DemoHistory(new Transactions(db), new Calendars(db, app.clock()), app.clock()).seed(new RequestNumbers(db), db);
    }

    private static Map<String, Object> lastDays(int days, List<String> dimensions, List<String> measures) {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Moscow"));
        return Map.of("dimensions", dimensions, "measures", measures, "from", today.minusDays(days - 1).toString(), "to", today.toString());
    }

    @Test
    void anOrganisationsDispatcherSeesTheirIndicatorsAgainstTheCity() {
        StaffPages.signIn(browser, app, "dispatcher");
        browser.get(app.uri("/staff/cabinet.html?lang=en").toString());
        wait.until(d -> !d.findElements(By.cssSelector("#indicators tbody tr")).isEmpty());
        assertThat(browser.findElement(By.id("own-name")).getText()).isEqualTo("Vakhitovsky Housing Service");
        JsonNode expected = TestApp.json(app.post("/api/v1/reports/run", lastDays(30, List.of(),
                List.of("COUNT", "RESOLVED_PCT", "RESOLVED_ON_TIME_PCT", "OVERDUE_COUNT", "REOPEN_RATE_PCT", "AVG_RATING",
                        "STAGE_ON_TIME_PCT", "STAGE_MEDIAN_MINUTES", "STAGE_P90_MINUTES")), app.login("dispatcher")));
        WebElement count = browser.findElement(By.cssSelector("#indicators tr[data-column='COUNT']"));
        long own = expected.get("rows").get(0).get("values").get("COUNT").asLong();
        long city = expected.get("cityAverage").get("values").get("COUNT").asLong();
        assertThat(own).isLessThan(city);
        assertThat(count.findElement(By.cssSelector("td a.drill")).getText()).isEqualTo(String.valueOf(own));
        assertThat(count.findElements(By.tagName("td")).get(1).getText()).isEqualTo(String.valueOf(city));
        assertThat(browser.findElements(By.cssSelector("#indicators tbody tr"))).hasSize(6 + 3 * 4);
        String weak = expected.get("rows").get(0).path("weakLink").asText("");
        if (!weak.isEmpty()) {
            assertThat(browser.findElement(By.cssSelector("#indicators tr[data-weak-link] td.weak-link")).findElement(By.xpath(".."))
                               .getAttribute("data-column")).isEqualTo("STAGE_MEDIAN_MINUTES." + weak);
        }

        count.findElement(By.cssSelector("a.drill")).click();
        int behind = (int) Math.min(50, own);
        wait.until(d -> d.findElements(By.cssSelector("#drill-table tbody tr")).size() == behind);

        new Select(browser.findElement(By.id("days"))).selectByValue("90");
        long own90 = TestApp.json(app.post("/api/v1/reports/run", lastDays(90, List.of(), List.of("COUNT")), app.login("dispatcher")))
                .get("rows").get(0).get("values").get("COUNT").asLong();
        wait.until(d -> d.findElement(By.cssSelector("#indicators tr[data-column='COUNT'] td a.drill")).getText()
                .equals(String.valueOf(own90)));
    }

    @Test
    void cityStaffSeeEveryOrganisationSideBySide() {
        StaffPages.signIn(browser, app, "citydispatcher");
        browser.get(app.uri("/staff/cabinet.html?lang=en").toString());
        wait.until(d -> !d.findElements(By.cssSelector("#report tbody tr.average")).isEmpty());
        JsonNode expected = TestApp.json(app.post("/api/v1/reports/run", lastDays(30, List.of("ORGANISATION"), List.of("COUNT")),
                                                  app.login("citydispatcher")));
        assertThat(expected.get("rows").size()).isGreaterThan(3);
        assertThat(browser.findElements(By.cssSelector("#report tbody tr:not(.average)"))).hasSize(expected.get("rows").size());
        assertThat(browser.findElement(By.id("report")).getText()).contains("Vakhitovsky Housing Service");
        assertThat(browser.findElements(By.cssSelector("#chart svg rect.chart-bar"))).isNotEmpty();
        assertThat(browser.findElement(By.id("own")).isDisplayed()).isFalse();
    }
}
