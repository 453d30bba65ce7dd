package org.opencity.backend.pages;

import org.junit.jupiter.api.Test;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.requests.DeadlineSweeper;
import org.opencity.backend.requests.RequestActions;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.backend.testing.WithBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request page in Russian shows no internal code: a request routed, accepted, assigned,
 * commented, warned and escalated by the system, completed with a photo still on its way, reads in
 * words — who did what, the routing with the organisation's name, the photo's kind — and the
 * technicians offered for assignment have their skills in words.
 */
@WithApp
@WithBrowser
class StaffRequestWordsPageTest {

    /** Latin capitals with underscores or the known bare codes, organisation and skill codes, unfilled placeholders. */
    private static final Pattern CODE = Pattern.compile("\\b[A-Z]{2,}_[A-Z_]+\\b|\\b(SYSTEM|ESCALATED|COMMENT|ROUTED|AFTER|BEFORE|REPORT)\\b"
                                                                + "|mc-[a-z-]+|\\b(plumber|heating-fitter|electrician)\\b|\\bnull\\b|undefined|\\{[a-z]+}");

    private final TestApp app;
    private final ChromeDriver browser;
    private final WebDriverWait wait;

    StaffRequestWordsPageTest(TestApp app, ChromeDriver browser) {
        this.app = app;
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    private String single(String sql) {
        try (var rows = app.database().client().execute().query(sql)) {
            return rows.findFirst().orElseThrow().column(1).get().toString();
        }
    }

    /**
     * The page's text without people's names: the demo's staff are named with a hint of their job in
     * English ("Rustem Safin (plumber)"), which is how the administrator entered them, not a code.
     */
    private String withoutNames(String text) {
        try (var rows = app.database().client().execute().query("SELECT display_name FROM app_user WHERE display_name IS NOT NULL")) {
            for (String name : rows.map(r -> r.column(1).getString()).toList()) {
                text = text.replace(name, "");
            }
        }
        return text;
    }

    private void act(TestApp.Tokens who, String id, Map<String, Object> command) {
        HttpResponse<String> response = app.post("/api/v1/requests/" + id + "/actions", command, who);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 204);
    }

    private String file(String description) {
        return app.fileRequest(app.newResident(), "plumbing", single("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id "
                                                                         + "WHERE d.code = 'vakhitovsky' ORDER BY b.street_ru LIMIT 1"),
                               description).get("summary").get("id").asText();
    }

    @Test
    void aWorkedRequestReadsInRussianWithoutCodes() {
        String worked = file("Water drips from the ceiling in the kitchen");
        String waiting = file("The radiator valve leaks in the hall");
        TestApp.Tokens dispatcher = app.login("dispatcher");
        String plumber = single("SELECT id FROM app_user WHERE login = 'plumber'");
        act(dispatcher, worked, Map.of("action", "ACCEPT"));
        act(dispatcher, worked, Map.of("action", "ASSIGN", "technicianId", plumber));
        act(dispatcher, worked, Map.of("action", "COMMENT", "text", "Мастер придёт сегодня"));
        act(dispatcher, waiting, Map.of("action", "ACCEPT"));
        Transactions tx = new Transactions(app.database().client());
        Calendars calendars = new Calendars(app.database().client(), app.clock());
        DeadlineSweeper sweeper = new DeadlineSweeper(tx, new RequestActions(tx, calendars, app.clock(), List.of()), app.clock(), List.of());
        app.clock().advance(Duration.ofHours(7));
        sweeper.sweepOnce();
        app.clock().advance(Duration.ofDays(2));
        sweeper.sweepOnce();
        TestApp.Tokens technician = app.login("plumber");
        act(technician, worked, Map.of("action", "START"));
        byte[] hash = new byte[32];
        new java.util.Random().nextBytes(hash);
        Map<String, Object> photo = new HashMap<>(Map.of("id", UUID.randomUUID().toString(), "kind", "AFTER", "sha256",
                                                         HexFormat.of().formatHex(hash), "size", 123_456,
                                                         "capturedAt", app.clock().instant().toString()));
        act(technician, worked, Map.of("action", "COMPLETE", "note", "Заменили прокладку", "photos", List.of(photo)));

        StaffPages.signIn(browser, app, "dispatcher");
        browser.get(app.uri("/staff/request.html?lang=ru&id=" + worked).toString());
        wait.until(d -> d.findElements(By.cssSelector("#timeline li")).size() >= 8);
        String page = withoutNames(browser.findElement(By.tagName("main")).getText());
        assertThat(CODE.matcher(page).results().map(m -> m.group()).toList()).as(page).isEmpty();
        List<String> what = browser.findElements(By.cssSelector("#timeline .what")).stream().map(WebElement::getText).toList();
        assertThat(what).contains("Передана: УК «Жилсервис Вахитовский» — отвечает за этот район", "Заявка подана", "Работа выполнена");
        assertThat(what).anyMatch(w -> w.startsWith("Срок этапа «начало работ» подходит"));
        assertThat(browser.findElements(By.cssSelector("#timeline strong")).stream().map(WebElement::getText)).contains("Система");
        assertThat(browser.findElement(By.id("photos")).getText()).startsWith("После работ");

        browser.get(app.uri("/staff/request.html?lang=ru&id=" + waiting).toString());
        WebElement assign = wait.until(d -> d.findElements(By.cssSelector("form[data-action='ASSIGN'] select")).stream().findFirst()
                .orElse(null));
        String offered = assign.getText();
        assertThat(offered).contains("сантехник");
        assertThat(CODE.matcher(withoutNames(browser.findElement(By.tagName("main")).getText())).results().map(m -> m.group()).toList()).isEmpty();
    }
}
