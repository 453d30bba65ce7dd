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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report builder in a real headless Chromium on the demo city's history: build a report, read
 * it as a table and a chart, save it, find it again after a reload, export it, drill into a figure
 * down to a request, then open the public ratings; and an organisation's dispatcher sees only their
 * organisation next to the city.
 */
@WithApp(demo = true)
@WithBrowser
class StaffReportsPageTest {

    private static TestApp seeded;
    private final ChromeDriver browser;
    private final TestApp app;
    private final WebDriverWait wait;

    StaffReportsPageTest(TestApp app, ChromeDriver browser) {
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
        app.clock().set(Instant.now());   // the page's default period is the browser's last 90 days
        var db = app.database().client();
        new DemoHistory(new Transactions(db), new Calendars(db, app.clock()), app.clock()).seed(new RequestNumbers(db), db);
    }

    /** Opens the builder, leaves its defaults (by organisation: count, resolved on time, stage medians) and runs it. */
    private Map<String, Object> runDefaultReport() {
        browser.get(app.uri("/staff/reports.html?lang=en").toString());
        wait.until(d -> d.findElements(By.cssSelector("#dimensions input")).size() == 9);
        browser.findElement(By.id("run")).click();
        wait.withMessage(() -> "the report: " + browser.findElement(By.id("problem")).getText())
                .until(d -> !d.findElements(By.cssSelector("#report tbody tr.average")).isEmpty());
        return Map.of("dimensions", List.of("ORGANISATION"), "measures", List.of("COUNT", "RESOLVED_ON_TIME_PCT", "STAGE_MEDIAN_MINUTES"),
                      "from", browser.findElement(By.id("from")).getAttribute("value"),
                      "to", browser.findElement(By.id("to")).getAttribute("value"));
    }

