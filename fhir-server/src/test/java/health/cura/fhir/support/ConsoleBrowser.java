package health.cura.fhir.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The machine's Chromium (Debian's {@code chromium} and {@code chromium-driver}), headless, driving the consoles as a
 * person would; nothing is downloaded. Also runs axe-core's WCAG 2.1 A and AA rules on a page and keeps screenshots
 * in {@code target/screenshots/}.
 */
public final class ConsoleBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getProperty("cura.test.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("cura.test.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;
    private final String origin;

    public ConsoleBrowser(int port) {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER))
                .as("The browser tests need Debian's chromium and chromium-driver (%s, %s): apt-get install chromium "
                        + "chromium-driver (.ci/run does)", CHROMIUM, DRIVER)
                .isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=en-GB", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
        this.origin = "http://localhost:" + port;
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(origin + path);
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(origin) ? url.substring(origin.length()) : url;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text() {
        return find("body").getText();
    }

    public void fill(String css, String value) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(value);
    }

    /** Waits until the page's text holds {@code expected} (htmx answers arrive after the keystroke). */
    public void waitForText(String expected) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElement(By.tagName("body")).getText()
                .contains(expected));
    }

    public void signIn(String clinicPath, String username, String password) {
        open(clinicPath + "login");
        fill("#username", username);
        fill("#password", password);
        clickToLoad(find("form button[type=submit]"));
    }

    /** Clicks what loads another page (a link, a form's button) and waits until that page has loaded. */
    public void clickToLoad(WebElement element) {
        WebElement page = find("html");
        element.click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.stalenessOf(page));
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Clicks a button whose form asks first, says yes, and waits for the next page. */
    public void clickToConfirm(WebElement element) {
        WebElement page = find("html");
        element.click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.stalenessOf(page));
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    public void clickToLoad(String css) {
        clickToLoad(find(css));
    }

    /** The page's serious and critical WCAG 2.1 A/AA violations, as "rule: element" lines; empty when none. */
    public List<String> accessibilityViolations() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(axe());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(function (result) {
                    done(result.violations.filter(function (v) {
                      return v.impact === 'serious' || v.impact === 'critical';
                    }).map(function (v) {
                      return {id: v.id, nodes: v.nodes.map(function (n) { return n.html; }).join(' | ')};
                    }));
                  }, function (error) { done([{id: 'axe-failed', nodes: String(error)}]); });
                """);
        return violations.stream().map(v -> v.get("id") + ": " + v.get("nodes")).collect(Collectors.toList());
    }

    /** The HTTP status the server answers a GET of the page with, in this browser's session. */
    public int statusOf(String path) {
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(origin + path)).header("Cookie", cookies).header("Accept", "text/html")
                    .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String axe() {
        try (InputStream script = ConsoleBrowser.class.getResourceAsStream(
                "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            assertThat(script).as("axe-core from its WebJar").isNotNull();
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
