package org.opencity.backend.pages;

import com.fasterxml.jackson.databind.JsonNode;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.demo.DemoHistory;
import org.opencity.backend.requests.RequestNumbers;
import org.opencity.backend.testing.Browser;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.TestImages;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Takes the screenshots of the web pages in {@code docs/screenshots/} (or {@code -Dscreenshots.dir}):
 * a real backend on the demo city with a request that has gone through the lifecycle, a real
 * headless Chromium. See the README for the command.
 */
public final class PageScreenshots {

    private PageScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("screenshots.dir", "docs/screenshots")).toAbsolutePath();
        Files.createDirectories(out);
        int status = 0;
        ChromeDriver browser = null;
        try (TestApp app = TestApp.start(true)) {
            app.clock().set(Instant.now());
            var db = app.database().client();   // the demo's months of history, up to now, as the server seeds it
            new DemoHistory(new Transactions(db), new Calendars(db, app.clock()), app.clock()).seed(new RequestNumbers(db), db);
            String number = workedRequest(app);
            browser = Browser.start();
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1000, 1100));
            browser.get(app.uri("/status.html?lang=ru&number=" + number).toString());
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("result")).isDisplayed());
            Thread.sleep(500);   // the photo
            Files.write(out.resolve("web-public-status.png"), browser.getScreenshotAs(OutputType.BYTES));
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1000, 800));
            browser.get(app.uri("/feedback.html?lang=ru").toString());
            Files.write(out.resolve("web-feedback.png"), browser.getScreenshotAs(OutputType.BYTES));
            openRequests(app);
            browser.get(app.uri("/map.html?lang=ru").toString());
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("summary")).getAttribute("data-places") != null);
            Thread.sleep(500);
            Files.write(out.resolve("web-public-map.png"), browser.getScreenshotAs(OutputType.BYTES));
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1100, 1000));
            browser.get(app.uri("/ratings.html?lang=ru").toString());
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("ratings")).getAttribute("data-period") != null);
            Files.write(out.resolve("web-public-ratings.png"), browser.getScreenshotAs(OutputType.BYTES));
            browser.get(app.uri("/ratings-method.html?lang=ru").toString());
            Files.write(out.resolve("web-public-ratings-method.png"), browser.getScreenshotAs(OutputType.BYTES));
            staffPages(app, browser, out, number);
            System.out.println("screenshots written to " + out);
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        } finally {
            if (browser != null) {
                browser.quit();
            }
        }
        System.exit(status);
    }

    /** The staff side: sign-in, the board, a request, the desk after filing, the triage queue, feedback, analytics, administration. */
    private static void staffPages(TestApp app, ChromeDriver browser, Path out, String worked) throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 900));
        browser.get(app.uri("/staff/login.html?lang=ru").toString());
        Files.write(out.resolve("web-staff-login.png"), browser.getScreenshotAs(OutputType.BYTES));
        StaffPages.signIn(browser, app, "vakhitovsky.dispatcher");
        browser.get(app.uri("/staff/board.html?lang=ru").toString());
        wait.until(d -> d.findElement(By.id("live")).getAttribute("class").contains("on"));
        Thread.sleep(500);
        Files.write(out.resolve("web-staff-board.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.get(app.uri("/staff/board.html?lang=ru&q=" + worked).toString());
        wait.until(d -> !d.findElements(By.cssSelector("#requests tbody tr a")).isEmpty());
        browser.findElement(By.cssSelector("#requests tbody tr a")).click();
        wait.until(d -> d.findElement(By.id("heading")).getText().startsWith(worked));
        Thread.sleep(800);
        Files.write(out.resolve("web-staff-request.png"), browser.getScreenshotAs(OutputType.BYTES));

        StaffPages.signIn(browser, app, "operator");
        browser.get(app.uri("/staff/desk.html?lang=ru").toString());
        browser.findElement(By.id("phone")).sendKeys("+79001234567", Keys.ENTER);
        wait.until(d -> !d.findElements(By.cssSelector("#history tbody tr")).isEmpty());
        browser.findElement(By.id("category-search")).sendKeys("лифт", Keys.ENTER);
        browser.findElement(By.id("building-search")).sendKeys("Баумана");
        wait.until(d -> !d.findElements(By.cssSelector("#buildings button")).isEmpty());
        browser.findElement(By.id("building-search")).sendKeys(Keys.ENTER);
        browser.findElement(By.id("entrance")).sendKeys("2");
        browser.findElement(By.id("description")).sendKeys("Лифт во втором подъезде стоит между 5 и 6 этажом");
        browser.findElement(By.id("submit")).click();
        wait.until(d -> d.findElement(By.id("readback")).isDisplayed());
        Files.write(out.resolve("web-staff-desk.png"), browser.getScreenshotAs(OutputType.BYTES));

        String building = app.database().client().execute().query(
                "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'sovetsky' LIMIT 1")
                .findFirst().orElseThrow().column(1).get().toString();
        String rejected = app.fileRequest(app.newResident(), "roof", building, "Протекает крыша над пятым этажом").get("summary")
                .get("id").asText();
        app.post("/api/v1/requests/" + rejected + "/actions", Map.of("action", "REJECT", "reason", "Дом обслуживает другая УК"),
                 app.login("sovetsky.dispatcher"));
        StaffPages.signIn(browser, app, "citydispatcher");
        browser.get(app.uri("/staff/board.html?view=triage&lang=ru").toString());
        wait.until(d -> d.findElement(By.id("live")).getAttribute("class").contains("on"));
        Thread.sleep(500);
        Files.write(out.resolve("web-staff-triage.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.get(app.uri("/staff/map.html?lang=ru").toString());
        wait.until(d -> d.findElement(By.id("live")).getAttribute("class").contains("on"));
        Thread.sleep(1500);
        Files.write(out.resolve("web-staff-map.png"), browser.getScreenshotAs(OutputType.BYTES));
        app.post("/api/v1/public/feedback", Map.of("kind", "RECOMMENDATION", "text",
                "Поставьте, пожалуйста, урны у остановки на Баумана — мусор летит во двор.", "contact", "+7 900 111-22-33"));
        app.post("/api/v1/public/feedback", Map.of("kind", "CRITICISM", "text",
                "Третью неделю не вывозят снег со двора на Декабристов, 85.\nУправляющая компания не отвечает."));
        browser.get(app.uri("/staff/feedback.html?lang=ru").toString());
        wait.until(d -> !d.findElements(By.cssSelector("tbody tr")).isEmpty());
        Files.write(out.resolve("web-staff-feedback.png"), browser.getScreenshotAs(OutputType.BYTES));

        analytics(app, browser, out, wait);

        StaffPages.signIn(browser, app, "orgadmin");
        browser.get(app.uri("/staff/admin.html?lang=ru&tab=technicians").toString());
        wait.until(d -> d.findElement(By.id("panel-technicians")).isDisplayed()
                        && !d.findElements(By.cssSelector("#panel-technicians tbody tr")).isEmpty());
        Thread.sleep(300);
        Files.write(out.resolve("web-staff-admin-technicians.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.get(app.uri("/staff/admin.html?lang=ru&tab=slas").toString());
        wait.until(d -> d.findElement(By.id("panel-slas")).isDisplayed()
                        && !d.findElements(By.cssSelector("#panel-slas tbody tr")).isEmpty());
        Thread.sleep(300);
        Files.write(out.resolve("web-staff-admin-deadlines.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** The report builder with a drill-down, and the cabinet for city staff and for an organisation. */
    private static void analytics(TestApp app, ChromeDriver browser, Path out, WebDriverWait wait) throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1300));
        browser.get(app.uri("/staff/reports.html?lang=ru").toString());
        wait.until(d -> d.findElements(By.cssSelector("#dimensions input")).size() == 9);
        browser.findElement(By.id("save-name")).sendKeys("Организации за 90 дней");
        browser.findElement(By.id("save")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#saved li")).isEmpty());
        browser.findElement(By.id("run")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#report tbody tr.average")).isEmpty());
        Thread.sleep(300);
        Files.write(out.resolve("web-staff-reports.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.findElement(By.cssSelector("#report tbody tr:first-child td[data-column='STAGE_MEDIAN_MINUTES.START'] a.drill")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#drill-table tbody tr")).isEmpty());
        Thread.sleep(300);
        Files.write(out.resolve("web-staff-reports-drill.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 900));
        browser.get(app.uri("/staff/cabinet.html?lang=ru").toString());
        wait.until(d -> !d.findElements(By.cssSelector("#report tbody tr.average")).isEmpty());
        Thread.sleep(300);
        Files.write(out.resolve("web-staff-cabinet-city.png"), browser.getScreenshotAs(OutputType.BYTES));
        StaffPages.signIn(browser, app, "vakhitovsky.dispatcher");
        browser.get(app.uri("/staff/cabinet.html?lang=ru").toString());
        wait.until(d -> !d.findElements(By.cssSelector("#indicators tbody tr")).isEmpty());
        Thread.sleep(300);
        Files.write(out.resolve("web-staff-cabinet.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Open requests in a few buildings, for the map. */
    private static void openRequests(TestApp app) {
        String[] categories = {"plumbing", "entrance-lighting", "heating", "plumbing"};
        try (var rows = app.database().client().execute().query("SELECT id FROM building ORDER BY street_ru, house LIMIT 12")) {
            List<String> buildings = rows.map(r -> r.column(1).get().toString()).toList();
            for (int i = 0; i < buildings.size(); i++) {
                app.fileRequest(app.newResident(), categories[i % categories.length], buildings.get(i), "Проблема в доме номер " + i);
            }
        }
    }

    /** A plumbing request accepted, commented, assigned, started and completed with an AFTER photo. */
    private static String workedRequest(TestApp app) {
        TestApp.Tokens resident = app.signInResident("+79001234567");
        String building = app.database().client().execute().query(
                        "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' LIMIT 1")
                .findFirst().orElseThrow().column(1).get().toString();
        JsonNode filed = app.fileRequest(resident, "plumbing", building, "Течёт труба в подвале");
        String id = filed.get("summary").get("id").asText();
        TestApp.Tokens dispatcher = app.login("vakhitovsky.dispatcher");
        TestApp.Tokens plumber = app.login("vakhitovsky.plumber1");
        app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ACCEPT"), dispatcher);
        app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "COMMENT", "text", "Сантехник придёт завтра до 12:00"), dispatcher);
        app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ASSIGN", "technicianId", plumber.userId().toString()), dispatcher);
        app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "START"), plumber);
        byte[] photo = TestImages.jpeg(1600, 1200);
        String photoId = UUID.randomUUID().toString();
        app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "COMPLETE", "note", "Заменили участок трубы", "photos",
                List.of(Map.of("id", photoId, "kind", "AFTER", "sha256", TestImages.sha256(photo), "size", photo.length))), plumber);
        app.send(HttpRequest.newBuilder(app.uri("/api/v1/photos/" + photoId + "/upload?offset=0"))
                         .PUT(HttpRequest.BodyPublishers.ofByteArray(photo)).header("Authorization", "Bearer " + plumber.access()).build());
        return filed.get("summary").get("number").asText();
    }
}