    @Test
    void aCityDispatcherBuildsSavesExportsAndDrillsIntoAReportThenOpensThePublicRatings() {
        StaffPages.signIn(browser, app, "citydispatcher");
        browser.get(app.uri("/staff/board.html?lang=en").toString());
        wait.until(d -> !d.findElements(By.cssSelector("a[data-nav='reports']")).isEmpty());
        Map<String, Object> query = runDefaultReport();

        JsonNode expected = TestApp.json(app.post("/api/v1/reports/run", query, app.login("citydispatcher")));
        assertThat(expected.get("rows").size()).as("the demo history has requests of several organisations").isGreaterThan(1);
        List<WebElement> rows = browser.findElements(By.cssSelector("#report tbody tr"));
        assertThat(rows).hasSize(expected.get("rows").size() + 1);
        List<String> counts = new ArrayList<>();
        expected.get("rows").forEach(r -> counts.add(String.format(java.util.Locale.ENGLISH, "%,d", r.get("values").get("COUNT").asLong())));
        List<String> shown = browser.findElements(By.cssSelector("#report tbody tr:not(.average) td[data-column='COUNT']")).stream()
                .map(WebElement::getText).toList();
        assertThat(shown).isEqualTo(counts);
        assertThat(rows.getLast().getText()).startsWith("Whole city")
                .contains(String.format(java.util.Locale.ENGLISH, "%,d", expected.get("cityAverage").get("values").get("COUNT").asLong()));
        long weakLinks = 0;
        for (JsonNode r : expected.get("rows")) {
            weakLinks += r.hasNonNull("weakLink") ? 1 : 0;
        }
        assertThat(weakLinks).isPositive();
        assertThat(browser.findElements(By.cssSelector("#report tbody tr[data-weak-link] td.weak-link"))).as("the slowest stage marked")
                .hasSize((int) weakLinks);
        assertThat(browser.findElements(By.cssSelector("#chart svg rect.chart-bar"))).as("a bar per row and the average")
                .hasSize(Math.min(30, expected.get("rows").size()) + 1);
        assertThat(browser.findElements(By.cssSelector("#chart svg rect.chart-bar.average"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("#chart svg")).getAttribute("aria-label")).isEqualTo("Resolved on time, %");
        new Select(browser.findElement(By.id("chart-column"))).selectByValue("COUNT");
        assertThat(browser.findElements(By.cssSelector("#chart svg rect.chart-bar"))).as("no bar for the city's total among the parts")
                .hasSize(Math.min(30, expected.get("rows").size()));

        browser.findElement(By.id("save-name")).sendKeys("Organisations, last 90 days");
        browser.findElement(By.id("save")).click();
        wait.until(d -> d.findElement(By.id("saved")).getText().contains("Organisations, last 90 days"));
        browser.navigate().refresh();
        WebElement saved = wait.until(d -> d.findElements(By.cssSelector("#saved li")).stream()
                .filter(li -> li.getText().contains("Organisations, last 90 days")).findFirst().orElse(null));
        browser.findElement(By.id("measure-AVG_RATING")).click();   // changed, then the saved definition put back
        saved.findElement(By.cssSelector("button.open")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#report tbody tr.average")).isEmpty());
        assertThat(browser.findElement(By.id("measure-AVG_RATING")).isSelected()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#report thead th[data-column='COUNT']"))).hasSize(1);

        String href = browser.findElement(By.id("export")).getAttribute("href");
        assertThat(href).contains("/api/v1/reports/export.csv?").contains("dimensions=ORGANISATION");
        @SuppressWarnings("unchecked")
        List<Object> csv = (List<Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(async (r) => {
                  const bytes = new Uint8Array(await r.arrayBuffer());
                  done([r.status, r.headers.get('Content-Type'), bytes[0], bytes[1], bytes[2], new TextDecoder().decode(bytes.slice(3))]);
                });""", href);
        assertThat(csv.get(0)).isEqualTo(200L);
        assertThat((String) csv.get(1)).startsWith("text/csv");
        assertThat(csv.subList(2, 5)).as("a byte-order mark").containsExactly(0xEFL, 0xBBL, 0xBFL);
        String[] lines = ((String) csv.get(5)).split("\r\n");
        assertThat(lines[0]).isEqualTo("ORGANISATION,COUNT,RESOLVED_ON_TIME_PCT,STAGE_MEDIAN_MINUTES.ACCEPT,STAGE_MEDIAN_MINUTES.START,"
                                       + "STAGE_MEDIAN_MINUTES.COMPLETE,STAGE_MEDIAN_MINUTES.CONFIRM");
        assertThat(lines).hasSize(expected.get("rows").size() + 2);
        assertThat(lines[lines.length - 1]).startsWith("(city average),");

        JsonNode first = expected.get("rows").get(0);
        browser.findElement(By.cssSelector("#report tbody tr:first-child td[data-column='COUNT'] a.drill")).click();
        int behind = (int) Math.min(50, first.get("values").get("COUNT").asLong());
        wait.until(d -> d.findElement(By.id("drill")).isDisplayed()
                        && d.findElements(By.cssSelector("#drill-table tbody tr")).size() == behind);
        assertThat(browser.findElement(By.id("drill-title")).getText()).startsWith("Requests behind the figure: Requests");
        WebElement request = browser.findElement(By.cssSelector("#drill-table tbody tr a"));
        String number = request.getText();
        assertThat(request.getAttribute("href")).contains("/staff/request.html?id=");
        request.click();
        wait.until(d -> d.findElement(By.id("heading")).getText().startsWith(number));

        browser.navigate().back();
        WebElement again = wait.until(d -> d.findElements(By.cssSelector("#saved li")).stream().findFirst().orElse(null));
        again.findElement(By.cssSelector("button.remove")).click();
        wait.until(d -> d.findElement(By.id("saved-empty")).isDisplayed());
        assertThat(TestApp.json(app.get("/api/v1/reports/saved", app.login("citydispatcher")))).isEmpty();

        browser.get(app.uri("/ratings.html?lang=en").toString());   // and what the public sees of the same requests
        wait.until(d -> d.findElement(By.id("ratings")).getAttribute("data-period") != null);
        JsonNode ratings = TestApp.json(app.get("/api/v1/public/ratings?lang=en&period="
                                                + browser.findElement(By.id("ratings")).getAttribute("data-period")));
        assertThat(browser.findElements(By.cssSelector("#ratings tbody tr"))).hasSize(ratings.get("organisations").size()).isNotEmpty();
    }

    @Test
    void everyLanguageHasEveryWord() {
        StaffPages.signIn(browser, app, "citydispatcher");
        for (String lang : List.of("ru", "tt", "en")) {
            for (String page : List.of("/staff/reports.html", "/staff/cabinet.html")) {
                browser.get(app.uri(page + "?lang=" + lang).toString());
                if (page.endsWith("reports.html")) {
                    wait.until(d -> d.findElements(By.cssSelector("#dimensions input")).size() == 9);
                    browser.findElement(By.id("run")).click();
                }
                wait.until(d -> !d.findElements(By.cssSelector("#report tbody tr.average")).isEmpty());
                browser.findElement(By.cssSelector("#report tbody tr:first-child td[data-column='COUNT'] a.drill")).click();
                wait.until(d -> !d.findElements(By.cssSelector("#drill-table tbody tr")).isEmpty());
                String text = browser.findElement(By.tagName("body")).getText();
                assertThat(text).as(page + " in " + lang).doesNotContain("undefined").doesNotContain("[object Object]")
                        .doesNotContain("null");
            }
            for (String page : List.of("/ratings.html", "/ratings-method.html")) {
                browser.get(app.uri(page + "?lang=" + lang).toString());
                wait.until(d -> page.endsWith("method.html") || d.findElement(By.id("ratings")).getAttribute("data-period") != null);
                String text = browser.findElement(By.tagName("body")).getText();
                assertThat(text).as(page + " in " + lang).doesNotContain("undefined").doesNotContain("[object Object]")
                        .doesNotContain("null");
                assertThat(browser.findElements(By.cssSelector("[data-text]")).stream().filter(e -> e.getText().isBlank()).toList())
                        .as("a text left empty on " + page + " in " + lang).isEmpty();
            }
        }
    }

    @Test
    void aQuietPeriodSaysNoRequestsInEveryLanguage() {
        StaffPages.signIn(browser, app, "citydispatcher");
        Map<String, String> said = Map.of("ru", "Нет заявок за этот период.", "tt", "Бу чорда гаризалар юк.",
                                          "en", "No requests in this period.");
        for (String lang : List.of("ru", "tt", "en")) {
            browser.get(app.uri("/staff/reports.html?lang=" + lang).toString());
            wait.until(d -> d.findElements(By.cssSelector("#dimensions input")).size() == 9);
            browser.executeScript("document.getElementById('from').value = '2020-01-01';"
                                          + "document.getElementById('to').value = '2020-03-31';");
            browser.findElement(By.id("run")).click();
            wait.withMessage(() -> lang + ": " + browser.findElement(By.id("problem")).getText())
                    .until(d -> d.findElement(By.id("nothing-filed")).isDisplayed());
            assertThat(browser.findElement(By.id("nothing-filed")).getText()).isEqualTo(said.get(lang));
            assertThat(browser.findElement(By.id("problem")).isDisplayed()).isFalse();
            assertThat(browser.findElements(By.cssSelector("#report tbody tr"))).as("only the city's row").hasSize(1);
            assertThat(browser.findElement(By.id("chart")).isDisplayed()).isFalse();
        }
        runDefaultReport();   // and a period with requests has no such note
        assertThat(browser.findElement(By.id("nothing-filed")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("chart")).isDisplayed()).isTrue();
    }

    @Test
    void figuresDatesAndDurationsFollowTheLanguage() {
        StaffPages.signIn(browser, app, "citydispatcher");
        browser.get(app.uri("/staff/reports.html?lang=ru").toString());
        wait.until(d -> d.findElements(By.cssSelector("#dimensions input")).size() == 9);
        browser.findElement(By.id("run")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#report tbody tr.average")).isEmpty());
        List<String> medians = browser.findElements(By.cssSelector("#report tbody td[data-column^='STAGE_MEDIAN_MINUTES']")).stream()
                .map(WebElement::getText).toList();
        assertThat(medians).isNotEmpty().allMatch(t -> t.matches("—|\\d+ мин|\\d+ ч( \\d+ мин)?|\\d+ дн( \\d+ ч)?"), "a duration in words");
        assertThat(medians).anyMatch(t -> !t.equals("—"));
        List<String> shares = browser.findElements(By.cssSelector("#report tbody td[data-column='RESOLVED_ON_TIME_PCT']")).stream()
                .map(WebElement::getText).toList();
        assertThat(shares).isNotEmpty().allMatch(t -> t.matches("—|\\d+(,\\d{1,2})?"), "a decimal comma, never a point");
        assertThat(browser.findElement(By.id("summary")).getText()).as("dates as people write them")
                .matches("заявки, поданные \\d{1,2} [а-я]{3,4}\\.? \\d{4} г\\. — \\d{1,2} [а-я]{3,4}\\.? \\d{4} г\\.: \\d+ строк");
        assertThat(browser.findElement(By.cssSelector("#report thead")).getText()).doesNotContain(", мин");
    }

    @Test
    void aStageFigureDrillsIntoItsStagesSlowestFirst() {
        StaffPages.signIn(browser, app, "citydispatcher");
        runDefaultReport();
        WebElement median = browser.findElements(By.cssSelector("#report tbody tr:not(.average) td[data-column='STAGE_MEDIAN_MINUTES.ACCEPT'] a.drill"))
                .getFirst();
        median.click();
        wait.until(d -> !d.findElements(By.cssSelector("#drill-table tbody tr")).isEmpty());
        assertThat(browser.findElement(By.id("drill")).getAttribute("data-subset")).isEqualTo("STAGE_DONE");
        List<Double> minutes = browser.findElements(By.cssSelector("#drill-table tbody tr td:last-child")).stream()
                .map(td -> Double.parseDouble(td.getAttribute("data-minutes"))).toList();
        assertThat(minutes).isSortedAccordingTo((a, b) -> Double.compare(b, a));

        new Select(browser.findElement(By.id("filter-DISTRICT"))).selectByValue("vakhitovsky");
        new Select(browser.findElement(By.id("filter-REPORTER_TYPE"))).selectByValue("INDIVIDUAL");
        browser.findElement(By.id("run")).click();
        wait.until(d -> d.findElement(By.id("export")).getAttribute("href").contains("filter.DISTRICT=vakhitovsky"));
        assertThat(browser.findElement(By.id("export")).getAttribute("href")).contains("filter.REPORTER_TYPE=INDIVIDUAL");
        assertThat(browser.findElement(By.id("drill")).isDisplayed()).as("a new report closes the old list").isFalse();
    }

    @Test
    void anOrganisationsDispatcherSeesOnlyTheirOrganisationNextToTheCity() {
        StaffPages.signIn(browser, app, "dispatcher");
        Map<String, Object> query = runDefaultReport();
        JsonNode expected = TestApp.json(app.post("/api/v1/reports/run", query, app.login("dispatcher")));
        assertThat(expected.get("rows")).hasSize(1);
        List<WebElement> rows = browser.findElements(By.cssSelector("#report tbody tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getText()).startsWith("Vakhitovsky");
        assertThat(rows.get(1).getText()).startsWith("Whole city");
        assertThat(rows.get(1).findElements(By.cssSelector("a.drill"))).as("the city's requests are not theirs to list").isEmpty();
        assertThat(browser.findElement(By.id("filter-ORGANISATION")).isDisplayed()).isFalse();

        rows.get(0).findElement(By.cssSelector("td[data-column='COUNT'] a.drill")).click();
        int behind = (int) Math.min(50, expected.get("rows").get(0).get("values").get("COUNT").asLong());
        wait.until(d -> d.findElements(By.cssSelector("#drill-table tbody tr")).size() == behind);
    }
}
