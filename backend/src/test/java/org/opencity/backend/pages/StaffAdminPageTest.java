package org.opencity.backend.pages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.backend.testing.WithBrowser;
import org.openqa.selenium.By;
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
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The administration page in a real headless Chromium, signed in through the staff sign-in page:
 * what an admin does in a tab is what the API then answers, the tabs follow the roles, markup
 * typed into a name stays text, and a refused form keeps what was typed and says why beside it.
 */
@WithApp
@WithBrowser
class StaffAdminPageTest {

    private static final String MARKUP = "<img src=x onerror=alert(1)>";
    private final ChromeDriver browser;
    private final TestApp app;

    StaffAdminPageTest(TestApp app, ChromeDriver browser) {
        this.app = app;
        this.browser = browser;
        if (app.clock().instant().isBefore(Instant.now())) {
            app.clock().set(Instant.now());   // the server's days are the browser's (never back: authenticator codes are not replayed)
        }
    }

    @Test
    void anOrganisationAdminChangesATechniciansSkillsAndTheApiShowsThem() {
        signIn("orgadmin");
        WebElement row = until(d -> d.findElement(By.cssSelector("#technicians tr[data-login='vakhitovsky.plumber2']")));
        assertThat(checked(row)).containsExactly("plumber");
        WebElement save = row.findElement(By.cssSelector("button.save"));
        assertThat(save.isEnabled()).as("nothing to save yet").isFalse();
        row.findElement(By.cssSelector("input[value='heating-fitter']")).click();
        row.findElement(By.cssSelector("input[value='lift-mechanic']")).click();
        save.click();
        assertThat(until(d -> shown(row.findElement(By.cssSelector(".ok")))).getText()).isEqualTo("Skills saved.");
        assertThat(save.isEnabled()).isFalse();

        assertThat(strings(technician("vakhitovsky.plumber2").get("skills")))
                .containsExactlyInAnyOrder("plumber", "heating-fitter", "lift-mechanic");
    }

    @Test
    void anOrganisationAdminCreatesATechnicianWhoCanSignIn() {
        signIn("orgadmin");
        WebElement form = until(d -> d.findElement(By.id("new-technician")));
        form.findElement(By.name("displayName")).sendKeys("Ildar Khasanov");
        form.findElement(By.name("login")).sendKeys("vakh.roofer2");
        form.findElement(By.name("password")).sendKeys("roofer-password-1");
        form.findElement(By.cssSelector("input[value='roofer']")).click();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(until(d -> shown(form.findElement(By.cssSelector(".ok")))).getText()).isEqualTo("Technician created: Ildar Khasanov.");
        assertThat(browser.findElements(By.cssSelector("#technicians tr[data-login='vakh.roofer2']"))).hasSize(1);
        assertThat(form.findElement(By.name("login")).getAttribute("value")).as("the form is ready for the next").isEmpty();

        assertThat(strings(technician("vakh.roofer2").get("skills"))).containsExactly("roofer");
        assertThat(app.login("vakh.roofer2", "roofer-password-1", UUID.randomUUID()).userId()).isNotNull();
    }

    @Test
    void anOrganisationAdminEndsALineTheCityAddedButIsOfferedNoFormToAddOne() {
        // new territory is a city admin's act (docs/security.md)
        assertThat(app.post("/api/v1/admin/organisations/" + organisation("mc-vakhitovsky").get("id").asText() + "/responsibilities",
                            Map.of("categoryCode", "lift", "districtCode", "vakhitovsky"), app.loginCityAdmin()).statusCode())
                .isEqualTo(201);
        signIn("orgadmin");
        tab("responsibilities");
        until(d -> d.findElements(By.cssSelector("#responsibilities tbody tr")).size() >= 12);
        assertThat(browser.findElement(By.id("new-responsibility")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("new-responsibility-heading")).isDisplayed()).isFalse();
        By added = By.cssSelector("#responsibilities tr[data-category='lift'][data-territory='vakhitovsky']");
        assertThat(browser.findElements(added)).hasSize(1);
        JsonNode current = responsibility("lift", "vakhitovsky");
        assertThat(current.hasNonNull("validTo")).as("open-ended").isFalse();

        browser.findElement(added).findElement(By.cssSelector("button.end")).click();
        until(d -> shown(d.findElement(By.id("resp-status"))));
        assertThat(browser.findElement(By.id("resp-status")).getText()).isEqualTo("Ended: Lift out of order — District: Vakhitovsky.");
        String end = responsibility("lift", "vakhitovsky").get("validTo").asText();
        assertThat(end).as("ended, and kept").isNotBlank();

        WebElement showEnded = browser.findElement(By.id("resp-ended"));
        if (!showEnded.isSelected()) {
            showEnded.click();
        }
        WebElement ended = until(d -> d.findElement(added));
        assertThat(ended.findElements(By.tagName("td")).get(3).getText()).isEqualTo(end);
        assertThat(ended.findElements(By.cssSelector("button.end"))).as("its end is set").isEmpty();
    }

