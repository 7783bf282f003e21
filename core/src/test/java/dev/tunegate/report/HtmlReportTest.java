package dev.tunegate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.io.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";

    static ObjectNode decision() {
        ObjectNode d = F.objectNode();
        d.put("id", "0001")
                .put("date", "2026-01-15")
                .put("label", "IMPROVE_PROMPT")
                .put("summary", "Keep improving the prompt.");
        d.putObject("useCase").put("name", "demo");
        d.putArray("reasons").add("reason one").add(HOSTILE);
        d.putArray("rules")
                .addObject()
                .put("id", "FT-DATA")
                .put("verdict", "FIRED")
                .put("sentence", "Enough <pairs> & more");
        ObjectNode reports = d.putObject("reports");
        ObjectNode evals = reports.putObject("evals");
        evals.put("plateau", true);
        var its = evals.putArray("iterations");
        its.addObject().put("name", "v1").put("accuracy", 0.70).put("low", 0.65).put("high", 0.75);
        its.addObject()
                .put("name", HOSTILE)
                .put("accuracy", 0.74)
                .put("low", 0.69)
                .put("high", 0.79);
        evals.putObject("plateauEvidence")
                .putArray("comparisons")
                .addObject()
                .put("iteration", HOSTILE)
                .put("gain", false);
        ObjectNode audit = reports.putObject("audit");
        audit.put("file", "data/train.jsonl")
                .put("rows", 10)
                .put("approvedRows", 4)
                .put("goldRows", 2);
        audit.putArray("findings")
                .addObject()
                .put("kind", "conflict")
                .put("file", "data/train.jsonl")
                .put("line", 7)
                .put("message", "<script>steal()</script>");
        ObjectNode prov = d.putObject("provenance");
        prov.put("tool", "tunegate").put("toolVersion", "0.1.0");
        prov.putArray("inputs").addObject().put("path", "data/train.jsonl").put("sha256", "abc123");
        prov.putObject("config").put("useCase.name", "<b>demo</b>");
        return d;
    }

    @Test
    void userTextIsEscapedEverywhereInTheMarkup() {
        String html = HtmlReport.render(decision(), null);
        String markup = html.substring(0, html.indexOf("<script type=\"application/json\""));
        assertThat(markup)
                .doesNotContain("<script>alert")
                .doesNotContain("<script>steal")
                .doesNotContain("<img src=x")
                .doesNotContain("<b>demo");
        assertThat(markup)
                .contains("&lt;script&gt;steal()&lt;/script&gt;")
                .contains("Enough &lt;pairs&gt; &amp; more")
                .contains("&lt;b&gt;demo&lt;/b&gt;");
    }

    @Test
    void theChartDataCannotEndItsScriptElementAndStillParsesBackToTheSameStrings() throws Exception {
        String html = HtmlReport.render(decision(), null);
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"tg-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).isTrue();
        String data = m.group(1);
        assertThat(data).doesNotContain("<").doesNotContain(">").contains("\\u003c/script\\u003e");
        JsonNode parsed = Json.mapper().readTree(data);
        assertThat(parsed.at("/charts/0/data/labels/1").textValue()).isEqualTo(HOSTILE);
        assertThat(HtmlReport.safeJson(F.textNode("a\u2028b & </script>")))
                .isEqualTo("\"a\\u2028b \\u0026 \\u003c/script\\u003e\"");
    }

    @Test
    void thePageIsSelfContainedWithChartJsInlinedAndItsLicenceHeaderKept() {
        String html = HtmlReport.render(decision(), null);
        assertThat(html).contains("Chart.js v4.4.7").contains("Released under the MIT License");
        assertThat(html)
                .doesNotContainPattern("(?i)<script[^>]+src=")
                .doesNotContainPattern("(?i)<link[^>]+href=")
                .doesNotContain("http://")
                .doesNotContainPattern("(?i)@import");
        assertThat(html).contains("@media print");
    }

    @Test
    void aSectionWhoseEvidenceIsMissingNamesTheArtifactThatWouldFillIt() {
        String html = HtmlReport.render(decision(), null);
        assertThat(html)
                .contains("No cost series: configure <code>traffic.callsPerDay</code>")
                .contains("No retrieval audit: set <code>retrieval.corpus</code>")
                .contains("No pilot record: configure <code>pilot.checkpoints</code>");
        assertThat(html)
                .contains("id=\"chart-accuracy\"")
                .contains("id=\"chart-composition\"")
                .doesNotContain("id=\"chart-cost\"");
    }

    @Test
    void thePlateauIsMarkedOnTheIterationsWithoutGain() throws Exception {
        String html = HtmlReport.render(decision(), null);
        Matcher m =
                Pattern.compile("id=\"tg-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).isTrue();
        JsonNode chart = Json.mapper().readTree(m.group(1)).at("/charts/0");
        JsonNode plateau = chart.at("/data/datasets/3");
        assertThat(plateau.path("label").textValue()).isEqualTo("plateau: no significant gain");
        assertThat(plateau.path("data").get(0).isNull()).isTrue();
        assertThat(plateau.path("data").get(1).asDouble()).isEqualTo(0.74);
    }

    @Test
    void aClustersFigureIsSaidToBeExactOrAnEstimate() {
        // real report records, not hand-typed nodes: renaming a field of ClusterSample fails here
        ObjectNode d = decision();
        ((ObjectNode) d.path("reports").path("audit"))
                .set(
                        "largestClusters",
                        Json.mapper()
                                .valueToTree(java.util.List.of(
                                        new dev.tunegate.audit.AuditReport.ClusterSample(
                                                2, 0.857, true, java.util.List.of(2, 3)),
                                        new dev.tunegate.audit.AuditReport.ClusterSample(
                                                3, 0.81, false, java.util.List.of(4, 5, 9)))));
        String html = HtmlReport.render(d, null);
        assertThat(html)
                .contains("<th>lowest Jaccard</th>")
                .containsPattern("<td class=\"num\">0\\.857 \\(exact\\)</td><td>2, 3</td>")
                .containsPattern("<td class=\"num\">0\\.81 \\(estimate\\)</td><td>4, 5, 9</td>");
    }

    @Test
    void theEvalsFindingsRenderFromTheOneFindingShape() {
        // a real evals finding (the shape the evals' JSON writes), not a hand-typed node: renaming a field of
        // evidence.Finding blanks this list and fails here
        dev.tunegate.evals.Findings found = new dev.tunegate.evals.Findings();
        found.add("runs/v2.csv", 11, dev.tunegate.evals.EvalRowIssue.MALFORMED_ROW, "3 cells, expected 5");
        found.add("runs/v2.csv", 14, dev.tunegate.evals.EvalRowIssue.MALFORMED_ROW, "2 cells, expected 5");
        ObjectNode d = decision();
        ((ObjectNode) d.path("reports").path("evals"))
                .set("findings", Json.mapper().valueToTree(found.snapshot()));
        String html = HtmlReport.render(d, null);
        assertThat(html)
                .contains("<code>runs/v2.csv:11, 14</code> MALFORMED_ROW malformed row: 3 cells, expected 5 (2 rows)");
    }
}
