package io.scenarioops.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.scenarioops.console.ConsoleServer;
import io.scenarioops.console.ConsoleSettings;
import io.scenarioops.testharness.PipelineTest;
import io.scenarioops.testharness.StackSlice;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real browser (Debian's chromium, headless, through chromedriver) on the
 * whole pipeline: publish the seed run from the form, watch the run page follow it to
 * {@code passed} without a reload, find its report there, and compare it with a second run.
 * Leaves a screenshot of the run page in {@code target/screenshots/}.
 */
@PipelineTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(240);
    private static final Pattern RUN_PAGE = Pattern.compile(".*/runs/([0-9a-f-]{36})$");

    private static LocalPipeline pipeline;
    private static ConsoleServer console;
    private static WebDriver browser;
    private static String seedRunId;

    @BeforeAll
    static void start(StackSlice slice) throws IOException {
        for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(program)) {
                fail(program + " is missing: the browser test needs Debian's chromium and chromedriver"
                        + " (apt-get install -y chromium chromium-driver; .ci/run installs them)");
            }
        }
        pipeline = LocalPipeline.start(slice.config(), 1);
        console = new ConsoleServer(pipeline.config(), new ConsoleSettings(ConsoleSettings.DEFAULT_HOST, 0));
        console.start();
        browser = headlessChromium(Files.createTempDirectory(Path.of("target"), "chromium-profile"));
    }

    /** No browser or driver download, no network but the console's loopback address. */
    private static WebDriver headlessChromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,2200");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.stop();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** Submits the new-run form as it is shown, after {@code edit}; returns the run id of the page it leads to. */
    private static String publishFromForm(Runnable edit) {
        browser.get(console.url() + "runs/new");
        edit.run();
        browser.findElement(By.id("publish")).click();
        await("the run page").atMost(Duration.ofSeconds(30)).until(() -> RUN_PAGE.matcher(browser.getCurrentUrl()).matches());
        Matcher page = RUN_PAGE.matcher(browser.getCurrentUrl());
        assertTrue(page.matches());
        return page.group(1);
    }

    /**
     * Waits, without reloading, until the page says the run passed; the marker proves there was no
     * reload. The status is read by a script, in one step: the page replaces the element while it runs.
     */
    private static void watchUntilPassed(String runId) {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript("window.sameDocument = '" + runId + "';");
        await("run " + runId + " passed on its page").atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> script.executeScript("return document.getElementById('run-status').textContent;"),
                        "passed"::equals);
        assertEquals(runId, script.executeScript("return window.sameDocument;"), "the page was reloaded");
    }

    @Test
    @Order(1)
    void publishTheSeedRunFromTheFormAndWatchItPass() throws IOException {
        seedRunId = publishFromForm(() -> { });
        assertEquals(seedRunId, browser.findElement(By.id("run-id")).getText());
        watchUntilPassed(seedRunId);

        String text = browser.findElement(By.tagName("main")).getText();
        assertTrue(text.contains("332961.19"), "baseline total_cost not on the run page:\n" + text);
        for (String scenarioId : List.of("baseline", "demand_up_10", "costs_up_10")) {
            assertTrue(text.contains(scenarioId), scenarioId + " not on the run page");
        }
        List<WebElement> charts = browser.findElements(By.cssSelector("#live svg"));
        assertTrue(charts.size() >= 2, "expected at least two charts, found " + charts.size());
        assertTrue(browser.findElement(By.id("live")).getAttribute("data-running").equals("false"));

        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve("console-run-page.png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @Order(2)
    void theRunsListAndTheComparisonOfTwoRuns() {
        String secondRunId = publishFromForm(() -> {
            WebElement demand = browser.findElement(By.id("s1.demand_scale"));
            demand.clear();
            demand.sendKeys("1.2");
        });
        watchUntilPassed(secondRunId);

        browser.get(console.url());
        String runs = browser.findElement(By.id("runs")).getText();
        assertTrue(runs.indexOf(secondRunId) < runs.indexOf(seedRunId) && runs.indexOf(secondRunId) >= 0,
                "runs list, newest first:\n" + runs);

        browser.get(console.url() + "compare");
        new Select(browser.findElement(By.id("compare-a"))).selectByValue(seedRunId);
        new Select(browser.findElement(By.id("compare-b"))).selectByValue(secondRunId);
        browser.findElement(By.id("compare-button")).click();
        // the button submits a form: the page with the comparison may still be on its way
        await("the comparison page").atMost(Duration.ofSeconds(30))
                .until(() -> !browser.findElements(By.id("comparison")).isEmpty());
        String comparison = browser.findElement(By.id("comparison")).getText();
        assertTrue(comparison.contains(seedRunId) && comparison.contains(secondRunId), comparison);
        // demand_up_10 differs: 364107.47 in the seed run, a higher total at demand 1.2 in the second
        assertTrue(comparison.contains("364107.47"), comparison);
        assertTrue(comparison.contains("demand_up_10"), comparison);
    }
}