    @Test
    void anOrganisationAdminSeesOnlyTheirOwnOrganisationsTabs() {
        signIn("orgadmin");
        browser.get(app.uri("/staff/admin.html?lang=en&tab=users").toString());
        until(d -> d.findElements(By.cssSelector("#technicians tbody tr")).size() > 0);
        assertThat(visibleTabs()).containsExactly("Technicians", "Responsibilities", "Deadlines");
        assertThat(browser.findElement(By.id("panel-users")).isDisplayed()).as("a tab of another role cannot be opened").isFalse();
        assertThat(browser.findElement(By.id("panel-calendar")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("panel-technicians")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("resp-organisation-label")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("scope")).getText()).isEqualTo("Vakhitovsky Housing Service");
    }

    @Test
    void aCityAdminSeesTheCitysTabs() {
        signIn("cityadmin");
        assertThat(visibleTabs()).containsExactly("Organisations", "Users", "Responsibilities", "Deadlines", "Working calendar");
    }

    @Test
    void aDispatcherIsToldThePageIsForAdministrators() {
        signIn("dispatcher");
        assertThat(visibleTabs()).isEmpty();
        assertThat(browser.findElement(By.id("problem")).getText()).isEqualTo("This page is for organisation and city administrators.");
        assertThat(browser.findElements(By.cssSelector("[data-nav='admin']"))).as("nor is it offered").isEmpty();
    }

