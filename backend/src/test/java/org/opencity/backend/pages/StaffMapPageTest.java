package org.opencity.backend.pages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.backend.testing.WithBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The staff map in a real headless Chromium: each person sees the open requests within their reach,
 * a lone request as a dot coloured by its state, a crowd as a counted circle, and changes live.
 * Requests are filed at buildings with no other building within about 80 m, so that at zoom 18
 * (60 px ≈ 36 m) each stands alone whatever other tests of the class have filed.
 */
@WithApp(demo = true)
@WithBrowser
class StaffMapPageTest {

    private static final int CLOSE = 18;
    private final ChromeDriver browser;
    private final TestApp app;

    StaffMapPageTest(TestApp app, ChromeDriver browser) {
        this.app = app;
        this.browser = browser;
    }

    @Test
    void aRequestWithinReachIsCountedInTheCityClusterAndIsADotWhosePopupShowsItsNumberAsText() {
        Place building = isolatedBuilding("vakhitovsky", 0);
        JsonNode filed = file(building);
        file(isolatedBuilding("vakhitovsky", 1));
        String id = id(filed);
        JsonNode points = TestApp.json(app.get("/api/v1/requests/map?lang=en", app.login("dispatcher")));
        JsonNode point = find(points, id);
        StaffPages.signIn(browser, app, "dispatcher");

        open("lat=55.79&lon=49.12&zoom=3");
        assertThat(browser.findElement(By.id("summary")).getAttribute("data-points")).isEqualTo(String.valueOf(points.size()));
        assertThat(browser.findElements(By.cssSelector("path.point"))).as("from this far, one crowd").isEmpty();
        WebElement city = browser.findElement(By.cssSelector(".cluster"));
        assertThat(city.getAttribute("data-count")).isEqualTo(String.valueOf(points.size()));
        assertThat(city.getText()).isEqualTo(String.valueOf(points.size()));
        city.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).withMessage("a click on a crowd zooms in")
                .until(d -> zoom() > 3);

