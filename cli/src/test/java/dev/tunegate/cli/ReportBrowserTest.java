package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.io.Json;
import dev.tunegate.report.HtmlReport;
import dev.tunegate.server.HeadlessChromium;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens the HTML report of each shipped example in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; skipped when {@code /usr/bin/chromedriver} is absent) and checks that every chart
 * rendered with data, that the page raised no script error, and that hostile text stays text. Screenshots go
 * to {@code cli/target/screenshots/<example>.png}.
 */
class ReportBrowserTest {
    static final Path SCREENSHOTS = Path.of("cli", "target", "screenshots");

    static HeadlessChromium chromium;
    static ChromeDriver driver;

    @TempDir
    Path tmp;

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

    @ParameterizedTest
    @ValueSource(strings = {"ticket-routing", "policy-qa", "support-kb"})
    void theReportOfEachExampleDrawsEveryChartWithoutAScriptError(String name) throws IOException {
        Path ws = AssessEndToEndTest.copyExample(name, tmp);
        Path page = tmp.resolve(name + ".html");
        CliRun run = CliRun.of("report", ws.toString(), "-o", page.toString(), "--as-of", "2026-04-01");
        assertThat(run.exitCode()).as(run.err()).isZero();

        open(page);
        assertNoScriptErrors();
        List<Long> points = pointsPerChart();
        Object specs = ((JavascriptExecutor) driver)
                .executeScript("return JSON.parse(document.getElementById('tg-data').textContent).charts.length");
        assertThat(points).as("one canvas per chart of the page").hasSize(((Number) specs).intValue());
        assertThat(points).as("every canvas has a Chart with data").allSatisfy(n -> assertThat(n)
                .isPositive());
        if (points.isEmpty())
            assertThat(driver.findElements(By.className("missing")))
                    .as("sections say which artifact would fill them")
                    .isNotEmpty();
        assertThat(driver.findElement(By.id("decision")).getText()).isNotBlank();
        assertThat(driver.findElement(By.id("provenance")).getText()).contains("sha256");
        screenshot(name);

        // printable: under print media the page keeps every chart and raises no error
        driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", "print"));
        ((JavascriptExecutor) driver)
                .executeScript("Object.values(Chart.instances).forEach(function (c) { c.resize(); });");
        assertNoScriptErrors();
        assertThat(pointsPerChart()).hasSize(points.size());
        File print = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(
                print.toPath(),
                SCREENSHOTS.resolve(name + "-print.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", ""));
    }

    @Test
    void hostileTextInTheRecordsShowsAsTextAndCannotEndTheChartDataScript() throws IOException {
        String golden = Files.readString(Path.of("cli/src/test/resources/golden/ticket-routing.assess.json"));
        ObjectNode decision = (ObjectNode) Json.mapper().readTree(golden);
        String hostile = "</script><script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";
        decision.putObject("reports");
        ObjectNode evals = ((ObjectNode) decision.get("reports")).putObject("evals");
        ArrayNode its = evals.putArray("iterations");
        for (int i = 0; i < 3; i++) {
            ObjectNode it = its.addObject();
            it.put("name", i == 1 ? hostile : "v" + i);
            it.put("accuracy", 0.7 + i * 0.05)
                    .put("low", 0.65 + i * 0.05)
                    .put("high", 0.75 + i * 0.05)
                    .put("accuracyMethod", "Wilson score 95%");
        }
        ObjectNode audit = ((ObjectNode) decision.get("reports")).putObject("audit");
        audit.put("file", "data/train.jsonl").put("rows", 10).put("approvedRows", 6);
        audit.putArray("findings")
                .addObject()
                .put("kind", "conflict")
                .put("file", "data/train.jsonl")
                .put("line", 3)
                .put("message", "row text: <script>window.__pwned=3</script>");
        decision.withArray("/reasons").add(hostile);
        Path page = tmp.resolve("hostile.html");
        Files.writeString(page, HtmlReport.render(decision, (JsonNode) null));

        open(page);
        assertNoScriptErrors();
        assertThat(((JavascriptExecutor) driver).executeScript("return typeof window.__pwned"))
                .isEqualTo("undefined");
        assertThat(driver.findElement(By.id("examples")).getText()).contains("<script>window.__pwned=3</script>");
        assertThat(driver.findElement(By.id("decision")).getText())
                .contains("</script><script>window.__pwned=1</script>");
        assertThat(pointsPerChart()).hasSize(2).allSatisfy(n -> assertThat(n).isPositive());
        Object label = ((JavascriptExecutor) driver)
                .executeScript("return Chart.getChart(document.getElementById('chart-accuracy')).data.labels[1]");
        assertThat(label).isEqualTo(hostile);
        screenshot("hostile");
    }

    private static void open(Path page) {
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(page.toUri().toString());
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> Boolean.TRUE.equals(
                        ((JavascriptExecutor) d).executeScript("return window.__tgChartsReady === true")));
    }

    private static void assertNoScriptErrors() {
        Object errors = ((JavascriptExecutor) driver).executeScript("return window.__tgErrors");
        assertThat((List<?>) errors).as("window.onerror").isEmpty();
        List<String> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
        assertThat(severe).as("browser log").isEmpty();
    }

    /** Per canvas: the non-null data points of its Chart instance, -1 when the canvas has no chart. */
    @SuppressWarnings("unchecked")
    private static List<Long> pointsPerChart() {
        Object r = ((JavascriptExecutor) driver)
                .executeScript("return Array.from(document.querySelectorAll('canvas')).map(function (c) {"
                        + "  var ch = Chart.getChart(c); if (!ch) return -1;"
                        + "  return ch.data.datasets.reduce(function (n, d) { return n + d.data.filter(function (v) { return v !== null; }).length; }, 0);"
                        + "});");
        return ((List<Object>) r).stream().map(o -> ((Number) o).longValue()).toList();
    }

    private static void screenshot(String name) throws IOException {
        Object h =
                ((JavascriptExecutor) driver).executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        int height = (int) Math.min(16_000, ((Number) h).longValue());
        driver.manage().window().setSize(new Dimension(1280, height));
        ((JavascriptExecutor) driver)
                .executeScript("Object.values(Chart.instances).forEach(function (c) { c.resize(); });");
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(
                shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        File charts = driver.findElement(By.id("charts")).getScreenshotAs(OutputType.FILE);
        Files.copy(
                charts.toPath(),
                SCREENSHOTS.resolve(name + "-charts.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        File examples = driver.findElement(By.id("examples")).getScreenshotAs(OutputType.FILE);
        Files.copy(
                examples.toPath(),
                SCREENSHOTS.resolve(name + "-examples.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