    @Test
    void anOrganisationNameWithMarkupShowsAsTyped() {
        signIn("cityadmin");
        tab("organisations");
        WebElement form = browser.findElement(By.id("organisation-form"));
        form.findElement(By.name("code")).sendKeys("markup-contractor");
        new Select(form.findElement(By.name("kind"))).selectByValue("CONTRACTOR");
        form.findElement(By.name("nameRu")).sendKeys("Подрядчик " + MARKUP);
        form.findElement(By.name("nameEn")).sendKeys("Contractor " + MARKUP);
        form.findElement(By.name("phone")).sendKeys("+78430000000");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement row = until(d -> d.findElement(By.cssSelector("#organisations tr[data-code='markup-contractor']")));
        assertThat(row.findElement(By.cssSelector(".name-ru")).getText()).isEqualTo("Подрядчик " + MARKUP);
        assertThat(row.findElement(By.cssSelector(".name-en")).getText()).isEqualTo("Contractor " + MARKUP);
        assertThat(form.findElement(By.cssSelector(".ok")).getText()).isEqualTo("Organisation created: Contractor " + MARKUP + ".");
        tab("users");
        assertThat(new Select(browser.findElement(By.id("u-organisation"))).getOptions().stream().map(WebElement::getText))
                .contains("Contractor " + MARKUP + " (markup-contractor)");
        assertThat(browser.findElements(By.cssSelector("img[src='x']"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        JsonNode created = organisation("markup-contractor");
        assertThat(created.get("nameEn").asText()).isEqualTo("Contractor " + MARKUP);
    }

    @Test
    void aRefusedOrganisationSaysWhyBesideTheFieldAndKeepsWhatWasTyped() {
        signIn("cityadmin");
        tab("organisations");
        WebElement form = browser.findElement(By.id("organisation-form"));
        form.findElement(By.name("code")).sendKeys("Bad Code!");
        new Select(form.findElement(By.name("kind"))).selectByValue("CONTRACTOR");
        form.findElement(By.name("nameRu")).sendKeys("Новый подрядчик");
        form.findElement(By.name("nameEn")).sendKeys("New contractor");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement error = until(d -> d.findElement(By.cssSelector("#organisation-form .field-error")));
        WebElement code = form.findElement(By.name("code"));
        assertThat(error.getText()).isEqualTo("2–40 characters: lower-case Latin letters, digits, dash.");
        assertThat(code.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(error.findElement(By.xpath("..")).findElement(By.name("code"))).as("beside its field").isEqualTo(code);
        assertThat(form.findElement(By.cssSelector(".problem")).getText()).isEqualTo("Check the marked fields.");
        assertThat(code.getAttribute("value")).isEqualTo("Bad Code!");
        assertThat(form.findElement(By.name("nameRu")).getAttribute("value")).isEqualTo("Новый подрядчик");
        assertThat(form.findElement(By.name("nameEn")).getAttribute("value")).isEqualTo("New contractor");
        assertThat(new Select(form.findElement(By.name("kind"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("CONTRACTOR");

        code.clear();
        code.sendKeys("new-contractor-2");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        until(d -> d.findElement(By.cssSelector("#organisations tr[data-code='new-contractor-2']")));
        assertThat(browser.findElements(By.cssSelector("#organisation-form .field-error"))).as("the old marks are gone").isEmpty();
    }

    @Test
    void aCityAdminChangesAnOrganisationsPhoneAndSwitchesItOff() {
        signIn("cityadmin");
        tab("organisations");
        By vodokanal = By.cssSelector("#organisations tr[data-code='vodokanal']");
        browser.findElement(vodokanal).findElement(By.cssSelector("button.edit")).click();
        WebElement form = browser.findElement(By.id("organisation-form"));
        assertThat(browser.findElement(By.id("organisation-heading")).getText()).isEqualTo("Edit organisation vodokanal");
        assertThat(form.findElement(By.name("code")).isEnabled()).as("a code stays as registered").isFalse();
        WebElement phone = form.findElement(By.name("phone"));
        phone.clear();
        phone.sendKeys("+78432319999");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(until(d -> shown(form.findElement(By.cssSelector(".ok")))).getText()).isEqualTo("Saved: Vodokanal Kazan.");
        assertThat(browser.findElement(vodokanal).getText()).contains("+78432319999");
        assertThat(browser.findElement(By.id("organisation-heading")).getText()).isEqualTo("New organisation");

        browser.findElement(vodokanal).findElement(By.cssSelector("button.toggle")).click();
        until(d -> d.findElement(vodokanal).findElement(By.cssSelector("button.toggle")).getText().equals("Reactivate"));
        JsonNode changed = organisation("vodokanal");
        assertThat(changed.get("phone").asText()).isEqualTo("+78432319999");
        assertThat(changed.get("active").asBoolean()).isFalse();
        assertThat(changed.get("nameRu").asText()).as("untouched").isEqualTo("МУП «Водоканал»");
    }

    @Test
    void aCityAdminCreatesAStaffAccountAndSwitchesItOff() {
        signIn("cityadmin");
        tab("users");
        until(d -> d.findElements(By.cssSelector("#users tbody tr")).size() > 0);
        browser.findElement(By.cssSelector("#new-user-box summary")).click();
        WebElement form = browser.findElement(By.id("new-user"));
        form.findElement(By.name("displayName")).sendKeys("Guzel Sadykova");
        form.findElement(By.name("login")).sendKeys("kirovsky.dispatcher2");
        form.findElement(By.name("password")).sendKeys("dispatcher-password-2");
        new Select(form.findElement(By.name("organisationId"))).selectByVisibleText("Kirovsky Housing Service (mc-kirovsky)");
        form.findElement(By.cssSelector("fieldset[name=roles] input[value='ORG_DISPATCHER']")).click();
        form.findElement(By.cssSelector("fieldset[name=roles] input[value='ORG_ADMIN']")).click();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement row = until(d -> d.findElement(By.cssSelector("#users tr[data-login='kirovsky.dispatcher2']")));
        assertThat(row.getText()).contains("Organisation dispatcher").contains("Organisation admin").contains("Kirovsky Housing Service");

        row.findElement(By.cssSelector("button.toggle")).click();
        until(d -> row.findElement(By.cssSelector("button.toggle")).getText().equals("Reactivate"));
        JsonNode user = TestApp.json(app.get("/api/v1/admin/users?q=kirovsky.dispatcher2", app.loginCityAdmin())).get("items").get(0);
        assertThat(user.get("active").asBoolean()).isFalse();
        assertThat(strings(user.get("roles"))).containsExactlyInAnyOrder("ORG_DISPATCHER", "ORG_ADMIN");
        assertThat(user.get("organisationId").asText()).isEqualTo(organisation("mc-kirovsky").get("id").asText());
    }

    @Test
    void aCityAdminLiftsTheSignInDelayOfAnAccountAfterFailedSignIns() {
        // far in the future: the browser's clock is not the test server's
        app.database().execute("""
                INSERT INTO sign_in_throttle (key, failures, last_failure_at, blocked_until)
                VALUES (sha256(convert_to('login:sovetsky.dispatcher', 'UTF8')), 9, now(), TIMESTAMPTZ '2099-01-01 00:00Z')""");
        signIn("cityadmin");
        tab("users");
        until(d -> d.findElements(By.cssSelector("#users tbody tr")).size() > 0);
        browser.findElement(By.id("u-q")).sendKeys("sovetsky.dispatcher" + Keys.ENTER);
        By row = By.cssSelector("#users tr[data-login='sovetsky.dispatcher']");   // the list is redrawn when the search answers
        until(d -> d.findElements(By.cssSelector("#users tbody tr")).size() == 1 && d.findElement(row).getText().contains("sign-in delayed until"));
        until(d -> shown(d.findElement(row).findElement(By.cssSelector("button.unlock")))).click();
        until(d -> !d.findElement(row).findElement(By.cssSelector("button.unlock")).isDisplayed());
        assertThat(browser.findElement(row).getText()).doesNotContain("sign-in delayed until");
        assertThat(app.database().count("SELECT count(*) FROM sign_in_throttle WHERE key = sha256(convert_to('login:sovetsky.dispatcher', 'UTF8'))"))
                .isZero();
    }

    @Test
    void aCityAdminChangesTheCitysStandardForAStage() {
        signIn("cityadmin");
        tab("slas");
        WebElement row = until(d -> d.findElement(By.cssSelector("#slas tr[data-category='roof']")));
        WebElement accept = row.findElement(By.name("ACCEPT"));
        assertThat(accept.getAttribute("value")).isEqualTo("480");
        accept.clear();
        accept.sendKeys("360");
        assertThat(row.findElement(By.cssSelector("input[name=ACCEPT] + .said")).getText()).isEqualTo("6 h");
        row.findElement(By.cssSelector("button.save")).click();
        assertThat(until(d -> shown(row.findElement(By.cssSelector(".ok")))).getText()).isEqualTo("Saved: Roof leak.");

        JsonNode roof = category("roof");
        assertThat(roof.get("slaMinutes").get("ACCEPT").asInt()).isEqualTo(360);
        assertThat(roof.get("slaMinutes").get("START").asInt()).as("the other stages as they were").isEqualTo(960);
    }

    @Test
    void anOrganisationAdminSetsAStricterTargetAfterBeingToldTheStandardIsTheMost() {
        signIn("orgadmin");
        tab("slas");
        WebElement row = until(d -> d.findElement(By.cssSelector("#slas tr[data-category='plumbing']")));
        assertThat(row.findElements(By.name("CONFIRM"))).as("the confirmation window is the city's alone").isEmpty();
        assertThat(row.getText()).contains("city: 4 h");
        WebElement accept = row.findElement(By.name("ACCEPT"));
        accept.sendKeys("300");
        row.findElement(By.cssSelector("button.save")).click();
        WebElement error = until(d -> row.findElement(By.cssSelector(".field-error")));
        assertThat(error.getText()).isEqualTo("At most the city standard.");
        assertThat(accept.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(accept.getAttribute("value")).as("kept").isEqualTo("300");

        accept.clear();
        accept.sendKeys("120");
        row.findElement(By.cssSelector("button.save")).click();
        assertThat(until(d -> shown(row.findElement(By.cssSelector(".ok")))).getText()).isEqualTo("Saved: Plumbing fault (tap, toilet, drain).");
        assertThat(row.findElements(By.cssSelector(".field-error"))).isEmpty();
        JsonNode plumbing = null;
        for (JsonNode c : TestApp.json(app.get("/api/v1/admin/slas", app.login("orgadmin")))) {
            if (c.get("categoryCode").asText().equals("plumbing")) {
                plumbing = c;
            }
        }
        assertThat(plumbing).isNotNull();
        assertThat(plumbing.get("organisationMinutes").get("ACCEPT").asInt()).isEqualTo(120);
        assertThat(plumbing.get("cityMinutes").get("ACCEPT").asInt()).isEqualTo(240);
    }

    @Test
    void aCityAdminMakesADayAHolidayAndOrdinaryAgain() {
        signIn("cityadmin");
        tab("calendar");
        until(d -> d.findElements(By.cssSelector("#days tbody tr")).size() > 0);
        WebElement form = browser.findElement(By.id("new-day"));
        WebElement date = form.findElement(By.name("date"));
        pick(date, "2026-12-27");   // a Sunday
        new Select(form.findElement(By.name("kind"))).selectByValue("SHORT");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement error = until(d -> form.findElement(By.cssSelector(".field-error")));
        assertThat(error.getText()).isEqualTo("This kind is for Monday to Friday.");
        assertThat(date.getAttribute("value")).as("kept").isEqualTo("2026-12-27");

        pick(date, "2026-12-30");   // a Wednesday
        new Select(form.findElement(By.name("kind"))).selectByValue("HOLIDAY");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement row = until(d -> d.findElement(By.cssSelector("#days tr[data-date='2026-12-30']")));
        assertThat(row.getAttribute("data-kind")).isEqualTo("HOLIDAY");
        assertThat(row.getText()).contains("Wednesday").contains("day off (holiday)");
        assertThat(form.findElement(By.cssSelector(".ok")).getText()).isEqualTo("December 30, 2026: day off (holiday).");
        assertThat(calendarDays(2026)).contains("2026-12-30 HOLIDAY").doesNotContain("2026-12-27 SHORT");

        row.findElement(By.cssSelector("button.remove")).click();
        until(d -> d.findElements(By.cssSelector("#days tr[data-date='2026-12-30']")).isEmpty());
        assertThat(browser.findElement(By.id("days-status")).getText()).isEqualTo("December 30, 2026 is an ordinary day again.");
        assertThat(calendarDays(2026)).doesNotContain("2026-12-30 HOLIDAY").contains("2026-12-31 HOLIDAY");
    }

    // --- helpers ---

    /** Signs in through the staff sign-in page (with the authenticator code when asked) and opens the administration page. */
    private void signIn(String login) {
        StaffPages.signIn(browser, app, login);
        browser.get(app.uri("/staff/admin.html?lang=en").toString());
        until(d -> !visibleTabs().isEmpty() || d.findElement(By.id("problem")).isDisplayed());
    }

    private void tab(String key) {
        browser.findElement(By.id("tab-" + key)).click();
        until(d -> d.findElement(By.id("panel-" + key)).isDisplayed());
    }

    private List<String> visibleTabs() {
        return browser.findElements(By.cssSelector("#tabs [role=tab]")).stream().filter(WebElement::isDisplayed).map(WebElement::getText)
                .toList();
    }

    private static List<String> checked(WebElement row) {
        return row.findElements(By.cssSelector("input[type=checkbox]")).stream().filter(WebElement::isSelected)
                .map(b -> b.getAttribute("value")).toList();
    }

    private <T> T until(Function<org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))   // tables are redrawn: an element may go while it is looked at
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    private static WebElement shown(WebElement e) {
        return e.isDisplayed() ? e : null;
    }

    private JsonNode technician(String login) {
        TestApp.Tokens admin = app.login("orgadmin");
        for (JsonNode u : TestApp.json(app.get("/api/v1/admin/users?role=TECHNICIAN&limit=200", admin)).get("items")) {
            if (u.get("login").asText().equals(login)) {
                return u;
            }
        }
        throw new AssertionError("no technician " + login);
    }

    private JsonNode organisation(String code) {
        for (JsonNode o : TestApp.json(app.get("/api/v1/admin/organisations", app.login("citydispatcher")))) {
            if (o.get("code").asText().equals(code)) {
                return o;
            }
        }
        throw new AssertionError("no organisation " + code);
    }

    private JsonNode responsibility(String category, String district) {
        TestApp.Tokens admin = app.login("orgadmin");
        String org = organisation("mc-vakhitovsky").get("id").asText();
        for (JsonNode r : TestApp.json(app.get("/api/v1/admin/organisations/" + org + "/responsibilities", admin))) {
            if (r.get("categoryCode").asText().equals(category) && district.equals(r.path("districtCode").asText())) {
                return r;
            }
        }
        throw new AssertionError("no responsibility " + category + " in " + district);
    }

    /** Sets a date input as a person choosing from its picker would (typing depends on the browser's locale). */
    private void pick(WebElement dateInput, String isoDate) {
        browser.executeScript("arguments[0].value = arguments[1];"
                              + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                              + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}))", dateInput, isoDate);
    }

    private JsonNode category(String code) {
        for (JsonNode c : TestApp.json(app.get("/api/v1/categories?lang=en"))) {
            if (c.get("code").asText().equals(code)) {
                return c;
            }
        }
        throw new AssertionError("no category " + code);
    }

    private List<String> calendarDays(int year) {
        List<String> days = new java.util.ArrayList<>();
        TestApp.json(app.get("/api/v1/admin/calendar?year=" + year, app.loginCityAdmin())).get("days")
                .forEach(d -> days.add(d.get("date").asText() + " " + d.get("kind").asText()));
        return days;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
