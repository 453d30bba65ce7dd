package org.opencity.backend.pages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.Browser;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.backend.testing.WithBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The staff side end to end in real headless Chromium: an operator files a request for a caller
 * at the desk, it appears on a dispatcher's board live, the dispatcher accepts and assigns it, the
 * clock passes its deadline and the board shows it overdue; text that residents and callers typed
 * stays text everywhere it is shown.
 */
@WithApp(demo = true)
@WithBrowser
class StaffFlowPageTest {

    /** Would set a flag if any of it ran; CSP forbids inline handlers anyway, so this checks the rendering itself. */
    static final String PAYLOAD = "Kitchen tap <img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script> & \"pipe\"";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static ChromeDriver second;

    private final TestApp app;
    private final ChromeDriver operator;

    StaffFlowPageTest(TestApp app, ChromeDriver browser) {
        this.app = app;
        this.operator = browser;
    }

    @AfterAll
    static void closeSecond() {
        if (second != null) {
            second.quit();
        }
    }

    @Test
    void anOperatorFilesADispatcherSeesItLiveAcceptsAssignsAndTheBoardShowsItOverdue() {
        app.clock().set(Instant.now());   // the browsers count time left on their own clocks
        second = second == null ? Browser.start() : second;
        ChromeDriver dispatcher = second;
        signIn(dispatcher, "dispatcher", "/staff/board.html?lang=en");
        wait(dispatcher).until(d -> d.findElement(By.id("live")).getAttribute("class").contains("on"));
        ((JavascriptExecutor) dispatcher).executeScript("window.__sameBoard = true");

        // the call centre: find the caller, file for them, read the number back
        signIn(operator, "operator", "/staff/desk.html?lang=en");
        String phone = "+79270001122";
        operator.findElement(By.id("phone")).sendKeys(phone, Keys.ENTER);
        wait(operator).until(d -> !d.findElement(By.id("caller")).getText().isEmpty());
        assertThat(operator.findElement(By.id("caller")).getText()).startsWith("New caller");
        operator.findElement(By.id("name")).sendKeys("Gulnara <b>Safina</b>");
        operator.findElement(By.id("category-search")).sendKeys("plumbing", Keys.ENTER);
        assertThat(operator.findElement(By.id("category-chosen")).getText()).containsIgnoringCase("plumbing");
        String[] street = streetAndHouse();
        operator.findElement(By.id("building-search")).sendKeys(street[0] + " " + street[1]);
        wait(operator).until(d -> !d.findElements(By.cssSelector("#buildings button")).isEmpty());
        operator.findElement(By.id("building-search")).sendKeys(Keys.ENTER);
        assertThat(operator.findElement(By.id("building-chosen")).getText()).contains(street[0]);
        operator.findElement(By.id("flat")).sendKeys("17");
        operator.findElement(By.id("description")).sendKeys(PAYLOAD);
        operator.findElement(By.id("submit")).click();
        WebElement number = wait(operator).until(d -> {
            WebElement n = d.findElement(By.id("number"));
            return n.isDisplayed() && !n.getText().isBlank() ? n : null;
        });
        String filed = number.getText();
        assertThat(filed).matches("KZN-\\d{4}-\\d{6}");
        assertThat(operator.findElement(By.id("filed-facts")).getText()).contains("Vakhitovsky");
        assertThat(operator.findElement(By.id("elapsed")).getText()).startsWith("Filed in");

        // the organisation's board shows it without a reload
        WebElement row = wait(dispatcher).until(d -> rowOf(d, filed));
        assertThat(((JavascriptExecutor) dispatcher).executeScript("return window.__sameBoard")).as("no reload").isEqualTo(true);
        assertThat(row.getText()).contains("Call centre").contains("accept:").contains("left");

        // accept and assign in the request's page: only the allowed actions are offered
        row.findElement(By.tagName("a")).click();
        wait(dispatcher).until(d -> d.findElement(By.id("heading")).getText().startsWith(filed));
        assertThat(actionsOn(dispatcher)).contains("ACCEPT", "REJECT", "COMMENT", "INTERNAL_COMMENT").doesNotContain("ASSIGN", "START", "CONFIRM");
        assertThat(dispatcher.findElement(By.id("description")).getText()).isEqualTo(PAYLOAD);
        dispatcher.findElement(By.cssSelector("form[data-action='ACCEPT'] button")).click();
        wait(dispatcher).until(d -> d.findElement(By.id("status")).getText().equals("Accepted"));
        assertThat(actionsOn(dispatcher)).contains("ASSIGN").doesNotContain("ACCEPT");
        Select technician = new Select(dispatcher.findElement(By.cssSelector("form[data-action='ASSIGN'] select")));
        technician.getOptions().stream().filter(o -> o.getText().contains("plumber")).findFirst().orElseThrow().click();
        dispatcher.findElement(By.cssSelector("form[data-action='ASSIGN'] button")).click();
        wait(dispatcher).until(d -> d.findElement(By.id("status")).getText().equals("Assigned"));
        dispatcher.findElement(By.cssSelector("form[data-action='INTERNAL_COMMENT'] textarea")).sendKeys(PAYLOAD);
        dispatcher.findElement(By.cssSelector("form[data-action='INTERNAL_COMMENT'] button")).click();
        wait(dispatcher).until(d -> d.findElements(By.cssSelector("#timeline li.internal .text")).stream()
                .anyMatch(e -> e.getText().equals(PAYLOAD)));
        assertInert(dispatcher);

        // the clock passes the start deadline: the board marks it overdue, live
        dispatcher.get(app.uri("/staff/board.html?lang=en").toString());
        wait(dispatcher).until(d -> d.findElement(By.id("live")).getAttribute("class").contains("on"));
        assertThat(rowOf(dispatcher, filed).getAttribute("class")).doesNotContain("overdue");
        app.clock().advance(Duration.ofDays(5));
        app.app().sweeper().sweepOnce();
        WebElement overdue = wait(dispatcher).until(d -> {
            WebElement r = rowOf(d, filed);
            return r != null && r.getAttribute("class").contains("overdue") ? r : null;
        });
        assertThat(overdue.findElement(By.cssSelector("td.deadline")).getText()).startsWith("start: overdue by");
        assertInert(dispatcher);
        assertInert(operator);
    }

