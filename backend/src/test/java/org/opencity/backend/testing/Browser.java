package org.opencity.backend.testing;

import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A real headless Chromium for page tests. A browser and a chromedriver found on the PATH or
 * where their installers put them (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs; Google Chrome) are used as they are. Without a chromedriver, Selenium
 * Manager (bundled with Selenium) is asked to find or fetch a matching driver, and a browser too
 * when none is installed; where it cannot, the test stops with one line saying what to install.
 */
public final class Browser {

    static final String WHAT_TO_INSTALL = "page tests need Chromium (or Chrome) and its chromedriver: on Debian/Ubuntu "
            + "`apt-get install -y chromium chromium-driver`; elsewhere install Google Chrome and let Selenium Manager "
            + "fetch the driver (needs internet)";

    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    private static final List<Path> BROWSER_PLACES = List.of(
            Path.of("/usr/lib/chromium/chromium"),
            Path.of("/opt/google/chrome/chrome"),
            Path.of("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"),
            Path.of("/Applications/Chromium.app/Contents/MacOS/Chromium"));
    private static final List<Path> DRIVER_PLACES = List.of(
            Path.of("/usr/lib/chromium/chromedriver"),
            Path.of("/usr/lib/chromium-browser/chromedriver"));

    private Browser() {
    }

    public static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        browser().ifPresent(path -> options.setBinary(path.toFile()));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
                             "--lang=en-GB");
        Optional<Path> driver = driver();
        try {
            if (driver.isPresent()) {
                return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                        .usingAnyFreePort().build(), options);
            }
            return new ChromeDriver(options);   // Selenium Manager resolves the driver (and a browser if none)
        } catch (WebDriverException e) {
            throw new IllegalStateException(WHAT_TO_INSTALL + " (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    static Optional<Path> browser() {
        return onPath(BROWSERS).or(() -> BROWSER_PLACES.stream().filter(Files::isExecutable).findFirst());
    }

    static Optional<Path> driver() {
        return onPath(List.of("chromedriver")).or(() -> DRIVER_PLACES.stream().filter(Files::isExecutable).findFirst());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static Optional<Path> onPath(List<String> names) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : names) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
