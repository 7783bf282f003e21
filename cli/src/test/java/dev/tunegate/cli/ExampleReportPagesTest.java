package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunegate.io.Json;
import dev.tunegate.report.HtmlReport;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HTML page rendered from the real records of the examples (the reviewed golden records, which
 * {@code GoldenFilesTest} keeps equal to what {@code assess} writes): every chart a section's report feeds
 * is drawn and carries numbers, so renaming a field of a report blanks no chart with the tests green.
 */
class ExampleReportPagesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "policy-qa, chart-accuracy chart-cost chart-composition chart-recall",
        "ticket-routing, chart-accuracy chart-cost chart-composition chart-recall",
        "support-kb, chart-composition chart-recall" // its cost report has an empty series (no lines): the page says so
    })
    void everyChartOfAnExampleRecordIsDrawnWithNumbers(String example, String charts) throws IOException {
        JsonNode record;
        try (InputStream in = ExampleReportPagesTest.class.getResourceAsStream("/golden/" + example + ".assess.json")) {
            record = Json.mapper().readTree(in);
        }
        String html = HtmlReport.render(record, null);
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"tg-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).isTrue();
        List<String> drawn = new ArrayList<>();
        for (JsonNode chart : Json.mapper().readTree(m.group(1)).path("charts")) {
            String id = chart.path("id").asText();
            drawn.add(id);
            long numbers = 0;
            for (JsonNode ds : chart.path("data").path("datasets")) {
                for (JsonNode v : ds.path("data"))
                    if (v.isNumber() || v.path("y").isNumber()) numbers++;
            }
            assertThat(numbers).as("numbers in %s of %s", id, example).isPositive();
        }
        assertThat(drawn).as("charts of %s", example).contains(charts.split(" "));
        if (record.path("reports").has("evals")) {
            // one accuracy point per iteration of the record: none lost to a renamed field
            JsonNode iterations = record.at("/reports/evals/iterations");
            assertThat(html).doesNotContain("No eval history");
            assertThat(accuracyPoints(m.group(1))).isEqualTo(iterations.size());
        }
        assertThat(html).doesNotContain("No dataset audit: set").doesNotContain("No retrieval audit: set");
        if (charts.contains("chart-cost")) assertThat(html).doesNotContain("No cost series");
    }

    /** The worst examples: a finding at a line shows that line only; a group found across rows lists its rows. */
    @org.junit.jupiter.api.Test
    void aFindingAtALineIsNotAlsoGivenRowIndexesThatContradictIt() throws IOException {
        JsonNode record;
        try (InputStream in = ExampleReportPagesTest.class.getResourceAsStream("/golden/policy-qa.assess.json")) {
            record = Json.mapper().readTree(in);
        }
        String html = HtmlReport.render(record, null);
        String list = html.substring(
                html.indexOf("<ul class=\"examples\">"),
                html.indexOf("</ul>", html.indexOf("<ul class=\"examples\">")));
        int atLine = 0, grouped = 0;
        for (String li : list.split("<li>")) {
            if (!li.contains("<code>")) continue;
            String where = li.substring(li.indexOf("<code>") + 6, li.indexOf("</code>"));
            if (where.matches(".*:\\d.*")) {
                atLine++;
                assertThat(li).as(where).doesNotContain(">rows ");
            } else {
                grouped++;
                assertThat(li).as(where).contains(">rows ");
            }
        }
        assertThat(atLine).isPositive();
        assertThat(grouped).isPositive();
    }

    private static long accuracyPoints(String data) throws IOException {
        for (JsonNode chart : Json.mapper().readTree(data).path("charts")) {
            if (!chart.path("id").asText().equals("chart-accuracy")) continue;
            JsonNode values = chart.at("/data/datasets/2/data");
            long n = 0;
            for (JsonNode v : values) if (v.isNumber()) n++;
            return n;
        }
        return -1;
    }
}
