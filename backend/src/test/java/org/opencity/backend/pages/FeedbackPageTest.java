package org.opencity.backend.pages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.backend.testing.WithBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The feedback form in a real headless Chromium: what anyone writes reaches the city's staff exactly as written. */
@WithApp
@WithBrowser
class FeedbackPageTest {

    private static final String PAYLOAD = "The yard lights are off <img src=x onerror=alert(1)> \"quoted\" & more";
    private final ChromeDriver browser;
    private final TestApp app;

    FeedbackPageTest(TestApp app, ChromeDriver browser) {
        this.app = app;
        this.browser = browser;
    }

    @Test
    void aResidentWritesToTheCityAndTheCitysStaffGetItAsWritten() {
        browser.get(app.uri("/feedback.html?lang=tt").toString());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Шәһәргә язу");
        browser.get(app.uri("/feedback.html?lang=en").toString());
        new Select(browser.findElement(By.id("kind"))).selectByValue("CRITICISM");
        browser.findElement(By.id("text")).sendKeys(PAYLOAD);
        browser.findElement(By.id("contact")).sendKeys("neighbour@example.org");
        browser.findElement(By.id("send")).click();
        WebElement thanks = new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            WebElement t = d.findElement(By.id("thanks"));
            return t.isDisplayed() ? t : null;
        });
        assertThat(thanks.getText()).isEqualTo("Thank you! Your message has been received.");
        assertThat(browser.findElement(By.id("text")).getAttribute("value")).as("the form is cleared").isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

        JsonNode received = TestApp.json(app.get("/api/v1/admin/feedback", app.login("citydispatcher"))).get("items").get(0);
        assertThat(received.get("kind").asText()).isEqualTo("CRITICISM");
        assertThat(received.get("text").asText()).as("exactly as written").isEqualTo(PAYLOAD);
        assertThat(received.get("contact").asText()).isEqualTo("neighbour@example.org");
    }

    @Test
    void aMessageTooShortIsExplainedWithoutSending() {
        browser.get(app.uri("/feedback.html?lang=ru").toString());
        WebElement text = browser.findElement(By.id("text"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].removeAttribute('minlength')", text);
        text.sendKeys("Плохо");
        browser.findElement(By.id("send")).click();
        WebElement problem = new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            WebElement p = d.findElement(By.id("problem"));
            return p.isDisplayed() ? p : null;
        });
        assertThat(problem.getText()).isEqualTo("Проверьте сообщение: от 10 до 4000 символов.");
    }
}
