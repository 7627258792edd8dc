package org.cpe.micro;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its ChromeDriver ({@code apt-get install chromium chromium-driver}, which
 * {@code .ci/run} does). Without them the browser tests are skipped with that hint, except under CI ({@code CI=true}),
 * where they fail.
 */
final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("cpe.it.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("cpe.it.chromedriver", "/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() {
        boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(
                    present,
                    "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                            + ": apt-get install chromium chromium-driver");
        } else if (!present) {
            throw new IllegalStateException(
                    "CI runs the browser tests: " + CHROMIUM + " and " + CHROMEDRIVER + " are missing");
        }
        try {
            Path profile = Files.createTempDirectory("cpe-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            // The flags keep Chromium off the network it cannot reach here (updates, sync, Google's hosts).
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--window-size=1400,1000",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * Waits up to {@code seconds} for {@code condition} to give a value other than null or false, trying again when an
     * element it read was replaced meanwhile.
     */
    <T> T await(int seconds, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .pollingEvery(Duration.ofMillis(200))
                // The console redraws live parts of the page every second or so: an element found may go stale.
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** Waits for the element to be displayed and returns it. */
    WebElement visible(String css) {
        return await(20, d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
        });
    }

    /** The text of {@code css} once it satisfies {@code test}, within {@code seconds}. */
    String awaitText(String css, int seconds, java.util.function.Predicate<String> test) {
        return await(seconds, d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            if (found.isEmpty()) {
                return null;
            }
            String text = found.get(0).getText();
            return test.test(text) ? text : null;
        });
    }

    void logIn(String user, String password) {
        visible("#login-user").clear();
        find("#login-user").sendKeys(user);
        find("#login-password").clear();
        find("#login-password").sendKeys(password);
        find("#login button[type=submit]").click();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover profile folder in /tmp is harmless.
            }
        }
    }
}
