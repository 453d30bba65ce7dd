package org.opencity.backend.pages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.backend.testing.WithBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The public map of open requests in a real headless Chromium: places by building, overdue in red, nobody's flat. */
@WithApp
@WithBrowser
class PublicMapPageTest {

    private final ChromeDriver browser;
    private final TestApp app;

    PublicMapPageTest(TestApp app, ChromeDriver browser) {
        this.app = app;
        this.browser = browser;
    }

    @Test
    void openRequestsShowAsPlacesByBuildingWithOverdueOnesMarkedAndNoPersonalData() {
        app.clock().set(java.time.Instant.now());   // the browser's "now" and the backend's agree
        List<String> buildings = TestApp.values(TestApp.json(app.get("/api/v1/buildings?q=Baumana", app.newResident())), "id");
        TestApp.Tokens resident = app.newResident();
        String late = app.fileRequest(resident, "plumbing", buildings.get(0), "Ivan Petrov, flat 12: leak").get("summary").get("id").asText();
        app.fileRequest(app.newResident(), "entrance-lighting", buildings.get(0), "No light on the stairs");
        app.fileRequest(app.newResident(), "plumbing", buildings.get(1), "Dripping tap in the basement");
        app.database().client().execute().dml("UPDATE request SET due_at = now() - interval '1 hour' WHERE id = '" + late + "'");

        HttpResponse<String> api = app.get("/api/v1/public/map?lang=en");
        JsonNode places = TestApp.json(api);
        assertThat(places).hasSize(2);
        JsonNode first = places.findParents("overdue").stream().filter(p -> p.get("overdue").asInt() == 1).findFirst().orElseThrow();
        assertThat(first.get("open").asInt()).isEqualTo(2);
        assertThat(first.get("categories").size()).isEqualTo(2);
        assertThat(api.body()).as("anonymised").doesNotContain("Ivan").doesNotContain("кв.").doesNotContain("leak")
                .doesNotContain(late).doesNotContain("KZN-");

        browser.get(app.uri("/map.html?lang=en").toString());
        WebElement summary = new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> {
            WebElement s = d.findElement(By.id("summary"));
            return s.getAttribute("data-places") != null ? s : null;
        });
        assertThat(summary.getText()).isEqualTo("3 open · 1 overdue · 2 places");
        assertThat(browser.findElements(By.cssSelector("path.place-overdue"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("path.place-open"))).hasSize(1);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", browser.findElement(By.cssSelector("path.place-overdue")));
        // the popup fades in: until it is shown its text reads as empty
        WebElement popup = new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector(".leaflet-popup-content"))
                .stream().filter(e -> e.isDisplayed() && !e.getText().isBlank()).findFirst().orElse(null));
        assertThat(popup.getText()).contains(first.get("address").asText()).contains("2 open, 1 overdue").doesNotContain("кв.");
        assertThat(browser.getPageSource()).doesNotContain("Ivan");
    }
}
