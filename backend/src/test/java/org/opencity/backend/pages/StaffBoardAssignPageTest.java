package org.opencity.backend.pages;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.backend.testing.WithBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board and the assign list as a dispatcher meets them: the board opens on open requests, most
 * urgent first, with badges, and remembers the person's filters; assigning offers only technicians
 * who have the category's skill, least loaded first.
 */
@WithApp(demo = true)
@WithBrowser
class StaffBoardAssignPageTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> OPEN = List.of("NEW", "ROUTED", "TRIAGE", "ACCEPTED", "ASSIGNED", "IN_PROGRESS", "REOPENED");

    private final TestApp app;
    private final ChromeDriver browser;

    StaffBoardAssignPageTest(TestApp app, ChromeDriver browser) {
        this.app = app;
        this.browser = browser;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBoardOpensOnOpenRequestsOverdueFirstThenDueSoonestWithBadges() {
        String assigned = acceptedRequest();
        assign(assigned, "vakhitovsky.plumber2");
        signIn("dispatcher", "/staff/board.html?lang=en");
        List<Map<String, Object>> rows = shownRows();
        assertThat(rows).isNotEmpty();
        assertThat(new Select(browser.findElement(By.id("f-sort"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("DUE");
        assertThat(rows).extracting(r -> (String) r.get("status")).allMatch(OPEN::contains);
        List<String> due = rows.stream().map(r -> (String) r.get("dueAt")).toList();
        List<String> withDue = due.stream().takeWhile(d -> d != null).toList();
        assertThat(withDue).as("due soonest first, overdue (due in the past) before them").isSorted();
        assertThat(due.subList(withDue.size(), due.size())).as("no deadline last").allMatch(java.util.Objects::isNull);
        List<Boolean> overdue = rows.stream().map(r -> (Boolean) r.get("overdue")).toList();
        assertThat(overdue.indexOf(false) < 0 || !overdue.subList(overdue.indexOf(false), overdue.size()).contains(true))
                .as("overdue ones first: %s", overdue).isTrue();
        for (WebElement tr : browser.findElements(By.cssSelector("#requests tbody tr"))) {
            Map<String, Object> r = (Map<String, Object>) js("return arguments[0].summary", tr);
            assertThat(!tr.findElements(By.cssSelector(".badge.emergency")).isEmpty()).as("emergency badge of %s", r.get("number"))
                    .isEqualTo("EMERGENCY".equals(r.get("priority")));
            if (r.get("technicianName") != null) {
                assertThat(tr.getText()).contains((String) r.get("technicianName"));
            }
            if ("TRIAGE".equals(r.get("status"))) {
                assertThat(tr.findElements(By.cssSelector(".age"))).as("age of %s", r.get("number")).isNotEmpty();
            }
            assertThat(tr.findElement(By.cssSelector("td.req-number")).getCssValue("white-space")).isEqualTo("nowrap");
        }
        assertThat(rows).filteredOn(r -> r.get("id").equals(assigned)).singleElement()
                .extracting(r -> r.get("technicianName")).as("the assigned technician's name comes with the row").isEqualTo("Plumber 2, Vakhitovsky");
    }

    @Test
    void triageItemsSayHowLongTheyHaveWaited() {
        app.clock().set(java.time.Instant.now());   // the browser counts the wait on its own clock
        String id = filedRequest();
        assertThat(app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "REJECT", "reason", "the tenant's own pipe"),
                            app.login("dispatcher")).statusCode()).as("no longer theirs to see").isEqualTo(204);
        signIn("citydispatcher", "/staff/board.html?view=triage&lang=en");
        WebElement row = wait(browser).until(d -> d.findElements(By.cssSelector("#requests tbody tr[data-id='" + id + "']")).stream()
                .findFirst().orElse(null));
        assertThat(row.findElement(By.cssSelector(".age")).getText()).matches("waiting \\d+ min");
    }

    @Test
    void theOrganisationColumnIsHiddenForOrganisationStaffAndShownForTheCity() {
        signIn("dispatcher", "/staff/board.html?lang=en");
        shownRows();
        assertThat(browser.findElement(By.cssSelector("#requests th.organisation")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#requests td.organisation")).stream().anyMatch(WebElement::isDisplayed)).isFalse();
        signIn("citydispatcher", "/staff/board.html?lang=en");
        shownRows();
        assertThat(browser.findElement(By.cssSelector("#requests th.organisation")).isDisplayed()).isTrue();
    }

    @Test
    void theChosenFiltersAreRememberedForThePersonAfterAReload() {
        signIn("citydispatcher", "/staff/board.html?lang=en");
        shownRows();
        new Select(browser.findElement(By.id("f-category"))).selectByValue("plumbing");
        new Select(browser.findElement(By.id("f-sort"))).selectByValue("CREATED");
        wait(browser).until(d -> d.getCurrentUrl().contains("category=plumbing"));
        browser.get(app.uri("/staff/board.html?lang=en").toString());
        shownRows();
        assertThat(new Select(browser.findElement(By.id("f-category"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("plumbing");
        assertThat(new Select(browser.findElement(By.id("f-sort"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("CREATED");
        signIn("dispatcher", "/staff/board.html?lang=en");
        shownRows();
        assertThat(new Select(browser.findElement(By.id("f-category"))).getFirstSelectedOption().getAttribute("value"))
                .as("someone else at the same desk starts on their own defaults").isEmpty();
    }

    @Test
    void assigningOffersOnlyTechniciansWithTheCategorysSkillBusiestLast() {
        assign(acceptedRequest(), "vakhitovsky.plumber1");   // the busiest of them now, whatever other tests assigned
        assign(acceptedRequest(), "vakhitovsky.plumber1");
        String id = acceptedRequest();
        String org = "(SELECT organisation_id FROM request WHERE id = '" + id + "')";
        List<String> skilled = column("SELECT u.display_name FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'TECHNICIAN' "
                                      + "WHERE u.active AND u.organisation_id = " + org + " AND EXISTS (SELECT 1 FROM technician_skill s "
                                      + "JOIN service_category c ON c.skill = s.skill WHERE c.code = 'plumbing' AND s.user_id = u.id)");
        List<String> all = column("SELECT u.display_name FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'TECHNICIAN' "
                                  + "WHERE u.active AND u.organisation_id = " + org);
        assertThat(all).as("the organisation has technicians without the skill, so the list can show the filter").hasSizeGreaterThan(skilled.size());
        assertThat(skilled).isNotEmpty();

        signIn("dispatcher", "/staff/request.html?lang=en&id=" + id);
        WebElement select = wait(browser).until(d -> d.findElement(By.cssSelector("form[data-action='ASSIGN'] select")));
        List<String> offered = new Select(select).getOptions().stream().filter(o -> !o.getAttribute("value").isEmpty())
                .map(WebElement::getText).toList();
        assertThat(offered.stream().map(o -> o.split(" · ")[0]).toList()).containsExactlyInAnyOrderElementsOf(skilled);
        List<Integer> jobs = offered.stream().map(o -> Integer.parseInt(o.split(" · ")[1].split(" ")[0])).toList();
        assertThat(jobs).as("least loaded first, busiest last").isSorted();
        assertThat(offered.getLast()).startsWith("Plumber 1, Vakhitovsky");
        assertThat(offered).allMatch(o -> o.split(" · ").length == 3 && !o.contains("heating-fitter"));
    }

    /** A plumbing request in the dispatcher's organisation, accepted: ready to assign. */
    private String acceptedRequest() {
        String id = filedRequest();
        assertThat(app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ACCEPT"), app.login("dispatcher")).statusCode())
                .isEqualTo(200);
        return id;
    }

    /** A plumbing request just filed in the dispatcher's organisation's district. */
    private String filedRequest() {
        String building = single("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id "
                                         + "WHERE d.code = 'vakhitovsky' ORDER BY b.street_en, b.house LIMIT 1");
        return app.fileRequest(app.newResident(), "plumbing", building, "The kitchen tap leaks").get("summary").get("id").asText();
    }

    private void assign(String id, String technician) {
        String technicianId = single("SELECT id FROM app_user WHERE login = '" + technician + "'");
        assertThat(app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ASSIGN", "technicianId", technicianId),
                            app.login("dispatcher")).statusCode()).isEqualTo(200);
    }

    @Test
    void theTechniciansListNarrowsToThoseWithTheCategorysSkill() {
        TestApp.Tokens dispatcher = app.login("dispatcher");
        var all = TestApp.json(app.get("/api/v1/technicians?lang=en", dispatcher));
        var response = app.get("/api/v1/technicians?lang=en&category=heating", dispatcher);
        assertThat(response.statusCode()).isEqualTo(200);
        var heating = TestApp.json(response);
        assertThat(heating.size()).isPositive().isLessThan(all.size());
        heating.forEach(t -> assertThat(t.get("skills").toString()).contains("heating-fitter"));
        List<Integer> jobs = new ArrayList<>();
        heating.forEach(t -> jobs.add(t.get("openJobs").asInt()));
        assertThat(jobs).isSorted();
        assertThat(TestApp.json(app.get("/api/v1/technicians?category=no-such-category", dispatcher))).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> shownRows() {
        wait(browser).until(d -> !d.findElements(By.cssSelector("#requests tbody tr")).isEmpty());
        return (List<Map<String, Object>>) js("return [...document.querySelectorAll('#requests tbody tr')].map((tr) => tr.summary)");
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void signIn(String login, String then) {
        browser.manage().deleteAllCookies();
        StaffPages.signIn(browser, app, login);
        browser.get(app.uri(then).toString());
        wait(browser).until(d -> !d.findElements(By.id("sign-out")).isEmpty());
    }

    private String single(String sql) {
        return column(sql).getFirst();
    }

    private List<String> column(String sql) {
        List<String> values = new ArrayList<>();
        try (var rows = app.database().client().execute().query(sql)) {
            rows.forEach(r -> values.add(r.column(1).get().toString()));
        }
        return values;
    }

    private static WebDriverWait wait(ChromeDriver browser) {
        return new WebDriverWait(browser, WAIT);
    }
}
