package dev.tunegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunegate.analysis.Progress;
import dev.tunegate.assess.AssessOptions;
import dev.tunegate.assess.Assessment;
import dev.tunegate.dataops.review.ReviewBoard;
import dev.tunegate.ops.WeeklyReview;
import dev.tunegate.ops.read.CallLogFormat;
import dev.tunegate.ops.read.CsvCallMapping;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web workspace in Debian's headless Chromium (skipped when {@code /usr/bin/chromedriver} is absent): every
 * page opens without a script error, a queue is reviewed end to end with the keyboard, a bulk action runs after
 * its confirmation, a row holding markup shows as text, conflict groups are resolved by clicking (and a stale
 * resolution is refused), and the weekly ops review renders with its charts. Screenshots go to {@code server/target/screenshots/}.
 */
class ServeBrowserTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String HOSTILE = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";

    static HeadlessChromium chromium;
    static ChromeDriver driver;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = HeadlessChromium.start();
        driver = chromium.driver();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) chromium.close();
    }

    @Test
    void everyPageOpensCleanlyAndAQueueIsReviewedWithTheKeyboardAndABulkAction() throws Exception {
        // "queue": 6 drafts to review, one of them hostile markup; "routing": a copy of the shipped example with its
        // records
        Path queue = Fixture.workspace(dir.resolve("queue"), 3, 6, List.of(HOSTILE));
        Path routing = dir.resolve("routing");
        ShippedExamples.copy(Path.of("..", "examples", "ticket-routing"), routing);
        try (Stream<String> lines = Files.lines(routing.resolve("data/train.jsonl"))) {
            Files.write(routing.resolve("data/train.jsonl"), lines.limit(200).toList()); // a short audit
        }
        Files.createDirectories(routing.resolve("decisions"));
        for (String f :
                List.of("0001-ticket-routing-fine-tune.json", "0002-ticket-routing-scale-pilot.json", "log.jsonl")) {
            Files.copy(
                    Path.of("src/test/resources/records", f),
                    routing.resolve("decisions").resolve(f));
        }
        String token = new Reviewers(dir).add("ana");
        try (TunegateServer server = TunegateServer.start(new ServeOptions(
                dir, ServeOptions.LOOPBACK, 0, new ReviewBoard.Settings(Duration.ofMinutes(10), 0, 42)))) {
            String base = "http://127.0.0.1:" + server.port();
            for (String[] p : new String[][] {
                {"/", "workspaces"},
                {"/w/routing/", "decision"},
                {"/w/routing/audit", "audit"},
                {"/w/routing/regression", "regression"},
                {"/w/routing/pilot", "pilot"},
                {"/w/routing/weekly", "weekly-none"},
                {"/w/queue/review", "review-signin"}
            }) {
                open(base + p[0]);
                assertNoScriptErrors();
                assertThat(driver.findElement(By.id("main")).getText())
                        .as(p[0])
                        .doesNotContain("Loading…")
                        .doesNotContain("internal error");
                if (p[1].equals("decision")) {
                    // the record's own page, in a sandboxed frame: its verdict and its rule table are there
                    driver.switchTo().frame(driver.findElement(By.cssSelector("iframe.report")));
                    new WebDriverWait(driver, Duration.ofSeconds(20))
                            .until(d ->
                                    d.findElement(By.tagName("body")).getText().contains("The rules"));
                    assertThat(driver.findElement(By.tagName("h1")).getText()).contains("FINE_TUNE(LORA)");
                    driver.switchTo().defaultContent();
                }
                screenshot(p[1]);
            }
            open(base + "/");
            assertThat(driver.findElement(By.tagName("table")).getText())
                    .contains("routing")
                    .contains("FINE_TUNE")
                    .contains("queue");
            open(base + "/w/routing/pilot");
            waitFor(
                    "return document.querySelectorAll('canvas').length > 0 && Array.from(document.querySelectorAll('canvas')).every(c => Chart.getChart(c))");
            open(base + "/w/routing/audit");
            assertThat(driver.findElements(By.cssSelector("section.finding"))).isNotEmpty();

            // sign in, then review with the keyboard: a approve, r reject, e edit + Ctrl+Enter, s skip
            open(base + "/w/queue/review");
            driver.findElement(By.id("token")).sendKeys(token, Keys.ENTER);
            waitFor("return !!document.getElementById('row-input')");
            assertThat(driver.findElement(By.id("who")).getText()).contains("ana");
            Actions keys = new Actions(driver);
            press(keys, "a");
            press(keys, "r");
            keys.sendKeys("e").perform();
            WebElement edit = driver.findElement(By.id("edit"));
            edit.clear();
            edit.sendKeys("{\"queue\": \"returns\"}");
            String before = currentId();
            edit.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
            waitFor("return window.__tgRowId !== undefined");
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !before.equals(currentId()));
            // 7 pending rows, 3 decided: the count the bulk actions would confirm follows the decisions
            waitFor("return document.getElementById('matching').textContent === '4'");
            assertNoScriptErrors();
            screenshot("review");

            // filter to the hostile row: shown as text, never run
            open(base + "/w/queue/review?q=onerror");
            waitFor("return !!document.getElementById('bulk-approve')");
            // the card shows the row the filter selects (the hostile one, as text), not the next row of the queue
            waitFor("return !!document.getElementById('row-input')");
            assertThat(driver.findElement(By.id("row-input")).getText()).isEqualTo(HOSTILE);
            assertThat(((JavascriptExecutor) driver).executeScript("return typeof window.__pwned"))
                    .isEqualTo("undefined");
            // bulk: reject everything the filter selects, after the confirmation
            driver.findElement(By.id("bulk-reject")).click();
            assertThat(driver.findElement(By.cssSelector("#bulk .confirm")).getText())
                    .contains("Reject 1 pending rows");
            screenshot("bulk-confirm");
            driver.findElement(By.id("confirm-bulk")).click();
            waitFor("return !!document.getElementById('bulk-result')");
            assertThat(driver.findElement(By.id("bulk-result")).getText()).startsWith("1 rows rejected");

            // the rest of the queue, with the keyboard, until nothing is left
            open(base + "/w/queue/review");
            for (int i = 0; i < 10 && driver.findElements(By.id("done")).isEmpty(); i++) {
                waitFor("return !!document.getElementById('row-input') || !!document.getElementById('done')");
                if (!driver.findElements(By.id("done")).isEmpty()) break;
                press(keys, "a");
            }
            assertThat(driver.findElement(By.id("done")).getText()).contains("Nothing left");
            assertNoScriptErrors();
            screenshot("review-done");
        }
        List<JsonNode> log = Fixture.log(queue);
        assertThat(log).hasSize(7).doesNotContainNull().allSatisfy(e -> assertThat(
                        e.path("reviewer").asText())
                .isEqualTo("ana"));
        assertThat(log)
                .extracting(e -> e.path("action").asText())
                .startsWith("approve", "reject", "edit")
                .contains("reject");
        assertThat(log.get(2).path("output").asText()).isEqualTo("{\"queue\": \"returns\"}");
        assertThat(log).extracting(e -> e.path("row").asText()).doesNotHaveDuplicates();
    }

    @Test
    void conflictGroupsAreResolvedByClickingAndAStaleResolutionIsRefusedWithAClearMessage() throws Exception {
        // two planted conflict groups (ticket 500: 3 rows, ticket 501: 2 rows, one of them hostile markup) among 17
        // approved rows: 5 of 17 in conflict, so a real assessment fires FT-CONSISTENT (share > 5 %)
        Path labels = Fixture.conflicts(dir.resolve("labels"), HOSTILE);
        Assessment.standard().run(labels, AssessOptions.defaults());
        Reviewers reviewers = new Reviewers(dir);
        String ana = reviewers.add("ana");
        String bo = reviewers.add("bo");
        String first;
        String second;
        try (TunegateServer server = TunegateServer.start(new ServeOptions(
                dir, ServeOptions.LOOPBACK, 0, new ReviewBoard.Settings(Duration.ofMinutes(10), 0, 42)))) {
            String base = "http://127.0.0.1:" + server.port();
            // the decision page's FT-CONSISTENT reason links to the conflicts page
            open(base + "/w/labels/");
            assertThat(driver.findElement(By.id("consistent")).getText()).contains("FT-CONSISTENT");
            driver.findElement(By.id("conflicts-link")).click();
            waitFor("return window.__tgReady === true && !!document.getElementById('token')");
            assertThat(driver.getCurrentUrl()).endsWith("/w/labels/conflicts");
            driver.findElement(By.id("token")).sendKeys(ana, Keys.ENTER);
            waitFor("return document.querySelectorAll('section.conflict').length === 2");
            assertThat(driver.findElement(By.id("conflict-summary")).getText())
                    .startsWith("2 conflict groups among 17 approved");
            List<WebElement> groups = driver.findElements(By.cssSelector("section.conflict"));
            first = groups.get(0).getAttribute("data-id");
            second = groups.get(1).getAttribute("data-id");
            assertThat(groups.get(0).getText())
                    .contains(Fixture.ticket(500))
                    .contains("data/train.jsonl:3 — approved by cy");
            // the hostile output is shown as text and never runs
            assertThat(groups.get(1)
                            .findElement(By.cssSelector(".rival[data-n='2'] pre"))
                            .getText())
                    .isEqualTo(HOSTILE);
            assertThat(((JavascriptExecutor) driver).executeScript("return typeof window.__pwned"))
                    .isEqualTo("undefined");
            screenshot("conflicts");

            // bo resolves group 1 through the API from the very listing ana's page shows
            String listing = (String) ((JavascriptExecutor) driver).executeScript("return window.__tgListing");
            String api = base + "/api/workspaces/labels/conflicts/" + first;
            Fixture.Reply claim = Fixture.post(api + "/claim", bo, java.util.Map.of("listing", listing));
            assertThat(claim.status()).as(claim.body()).isEqualTo(200);
            assertThat(Fixture.post(
                                    api,
                                    bo,
                                    java.util.Map.of(
                                            "listing",
                                            listing,
                                            "claim",
                                            claim.json().path("claim").asText(),
                                            "winner",
                                            "1"))
                            .status())
                    .isEqualTo(200);

            // ana, on her stale page, tries the same group: refused, saying who resolved it
            driver.findElement(By.cssSelector("#group-" + first + " button.claim"))
                    .click();
            waitFor("return !document.querySelector('#group-" + first + " p.error').hidden");
            assertThat(driver.findElement(By.cssSelector("#group-" + first + " p.error"))
                            .getText())
                    .contains("was resolved by bo")
                    .contains("not recorded")
                    .contains("Reload the page");
            screenshot("conflicts-stale");

            // after a reload group 1 is gone; ana resolves group 2 by clicking: claim it, output 1 wins
            open(base + "/w/labels/conflicts");
            waitFor("return document.querySelectorAll('section.conflict').length === 1");
            assertThat(driver.findElement(By.cssSelector("section.conflict")).getAttribute("data-id"))
                    .isEqualTo(second);
            driver.findElement(By.cssSelector("#group-" + second + " button.claim"))
                    .click();
            waitFor("return !!document.querySelector('#group-" + second + " button.choose')");
            driver.findElement(By.cssSelector("#group-" + second + " button.choose[data-n='1']"))
                    .click();
            waitFor("return !!document.getElementById('conflict-result')");
            assertThat(driver.findElement(By.id("conflict-result")).getText())
                    .contains("Conflict group " + second + ": output 1 wins; 1 row no longer counts as approved");
            assertThat(driver.findElements(By.cssSelector("section.conflict"))).isEmpty();
            assertThat(driver.findElement(By.id("no-conflicts")).getText()).contains("No conflict groups");
            assertNoScriptErrors();
            screenshot("conflicts-done");
        }
        List<JsonNode> log = Fixture.log(labels);
        assertThat(log).hasSize(2).doesNotContainNull();
        assertThat(log)
                .extracting(e -> e.path("reviewer").asText() + ":"
                        + e.path("action").asText() + ":" + e.path("group").asText() + ":"
                        + e.path("outcome").asText())
                .containsExactly("bo:resolve:" + first + ":choose", "ana:resolve:" + second + ":choose");
        assertThat(log.get(0).path("output").asText()).isEqualTo("{\"queue\": \"billing\"}");
        // rows are content digests: lines 1 and 2 say the same, so group 1 has two distinct rows, the loser dropped
        assertThat(log.get(0).path("rows")).hasSize(2);
        assertThat(log.get(0).path("drop")).hasSize(1);
        assertThat(log.get(1).path("output").asText()).isEqualTo("{\"queue\": \"billing\"}");
        assertThat(log.get(1).path("source").asText()).isEqualTo("data/train.jsonl:4, data/train.jsonl:5");
        assertThat(log.get(1).path("drop")).hasSize(1);
    }

    @Test
    void theWeeklyOpsReviewRendersWithItsCharts() throws Exception {
        Path qa = dir.resolve("qa");
        ShippedExamples.copy(Path.of("..", "examples", "policy-qa"), qa);
        WeeklyReview.Result weekly = WeeklyReview.run(
                dev.tunegate.workspace.Workspace.open(
                        qa,
                        dev.tunegate.policy.Policy.standard()
                                .thresholdDefinitions()
                                .keySet()),
                new WeeklyReview.Request(
                        List.of(), null, CallLogFormat.of("auto"), CsvCallMapping.parse(List.of()), 2, true),
                Progress.SILENT);
        String week = weekly.report().week();
        try (TunegateServer server = TunegateServer.start(ServeOptions.loopback(dir, 0))) {
            String base = "http://127.0.0.1:" + server.port();
            open(base + "/");
            driver.findElement(By.cssSelector("a.weekly-link")).click();
            waitFor("return window.__tgReady === true && !!document.getElementById('weekly-report')");
            assertNoScriptErrors();
            driver.switchTo().frame(driver.findElement(By.id("weekly-report")));
            try {
                waitFor("return document.readyState === 'complete' && document.querySelectorAll('canvas').length > 0"
                        + " && Array.from(document.querySelectorAll('canvas')).every(c => Chart.getChart(c))");
                assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Weekly review " + week);
                assertThat(((JavascriptExecutor) driver).executeScript("return window.__tgErrors"))
                        .asList()
                        .isEmpty();
            } finally {
                driver.switchTo().defaultContent();
            }
            screenshot("weekly");
        }
    }

    private static String currentId() {
        Object id = ((JavascriptExecutor) driver)
                .executeScript("return window.__tgRowId === undefined ? '' : String(window.__tgRowId)");
        return String.valueOf(id);
    }

    /** Presses a key on the row shown and waits until the next row (or the end) is shown. */
    private static void press(Actions keys, String key) {
        String before = currentId();
        keys.sendKeys(key).perform();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !before.equals(currentId()));
    }

    private static void open(String url) {
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(url);
        waitFor("return window.__tgReady === true");
    }

    private static void waitFor(String script) {
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(script)));
    }

    private static void assertNoScriptErrors() {
        Object errors = ((JavascriptExecutor) driver).executeScript("return window.__tgErrors || []");
        assertThat((List<?>) errors).as("window.onerror").isEmpty();
        List<String> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("/review/claim") && !m.contains("401"))
                .filter(m -> !(m.contains("/conflicts/") && m.contains("409")))
                .toList();
        assertThat(severe).as("browser log").isEmpty();
    }

    private static void screenshot(String name) throws IOException {
        Object h =
                ((JavascriptExecutor) driver).executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new Dimension(1280, (int)
                Math.min(6000, Math.max(900, ((Number) h).longValue()))));
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve("serve-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
