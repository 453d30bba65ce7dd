package org.opencity.backend.pages;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.backend.testing.WithBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The API reference for integrators renders the served document under the pages' strict Content-Security-Policy. */
@WithApp(demo = false)
@WithBrowser
class OpenApiUiPageTest {

    private final ChromeDriver browser;
    private final TestApp app;

    OpenApiUiPageTest(TestApp app, ChromeDriver browser) {
        this.app = app;
        this.browser = browser;
    }

    @Test
    void theReferenceShowsEveryTagAndAnOperationWithItsId() {
        browser.get(app.uri("/openapi/ui").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> !d.findElements(By.cssSelector(".opblock-tag")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".info .title")).getText()).contains("Open City API");
        assertThat(browser.findElements(By.cssSelector(".opblock-tag"))).hasSizeGreaterThanOrEqualTo(12);

        browser.findElement(By.cssSelector(".opblock-tag[data-tag='catalogue']")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#operations-catalogue-listCategories")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#operations-catalogue-listCategories")).getText())
                .contains("/api/v1/categories");
    }
}
