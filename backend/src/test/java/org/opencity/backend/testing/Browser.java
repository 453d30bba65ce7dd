package org.opencity.backend.testing;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A real headless Chromium for page tests, driven through the chromedriver installed next to it
 * (Debian: {@code apt-get install -y chromium chromium-driver}; {@code .ci/run} installs them).
 * Both are looked up on the PATH; nothing is downloaded.
 */
public final class Browser {

    private Browser() {
    }

    public static ChromeDriver start() {
        Path browser = onPath(List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"))
                .orElseThrow(() -> new IllegalStateException("no Chromium on the PATH: apt-get install -y chromium chromium-driver"));
        Path driver = onPath(List.of("chromedriver"))
                .orElseThrow(() -> new IllegalStateException("no chromedriver on the PATH: apt-get install -y chromium-driver"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
                             "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
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