    @Test
    void whatAResidentTypesIsInertOnTheBoardTheDetailAndTheDeskAndThePublicPageShowsNoPersonalData() {
        app.clock().set(Instant.now());
        TestApp.Tokens resident = app.newResident();
        String building = single("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' "
                                         + "ORDER BY b.id LIMIT 1");
        JsonNode filed = app.fileRequest(resident, "plumbing", building, PAYLOAD);
        String id = filed.get("summary").get("id").asText();
        String number = filed.get("summary").get("number").asText();
        app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "COMMENT", "text", "Resident says: " + PAYLOAD), resident);
        TestApp.Tokens staff = app.login("dispatcher");
        app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "COMMENT", "text", "We come today. " + PAYLOAD), staff);

        second = second == null ? Browser.start() : second;
        signIn(second, "dispatcher", "/staff/board.html?lang=ru&q=" + number);
        WebElement row = wait(second).until(d -> rowOf(d, number));
        row.findElement(By.tagName("a")).click();
        wait(second).until(d -> d.findElement(By.id("description")).getText().equals(PAYLOAD));
        assertThat(second.findElements(By.cssSelector("#timeline .text")).stream().map(WebElement::getText).toList())
                .contains("Resident says: " + PAYLOAD, "We come today. " + PAYLOAD);
        assertInert(second);

        String phone = single("SELECT phone FROM app_user WHERE id = '" + resident.userId() + "'");
        signIn(operator, "operator", "/staff/desk.html?lang=en");
        operator.findElement(By.id("phone")).sendKeys(phone, Keys.ENTER);
        wait(operator).until(d -> d.findElements(By.cssSelector("#history tbody tr")).size() == 1);
        assertThat(operator.findElement(By.cssSelector("#history tbody tr")).getText()).contains(number);
        assertInert(operator);

        // the public page: the organisation's comment, as text; nothing about the resident
        operator.get(app.uri("/status.html?lang=en&number=" + number).toString());
        wait(operator).until(d -> d.findElement(By.id("result")).isDisplayed());
        String page = operator.findElement(By.tagName("body")).getText();
        assertThat(page).contains("We come today. " + PAYLOAD).doesNotContain("Resident says").doesNotContain(phone)
                .doesNotContain(phone.substring(2)).doesNotContain("кв. 12");
        assertThat(page.lines().toList()).as("the resident's description is not public").doesNotContain(PAYLOAD);
        assertThat(operator.findElement(By.id("address")).getText()).doesNotContain("12");
        assertInert(operator);
    }

    @Test
    void theCityDispatcherReroutesFromTriageAndAnOrganisationPausesTheClockAndMarksADuplicate() {
        app.clock().set(Instant.now());
        TestApp.Tokens resident = app.newResident();
        String building = single("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' "
                                         + "ORDER BY b.id LIMIT 1");
        String first = app.fileRequest(resident, "plumbing", building, "Toilet cistern keeps running").get("summary").get("number").asText();
        JsonNode second = app.fileRequest(resident, "plumbing", building, "The same cistern, running all night");
        String id = second.get("summary").get("id").asText();
        String number = second.get("summary").get("number").asText();
        assertThat(app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "REJECT", "reason", "the cistern is the tenant's"),
                            app.login("dispatcher")).statusCode()).isEqualTo(204);

        signIn(operator, "citydispatcher", "/staff/board.html?view=triage&lang=en");
        WebElement row = wait(operator).until(d -> rowOf(d, number));
        row.findElement(By.tagName("a")).click();
        wait(operator).until(d -> d.findElement(By.id("heading")).getText().startsWith(number));
        assertThat(operator.findElements(By.cssSelector("#timeline .text")).stream().map(WebElement::getText))
                .contains("the cistern is the tenant's");
        Select organisation = new Select(operator.findElement(By.cssSelector("form[data-action='REROUTE'] select")));
        organisation.selectByVisibleText("Vakhitovsky Housing Service");
        operator.findElement(By.cssSelector("form[data-action='REROUTE'] button")).click();
        wait(operator).until(d -> d.findElement(By.id("status")).getText().equals("Routed"));

        signIn(operator, "dispatcher", "/staff/board.html?lang=en&q=" + number);
        wait(operator).until(d -> rowOf(d, number)).findElement(By.tagName("a")).click();
        wait(operator).until(d -> d.findElement(By.id("heading")).getText().startsWith(number));
        operator.findElement(By.cssSelector("form[data-action='PAUSE_CLOCK'] textarea")).sendKeys("waiting for the tenant to open the flat");
        operator.findElement(By.cssSelector("form[data-action='PAUSE_CLOCK'] button")).click();
        wait(operator).until(d -> d.findElement(By.id("deadline")).getText().equals("clock paused")
                || d.findElement(By.id("action-problem")).isDisplayed());
        assertThat(operator.findElement(By.id("deadline")).getText()).as(() -> operator.findElement(By.id("action-problem")).getText())
                .isEqualTo("clock paused");
        assertThat(operator.findElement(By.id("pause")).getText()).isEqualTo("waiting for the tenant to open the flat");
        assertThat(actionsOn(operator)).contains("RESUME_CLOCK").doesNotContain("PAUSE_CLOCK");

        operator.findElement(By.cssSelector("form[data-action='MARK_DUPLICATE'] input")).sendKeys(first);
        operator.findElement(By.cssSelector("form[data-action='MARK_DUPLICATE'] button")).click();
        wait(operator).until(d -> d.findElement(By.id("status")).getText().equals("Duplicate"));
        assertThat(TestApp.json(app.get("/api/v1/requests/" + id, app.login("dispatcher"))).get("summary").get("status").asText())
                .isEqualTo("DUPLICATE");
    }

    @Test
    void staffPagesNeedASignInAndTheSessionCookieIsNotReadableByScript() {
        operator.manage().deleteAllCookies();
        operator.get(app.uri("/staff/board.html").toString());
        wait(operator).until(d -> d.getCurrentUrl().contains("/staff/login.html?next="));
        signIn(operator, "citydispatcher", "/staff/board.html?view=triage&lang=en");
        wait(operator).until(d -> d.findElement(By.id("heading")).getText().equals("Triage queue"));
        assertThat(operator.findElements(By.cssSelector("nav a")).stream().map(e -> e.getAttribute("data-nav")).toList())
                .contains("board", "triage", "map", "feedback").doesNotContain("desk", "admin");
        String cookies = (String) ((JavascriptExecutor) operator).executeScript("return document.cookie");
        assertThat(cookies).contains("oc_csrf=").doesNotContain("oc_access").doesNotContain("oc_refresh");
        assertThat(operator.manage().getCookieNamed("oc_access").isHttpOnly()).isTrue();
        assertThat(operator.manage().getCookieNamed("oc_access").isSecure()).isTrue();
        assertThat(operator.manage().getCookieNamed("oc_access").getSameSite()).isEqualTo("Strict");
        operator.findElement(By.id("sign-out")).click();
        wait(operator).until(d -> d.getCurrentUrl().contains("/staff/login.html"));
        assertThat(operator.manage().getCookieNamed("oc_access")).isNull();
    }

    private void signIn(ChromeDriver browser, String login, String then) {
        browser.manage().deleteAllCookies();
        StaffPages.signIn(browser, app, login);
        browser.get(app.uri(then).toString());
        wait(browser).until(d -> !d.findElements(By.id("sign-out")).isEmpty());
    }

    private static List<String> actionsOn(ChromeDriver browser) {
        return browser.findElements(By.cssSelector("#actions form")).stream().map(f -> f.getAttribute("data-action")).toList();
    }

    private static WebElement rowOf(org.openqa.selenium.WebDriver browser, String number) {
        return browser.findElements(By.cssSelector("#requests tbody tr")).stream()
                .filter(r -> r.findElement(By.tagName("a")).getText().equals(number)).findFirst().orElse(null);
    }

    /** No element made from typed text, no script of it ran, no alert is open. */
    private static void assertInert(ChromeDriver browser) {
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.findElements(By.cssSelector("img[src='x'], b"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__xss === undefined")).isEqualTo(true);
    }

    private String[] streetAndHouse() {
        String row = single("SELECT b.street_en || '|' || b.house FROM building b JOIN district d ON d.id = b.district_id "
                                    + "WHERE d.code = 'vakhitovsky' ORDER BY b.street_en, b.house LIMIT 1");
        return row.split("\\|");
    }

    private String single(String sql) {
        try (var rows = app.database().client().execute().query(sql)) {
            return rows.findFirst().orElseThrow().column(1).get().toString();
        }
    }

    private static WebDriverWait wait(ChromeDriver browser) {
        return new WebDriverWait(browser, WAIT);
    }
}
