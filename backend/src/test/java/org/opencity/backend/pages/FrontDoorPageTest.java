package org.opencity.backend.pages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.backend.testing.WithBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The city's front door in a real headless Chromium: in the visitor's language, how to report a
 * problem today (the app, the call centre, each only when configured), status by number, the public
 * pages; the developer links on their own page.
 */
@WithApp
@WithBrowser
class FrontDoorPageTest {

    /** Words in Latin letters a Russian or Tatar page may show: the stores' names. */
    private static final Set<String> BRANDS = Set.of("App", "Store", "Google", "Play");
    private static final Pattern LATIN = Pattern.compile("[A-Za-z]+");
    private final TestApp app;
    private final ChromeDriver browser;
    private final WebDriverWait wait;

    FrontDoorPageTest(TestApp app, ChromeDriver browser) {
        this.app = app;
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    @Test
    void theFrontDoorSpeaksRussianWithoutLatinWordsAndEveryLinkWorks() {
        speaksWithoutLatinWordsAndEveryLinkWorks("ru");
    }

    @Test
    void theFrontDoorSpeaksTatarWithoutLatinWordsAndEveryLinkWorks() {
        speaksWithoutLatinWordsAndEveryLinkWorks("tt");
    }

    private void speaksWithoutLatinWordsAndEveryLinkWorks(String lang) {
        browser.get(app.uri("/?lang=" + lang).toString());
        wait.until(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        assertThat(latinWords(pageText())).as("Latin-script words on the %s page", lang).isEmpty();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(lang.equals("ru") ? "Заявки жителей города"
                                                                                                : "Шәһәр халкының гаризалары");
        assertThat(browser.findElement(By.id("report-heading")).getText()).as("reporting comes first")
                .isEqualTo(lang.equals("ru") ? "Сообщить о проблеме" : "Проблема турында хәбәр итү");
        assertThat(browser.findElement(By.id("stores")).isDisplayed()).as("no store pages configured: none shown").isFalse();
        assertThat(browser.findElement(By.id("phone-line")).isDisplayed()).as("no phone configured: none shown").isFalse();
        assertThat(browser.findElement(By.cssSelector("label[for='number']")).getText()).isNotBlank();

        for (String href : links()) {
            assertThat(answer(href).statusCode()).as(href).isEqualTo(200);
        }
        assertThat(links()).as("what the front door offers").anySatisfy(h -> assertThat(h).contains("/map.html"))
                .anySatisfy(h -> assertThat(h).contains("/ratings.html")).anySatisfy(h -> assertThat(h).contains("/feedback.html"))
                .anySatisfy(h -> assertThat(h).contains("/developers.html"))
                .noneSatisfy(h -> assertThat(h).contains("/observe/health"))
                .noneSatisfy(h -> assertThat(h).contains("/metrics"));
        browser.findElement(By.cssSelector("a[href='/ratings.html']")).click();
        wait.until(d -> d.getCurrentUrl().contains("/ratings.html"));
        wait.until(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        assertThat(browser.getCurrentUrl()).as("the language chosen goes along").contains("lang=" + lang);
    }

    @Test
    void everyControlIsABigEnoughTapTarget() {
        for (String page : List.of("/?lang=ru", "/developers.html?lang=ru")) {
            browser.get(app.uri(page).toString());
            wait.until(d -> "ru".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
            @SuppressWarnings("unchecked")
            List<String> small = (List<String>) browser.executeScript("""
                    return [...document.querySelectorAll('a, button, input:not([type=hidden])')]
                      .filter(e => e.offsetParent !== null)
                      .map(e => [e, e.getBoundingClientRect()])
                      .filter(([e, r]) => r.height < 48 || r.width < 48)
                      .map(([e, r]) => `${e.tagName} ${e.textContent.trim() || e.id} ${Math.round(r.width)}x${Math.round(r.height)}`);""");
            assertThat(small).as("tap targets under 48 px on " + page).isEmpty();
        }
    }

    @Test
    void theLookupTakesTheNumberAsTypedToTheStatusPage() {
        String building = app.database().client().execute().query(
                        "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' LIMIT 1")
                .findFirst().orElseThrow().column(1).get().toString();
        String number = app.fileRequest(app.signInResident("+79007778830"), "plumbing", building, "The radiator leaks")
                .get("summary").get("number").asText();
        String[] parts = number.split("-");
        browser.get(app.uri("/?lang=ru").toString());
        WebElement input = browser.findElement(By.id("number"));
        input.sendKeys(parts[0].toLowerCase() + " " + parts[1] + " " + Long.parseLong(parts[2]));
        browser.findElement(By.id("show")).click();
        wait.until(d -> d.getCurrentUrl().contains("/status.html") && d.findElement(By.id("result")).isDisplayed());
        assertThat(browser.findElement(By.id("heading")).getText()).startsWith(number + " · ");
        assertThat(browser.findElement(By.tagName("h1")).getText()).as("still in Russian").isEqualTo("Статус заявки");
    }

    @Test
    void theDevelopersLinksAreOnTheIntegratorsPageAndWork() {
        browser.get(app.uri("/?lang=en").toString());
        wait.until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        browser.findElement(By.cssSelector("a[href^='/developers.html']")).click();
        wait.until(d -> d.getCurrentUrl().contains("/developers.html") && "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("For developers and integrators");
        List<String> links = links();
        assertThat(links).anySatisfy(h -> assertThat(h).endsWith("/observe/health")).anySatisfy(h -> assertThat(h).endsWith("/openapi/ui"))
                .anySatisfy(h -> assertThat(h).endsWith("/metrics"));
        for (String href : links) {
            assertThat(answer(href).statusCode()).as(href).isEqualTo(200);
        }
    }

    @Test
    void theStorePagesAndThePhoneAreShownWhenTheCityHasThem() throws Exception {
        String appStore = "https://apps.apple.com/app/id0000000001";
        String playStore = "https://play.google.com/store/apps/details?id=org.opencity.app";
        try (TestApp configured = TestApp.start(true, Map.of("APP_STORE_URL", appStore, "PLAY_STORE_URL", playStore,
                                                             "CALL_CENTRE_PHONE", "+7 843 000-00-00"))) {
            JsonNode contacts = TestApp.json(configured.get("/api/v1/public/contacts"));
            assertThat(contacts.get("appStoreUrl").asText()).isEqualTo(appStore);
            assertThat(contacts.get("playStoreUrl").asText()).isEqualTo(playStore);
            assertThat(contacts.get("callCentrePhone").asText()).isEqualTo("+7 843 000-00-00");

            browser.get(configured.uri("/?lang=ru").toString());
            wait.until(d -> d.findElement(By.id("stores")).isDisplayed());
            assertThat(browser.findElement(By.id("app-store")).getAttribute("href")).isEqualTo(appStore);
            assertThat(browser.findElement(By.id("play-store")).getAttribute("href")).isEqualTo(playStore);
            wait.until(d -> d.findElement(By.id("phone-line")).isDisplayed());
            assertThat(browser.findElement(By.id("phone")).getAttribute("href")).isEqualTo("tel:+78430000000");
            assertThat(latinWords(pageText())).as("only the stores' names").isEmpty();
            screenshots(configured);
        }
        assertThat(TestApp.json(app.get("/api/v1/public/contacts")).size()).as("nothing configured, nothing said").isZero();
    }

    @Test
    void theFrontDoorComesWithAStrictPolicyAndNoInlineScript() {
        for (String page : List.of("/", "/developers.html")) {
            HttpResponse<String> r = app.get(page);
            assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain("unsafe-inline");
            assertThat(r.body()).as(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContainPattern("\\son[a-z]+=");
        }
    }

    private List<String> links() {
        List<String> hrefs = new ArrayList<>();
        for (WebElement a : browser.findElements(By.cssSelector("a[href]"))) {
            String href = a.getAttribute("href");
            if (a.isDisplayed() && a.getAttribute("data-lang") == null && href.startsWith(origin())) {
                hrefs.add(href);
            }
        }
        return hrefs;
    }

    /** The answer to a link as a browser gets it: redirects followed, the metrics with their token. */
    private HttpResponse<String> answer(String href) {
        String path = URI.create(href).getRawPath() + query(href);
        for (int hops = 0; ; hops++) {
            HttpResponse<String> r = path.equals("/metrics") ? app.get(path, "Authorization", "Bearer " + TestApp.METRICS_TOKEN) : app.get(path);
            if (r.statusCode() / 100 != 3 || hops == 3) {
                return r;
            }
            path = URI.create(href).resolve(r.headers().firstValue("Location").orElseThrow()).getRawPath();
        }
    }

    /** The page's visible text, less what is marked as English ({@code lang="en"}: the language switch's "Eng"). */
    private String pageText() {
        String text = browser.findElement(By.tagName("body")).getText() + " " + browser.getTitle();
        for (WebElement english : browser.findElements(By.cssSelector("body [lang='en']"))) {
            text = text.replace(english.getText(), " ");
        }
        return text;
    }

    private String origin() {
        URI here = URI.create(browser.getCurrentUrl());
        return here.getScheme() + "://" + here.getAuthority() + "/";
    }

    private static String query(String href) {
        String q = URI.create(href).getRawQuery();
        return q == null ? "" : "?" + q;
    }

    private static List<String> latinWords(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = LATIN.matcher(text);
        while (m.find()) {
            if (!BRANDS.contains(m.group())) {
                found.add(m.group());
            }
        }
        return found;
    }

    /** With {@code -Dfrontdoor.shots=<folder>}: the front door and the integrators' page in Russian, phone and desktop. */
    private void screenshots(TestApp configured) throws Exception {
        String folder = System.getProperty("frontdoor.shots", "");
        if (folder.isBlank()) {
            return;
        }
        Path out = Files.createDirectories(Path.of(folder));
        for (int[] size : new int[][]{{390, 844}, {1366, 768}}) {
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size[0], "height", size[1],
                                                                                    "deviceScaleFactor", 1, "mobile", size[0] < 600));
            for (String page : List.of("/", "/developers.html")) {
                browser.get(configured.uri(page + "?lang=ru").toString());
                wait.until(d -> "ru".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
                Thread.sleep(300);
                String name = (page.equals("/") ? "front" : "developers") + "-" + size[0] + "x" + size[1] + ".png";
                Files.write(out.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
            }
        }
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
}