        open(view(building, CLOSE));
        WebElement dot = browser.findElement(By.cssSelector("path.point[data-id='" + id + "']"));
        assertThat(point.get("status").asText()).as("routed to the district's organisation").isEqualTo("ROUTED");
        assertThat(dot.getAttribute("fill")).as("open, on time: blue").isEqualTo("#0969da");
        click(dot);
        WebElement popup = popup("a click on a dot opens its popup");
        WebElement number = popup.findElement(By.tagName("a"));
        assertThat(number.getText()).isEqualTo(point.get("number").asText());
        assertThat(number.getAttribute("href")).endsWith("/staff/request.html?id=" + id);
        assertThat(popup.getText()).contains("Routed").contains(point.get("categoryName").asText()).contains(point.get("address").asText());
        assertThat(browser.getCurrentUrl()).as("the view is in the address").contains("zoom=" + CLOSE);
    }

    @Test
    void anotherOrganisationsDispatcherDoesNotSeeIt() {
        Place there = isolatedBuilding("vakhitovsky", 2);
        Place own = isolatedBuilding("sovetsky", 0);
        JsonNode vakhitovsky = file(there);
        JsonNode sovetsky = file(own);
        StaffPages.signIn(browser, app, "sovetsky.dispatcher");

        open(view(own, CLOSE));
        assertThat(browser.findElements(By.cssSelector("path.point[data-id='" + id(sovetsky) + "']"))).as("their own").hasSize(1);
        open(view(there, CLOSE));
        assertThat(browser.findElements(By.cssSelector("path.point, .cluster"))).as("nothing of another organisation").isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(id(vakhitovsky));
    }

    @Test
    void anOverdueRequestIsRedAloneAndMakesItsCrowdRed() {
        Place building = isolatedBuilding("vakhitovsky", 3);
        JsonNode late = file(building);
        app.clock().advance(Duration.ofDays(10));
        app.app().sweeper().sweepOnce();
        JsonNode fresh = file(building);
        StaffPages.signIn(browser, app, "dispatcher");   // after the clock jump: sessions expire by that clock

        open(view(building, CLOSE));
        WebElement crowd = browser.findElement(By.cssSelector(".cluster"));
        assertThat(crowd.getAttribute("class")).contains("has-overdue");
        assertThat(crowd.getAttribute("data-count")).isEqualTo("2");
        crowd.click();
        WebElement popup = popup("one building: a list, not a zoom");
        assertThat(popup.findElements(By.cssSelector("li a"))).extracting(WebElement::getText)
                .containsExactlyInAnyOrder(number(late), number(fresh));
        assertThat(popup.findElement(By.cssSelector("li.overdue a")).getText()).isEqualTo(number(late));

        open(view(building, CLOSE) + "&overdue=true");
        assertThat(browser.findElement(By.id("f-overdue")).isSelected()).isTrue();
        WebElement dot = browser.findElement(By.cssSelector("path.point[data-id='" + id(late) + "']"));
        assertThat(dot.getAttribute("class")).contains("point-overdue");
        assertThat(dot.getAttribute("fill")).isEqualTo("#cf222e");
        assertThat(browser.findElements(By.cssSelector("[data-id='" + id(fresh) + "']"))).as("on time: filtered out").isEmpty();
    }

    @Test
    void aRequestFiledWhileTheMapIsOpenAppearsOnItWithinSeconds() {
        Place building = isolatedBuilding("vakhitovsky", 4);
        StaffPages.signIn(browser, app, "dispatcher");
        open(view(building, CLOSE));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("live")).getAttribute("class").contains("on"));
        assertThat(browser.findElements(By.cssSelector("path.point, .cluster"))).isEmpty();

        String id = id(file(building));
        new WebDriverWait(browser, Duration.ofSeconds(10)).withMessage("the live feed brings it")
                .until(d -> !d.findElements(By.cssSelector("path.point[data-id='" + id + "']")).isEmpty());
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    /** Opens the map at a view and waits until its points are drawn. */
    private void open(String query) {
        browser.get(app.uri("/staff/map.html?lang=en&" + query).toString());
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .withMessage(() -> "the map loads: " + browser.findElement(By.id("problem")).getText())
                .until(d -> d.findElement(By.id("summary")).getAttribute("data-points") != null);
    }

    /** The open popup, once it has faded in (until then its text reads as empty). */
    private WebElement popup(String why) {
        return new WebDriverWait(browser, Duration.ofSeconds(5)).withMessage(why).until(d -> d.findElements(
                By.cssSelector(".leaflet-popup-content")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    private static String view(Place place, int zoom) {
        return "lat=" + place.lat() + "&lon=" + place.lon() + "&zoom=" + zoom;
    }

    private int zoom() {
        String url = browser.getCurrentUrl();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]zoom=(\\d+)").matcher(url);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Leaflet's vector layers listen on the SVG path; a synthetic click reaches them wherever they are drawn. */
    private void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", element);
    }

    private JsonNode file(Place building) {
        return app.fileRequest(app.newResident(), "plumbing", building.id(), "Water drips from the ceiling in the bathroom");
    }

    private static JsonNode find(JsonNode points, String id) {
        for (JsonNode p : points) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no point " + id + " in " + points);
    }

    private static String id(JsonNode detail) {
        return detail.get("summary").get("id").asText();
    }

    private static String number(JsonNode detail) {
        return detail.get("summary").get("number").asText();
    }

    /** A building and where it stands (a request there is drawn at the same spot). */
    private record Place(String id, double lat, double lon) {
    }

    /** The n-th building of a district (by street and house) with no other building within about 80 m. */
    private Place isolatedBuilding(String district, int nth) {
        try (var rows = app.database().client().execute().createQuery("""
                        SELECT b.id, b.lat, b.lon FROM building b JOIN district d ON d.id = b.district_id
                        WHERE d.code = :district AND NOT EXISTS (
                            SELECT 1 FROM building o WHERE o.id <> b.id AND abs(o.lat - b.lat) < 0.0008 AND abs(o.lon - b.lon) < 0.0013)
                        ORDER BY b.street_ru, b.house OFFSET :nth LIMIT 1""")
                .addParam("district", district).addParam("nth", nth).execute()) {
            var row = rows.findFirst().orElseThrow(() -> new AssertionError("no isolated building no. " + nth + " in " + district));
            return new Place(row.column("id").get(java.util.UUID.class).toString(), row.column("lat").get(Double.class),
                             row.column("lon").get(Double.class));
        }
    }
}
