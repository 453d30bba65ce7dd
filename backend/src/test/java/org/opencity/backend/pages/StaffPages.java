package org.opencity.backend.pages;

import org.opencity.backend.demo.DemoCity;
import org.opencity.backend.testing.TestApp;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/** Shared steps of staff page tests: signing in through the real sign-in page, as a person would. */
final class StaffPages {

    private StaffPages() {
    }

    /**
     * Signs a demo staff member in through {@code /staff/login.html} (the session lands in the
     * browser's cookies) and waits until the page has moved on. Sign in after any large move of
     * the test clock: the session's tokens expire by that clock. The browser keeps a device id
     * per login, so several people may sign in one after another on one browser, as at a shared desk.
     * When the page asks for the authenticator code (the demo city admin), it is given.
     */
    static void signIn(ChromeDriver browser, TestApp app, String login) {
        browser.get(app.uri("/staff/login.html").toString());
        WebElement name = browser.findElement(By.id("login"));
        name.clear();
        name.sendKeys(login);
        browser.findElement(By.id("password")).sendKeys(DemoCity.DEMO_PASSWORD);
        browser.findElement(By.id("submit")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        // the page may move on between finding the code field and asking whether it shows: look again
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> !d.getCurrentUrl().contains("/staff/login.html") || d.findElement(By.id("totp")).isDisplayed());
        if (browser.getCurrentUrl().contains("/staff/login.html")) {
            browser.findElement(By.id("totp")).sendKeys(app.totpCode(TestApp.DEMO_CITY_ADMIN_TOTP));
            browser.findElement(By.id("submit")).click();
        }
        wait
                .withMessage(() -> "still on the sign-in page as " + login + ": "
                                   + browser.findElements(By.id("problem")).stream().map(WebElement::getText).findFirst().orElse(""))
                .until(d -> !d.getCurrentUrl().contains("/staff/login.html"));
    }
}
