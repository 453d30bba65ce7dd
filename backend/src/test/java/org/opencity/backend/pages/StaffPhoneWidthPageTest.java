package org.opencity.backend.pages;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.backend.testing.WithBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every staff page fits a phone (390 px wide): the page never scrolls sideways, whoever is signed
 * in and whatever tab is open, with the demo city's data on it; the navigation folds behind a
 * button; on the request page the actions come before the history.
 */
@WithApp(demo = true)
@WithBrowser
class StaffPhoneWidthPageTest {

    private static final int WIDTH = 390;

    private final TestApp app;
    private final ChromeDriver browser;
    private final WebDriverWait wait;
    private final List<String> offenders = new ArrayList<>();
    private String who = "nobody";

    StaffPhoneWidthPageTest(TestApp app, ChromeDriver browser) {
        this.app = app;
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @Test
    void everyStaffPageFitsAPhoneWithoutScrollingSideways() {
        String request = workedRequest();
        feedback();
        browser.manage().window().setSize(new Dimension(WIDTH, 844));

        browser.manage().deleteAllCookies();
        measure("/staff/login.html?lang=ru", "#submit");
        signIn("cityadmin");
        measure("/staff/board.html?lang=ru", "#requests tbody tr");
        measure("/staff/board.html?lang=ru&view=triage", "header.bar");
        measure("/staff/request.html?lang=ru&id=" + request, "#timeline li");
        measure("/staff/map.html?lang=ru", "header.bar");
        measure("/staff/feedback.html?lang=ru", "#feedback tbody tr");
        measure("/staff/reports.html?lang=ru", "header.bar");
        measure("/staff/cabinet.html?lang=ru", "header.bar");
        adminTabs();

        signIn("dispatcher");
        measure("/staff/board.html?lang=ru", "#requests tbody tr");
        measure("/staff/request.html?lang=ru&id=" + request, "#actions .action");
        signIn("orgadmin");
        adminTabs();
        signIn("operator");
        measure("/staff/desk.html?lang=ru", "header.bar");

        assertThat(offenders).as("pages wider than a %d px phone", WIDTH).isEmpty();
    }

    private void signIn(String login) {
        StaffPages.signIn(browser, app, login);
        who = login;
    }

    /** Opens the page, waits for its content, and notes it when the page is wider than the window. */
    private void measure(String path, String content) {
        browser.get(app.uri(path).toString());
        wait.withMessage(() -> path + " shows no " + content).until(d -> !d.findElements(By.cssSelector(content)).isEmpty());
        settle();
        long scroll = number("return document.scrollingElement.scrollWidth");
        long inner = number("return window.innerWidth");
        if (scroll > inner) {
            offenders.add(who + " " + path.replace("lang=ru&", "").replace("?lang=ru", "") + " " + scroll + " px");
        }
    }

    private void adminTabs() {
        measure("/staff/admin.html?lang=ru", "header.bar");
        List<String> tabs = browser.findElements(By.cssSelector("[role=tab]")).stream()
                .filter(WebElement::isDisplayed).map(t -> t.getAttribute("data-tab")).toList();
        assertThat(tabs).isNotEmpty();
        for (String tab : tabs) {
            measure("/staff/admin.html?lang=ru&tab=" + tab, "#panel-" + tab + ":not([hidden])");
        }
    }

    @Test
    void onAPhoneTheRequestPageShowsTheActionsBeforeTheHistoryAndTheNavigationFolds() {
        String request = workedRequest();
        browser.manage().window().setSize(new Dimension(WIDTH, 844));
        StaffPages.signIn(browser, app, "dispatcher");
        measure("/staff/request.html?lang=ru&id=" + request, "#actions .action");
        long actions = number("return document.getElementById('actions').getBoundingClientRect().top");
        long timeline = number("return document.getElementById('timeline').getBoundingClientRect().top");
        assertThat(actions).as("on a phone the actions come before the history").isLessThan(timeline);
        WebElement toggle = browser.findElement(By.cssSelector("header.bar .nav-toggle"));
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(browser.findElement(By.cssSelector("header.bar nav")).isDisplayed()).as("the navigation folds").isFalse();
        toggle.click();
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(browser.findElement(By.cssSelector("header.bar nav")).isDisplayed()).as("and opens").isTrue();
    }

    /** Lets the page draw what its first answers brought (lists, charts, maps). */
    private void settle() {
        long[] last = {-1};
        wait.pollingEvery(Duration.ofMillis(250)).until(d -> {
            long now = number("return document.scrollingElement.scrollWidth * 100000 + document.scrollingElement.scrollHeight");
            boolean same = now == last[0];
            last[0] = now;
            return same;
        });
    }

    private long number(String script) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(script)).longValue();
    }

    private String single(String sql) {
        try (var rows = app.database().client().execute().query(sql)) {
            return rows.findFirst().orElseThrow().column(1).get().toString();
        }
    }

    /** A request of the dispatcher's organisation, accepted and commented, so the page has actions and a history. */
    private String workedRequest() {
        String building = single("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id "
                                 + "WHERE d.code = 'vakhitovsky' ORDER BY b.street_ru LIMIT 1");
        String id = app.fileRequest(app.newResident(), "plumbing", building,
                                    "Вода капает с потолка на кухне, под раковиной течёт по стене").get("summary").get("id").asText();
        app.fileRequest(app.newResident(), "plumbing", building, "Не закрывается кран в ванной");
        TestApp.Tokens dispatcher = app.login("dispatcher");
        act(dispatcher, id, Map.of("action", "ACCEPT"));
        act(dispatcher, id, Map.of("action", "COMMENT", "text", "Мастер придёт сегодня после обеда, жильцы предупреждены"));
        return id;
    }

    private void act(TestApp.Tokens who, String id, Map<String, Object> command) {
        HttpResponse<String> response = app.post("/api/v1/requests/" + id + "/actions", command, who);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 204);
    }

    private void feedback() {
        HttpResponse<String> r = app.json("POST", "/api/v1/public/feedback",
                                          Map.of("kind", "CRITICISM", "text", "Диспетчер не перезвонил, хотя обещал в течение часа",
                                                 "contact", "neighbour.from.the.third.floor@example.org"),
                                          "X-Forwarded-For", "10.78.0.1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
}
