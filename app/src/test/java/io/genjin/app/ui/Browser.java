package io.genjin.app.ui;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through the Debian chromedriver, both named explicitly so that
 * Selenium Manager never downloads a browser or driver. One per test, closed by the test.
 */
public final class Browser implements AutoCloseable {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final String baseUrl;
    private final Path profile;

    private Browser(ChromeDriver driver, String baseUrl, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    /** Skips the browser tests where Chromium is not installed, except on CI, where that is a failure. */
    public static void assumeInstalled() {
        boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail("CI=true but /usr/bin/chromium or /usr/bin/chromedriver is missing: run scripts/install-test-deps");
        }
        assumeTrue(installed, "Chromium is not installed (scripts/install-test-deps installs it)");
    }

    /** @param acceptLanguage what the browser asks for, e.g. {@code en-US,en} or {@code zh-CN,zh} */
    public static Browser open(String baseUrl, String acceptLanguage) {
        Path profile;
        try {
            profile = Files.createTempDirectory("genjin-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        // Console messages stay readable through driver.manage().logs() (the page crawl fails on errors).
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        try {
            return new Browser(new ChromeDriver(service, options), baseUrl, profile);
        } catch (RuntimeException e) {
            service.stop();
            deleteQuietly(profile);
            throw e;
        }
    }

    public void go(String path) {
        driver.get(baseUrl + path);
    }

    /** Clicks something that loads a new page, and waits until the new page replaced the old one. */
    void clickAndLoad(By target) {
        for (int attempt = 1; ; attempt++) {
            WebElement oldPage = driver.findElement(By.tagName("html"));
            try {
                wait.until(ExpectedConditions.elementToBeClickable(target)).click();
            } catch (WebDriverException e) {
                // The page was still being replaced (a redirect after sign-in) between finding the
                // element and clicking it: Chrome reports a node of a document that is gone. Find it again.
                if (attempt < 3 && replaced(e)) {
                    continue;
                }
                throw e;
            }
            waitForNewPage(oldPage);
            return;
        }
    }

    private static boolean replaced(WebDriverException e) {
        String message = String.valueOf(e.getMessage());
        return e instanceof StaleElementReferenceException || message.contains("does not belong to the document")
                || message.contains("stale element");
    }

    void clickAndLoad(WebElement target) {
        WebElement oldPage = driver.findElement(By.tagName("html"));
        target.click();
        waitForNewPage(oldPage);
    }

    /**
     * Until the old page's root is gone and the new page is complete. Chrome reports a node of a
     * replaced document either as stale or as "does not belong to the document" (an unknown error),
     * depending on timing; both mean the page was replaced.
     */
    private void waitForNewPage(WebElement oldPage) {
        wait.until(d -> {
            try {
                oldPage.isEnabled();
                return false;
            } catch (WebDriverException e) {
                if (replaced(e)) {
                    return true;
                }
                throw e;
            }
        });
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("footer")));
    }

    public void signIn(String token) {
        go("/signin");
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        field.sendKeys(token);
        clickAndLoad(By.id("signin-submit"));
    }

    WebElement visible(By target) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(target));
    }

    public String text(By target) {
        return visible(target).getText();
    }

    List<String> texts(By target) {
        return driver.findElements(target).stream().map(WebElement::getText).toList();
    }

    public String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    public String cookie(String name) {
        var cookie = driver.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    /** Saves a full-window screenshot when GENJIN_UI_SCREENSHOTS names a folder; for a person to look at. */
    void screenshot(String name) {
        String folder = System.getenv("GENJIN_UI_SCREENSHOTS");
        if (folder == null || folder.isBlank()) {
            return;
        }
        try {
            Path target = Path.of(folder, name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover profile in the temp folder is harmless.
        }
    }
}
