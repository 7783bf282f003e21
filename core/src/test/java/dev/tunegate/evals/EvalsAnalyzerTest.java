package dev.tunegate.evals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.AnalyzerResult;
import dev.tunegate.analysis.Progress;
import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.evidence.Measure;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalsAnalyzerTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes a history of {@code passing.length} iterations of 100 items; failures answer {@code wrong}. */
    private void history(int[] passing, String wrong) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int it = 0; it < passing.length; it++) {
            for (int j = 0; j < 100; j++) {
                boolean pass = j < passing[it];
                String exp = j % 2 == 0 ? "billing" : "account";
                String out = pass ? exp : exp.equals("billing") ? wrong : "technical";
                b.append(JSON.writeValueAsString(Map.of(
                                "run",
                                "v" + (it + 1),
                                "iteration",
                                it + 1,
                                "item",
                                "i" + j,
                                "passed",
                                pass,
                                "expected",
                                exp,
                                "output",
                                out)))
                        .append('\n');
            }
        }
        Files.createDirectories(dir.resolve("evals"));
        Files.writeString(dir.resolve("evals/history.jsonl"), b.toString());
    }

    private AnalyzerResult run(String extraConfig, Map<String, Double> overrides) throws Exception {
        Files.writeString(dir.resolve("tunegate.yaml"), """
                useCase:
                  name: t
                  taskType: routing
                evals:
                  history: [evals/history.jsonl]
                  labels: [billing, account, technical]
                """ + extraConfig);
        Policy policy = Policy.standard();
        Workspace ws = Workspace.open(dir, policy.thresholdDefinitions().keySet());
        EvalsAnalyzer a = new EvalsAnalyzer();
        assertThat(a.applies(ws)).isTrue();
        return a.analyze(
                ws, new AnalysisContext(EvidenceSet.empty(), policy.thresholds(overrides), Progress.SILENT, 1));
    }

    private static Object value(AnalyzerResult r, Measure m) {
        return r.evidence().stream()
                .filter(e -> e.measure() == m)
                .findFirst()
                .map(Evidence::value)
                .orElse(null);
    }

    @Test
    void a_plateau_with_a_recurring_confusion_yields_the_ft_plateau_measures() throws Exception {
        // 60, 80, 80, 80, 80 of 100 (nested passes): the last three gain 0 points over v2 (McNemar p = 1).
        // The 20 failures are items 80..99: even ones are billing answered "account" (10), odd ones account
        // answered "technical" (10): the top is tied, so no class recurs and the share is 0.
        history(new int[] {60, 80, 80, 80, 80}, "account");
        AnalyzerResult tied = run("", Map.of());
        assertThat(value(tied, Measure.EVAL_ITERATIONS)).isEqualTo(5.0);
        assertThat(value(tied, Measure.ITERATIONS_WITHOUT_GAIN)).isEqualTo(3.0);
        assertThat(value(tied, Measure.RECURRING_ERROR_SHARE)).isEqualTo(0.0);
        assertThat(value(tied, Measure.RECURRING_ERROR_CLASS)).isNull();
        assertThat(value(tied, Measure.FORMAT_ERROR_SHARE)).isEqualTo(0.0);
        assertThat(tied.inputs()).singleElement().satisfies(i -> {
            assertThat(i.path()).isEqualTo("evals/history.jsonl");
            assertThat(i.sha256()).hasSize(64);
        });
    }

    @Test
    void the_recurring_class_and_its_share_become_evidence_and_the_report_serialises_to_the_contract()
            throws Exception {
        StringBuilder b = new StringBuilder();
        for (int it = 0; it < 4; it++) {
            for (int j = 0; j < 100; j++) {
                boolean pass = j < 75;
                // 25 failures: 15 billing→account, 10 technical→account.
                String exp = pass ? "billing" : j < 90 ? "billing" : "technical";
                String out = pass ? exp : "account";
                b.append(JSON.writeValueAsString(Map.of(
                                "run",
                                "v" + (it + 1),
                                "iteration",
                                it + 1,
                                "item",
                                "i" + j,
                                "passed",
                                pass,
                                "expected",
                                exp,
                                "output",
                                out)))
                        .append('\n');
            }
        }
        Files.createDirectories(dir.resolve("evals"));
        Files.writeString(dir.resolve("evals/history.jsonl"), b.toString());
        AnalyzerResult r = run("  seed: 7\n", Map.of());
        assertThat(value(r, Measure.ITERATIONS_WITHOUT_GAIN)).isEqualTo(3.0);
        assertThat(value(r, Measure.RECURRING_ERROR_CLASS)).isEqualTo("WRONG_LABEL billing→account");
        assertThat((Double) value(r, Measure.RECURRING_ERROR_SHARE)).isCloseTo(0.6, within(1e-12));

        JsonNode json = JSON.valueToTree(r.report());
        assertThat(json.get("seed").asLong()).isEqualTo(7);
        assertThat(json.get("plateau").isBoolean()).isTrue();
        assertThat(json.get("plateau").asBoolean()).isTrue();
        assertThat(json.get("recurringErrorClass").get("name").asText()).isEqualTo("WRONG_LABEL billing→account");
        JsonNode first = json.get("iterations").get(0);
        assertThat(first.get("accuracy").asDouble()).isEqualTo(0.75);
        assertThat(first.has("low")).isTrue();
        assertThat(first.has("high")).isTrue();
        assertThat(first.get("errorClasses").get("WRONG_LABEL").get("count").asInt())
                .isEqualTo(25);
        assertThat(json.get("plateauEvidence").get("comparisons")).hasSize(3);
    }

    @Test
    void the_plateau_window_follows_the_policy_threshold_override() throws Exception {
        history(new int[] {60, 80, 80, 80, 80}, "account");
        AnalyzerResult r = run("", Map.of("FT-PLATEAU.minIterations", 4.0));
        JsonNode json = JSON.valueToTree(r.report());
        assertThat(json.get("plateau").asBoolean()).isFalse();
        assertThat(json.get("parameters").get("minIterations").asInt()).isEqualTo(4);
    }

    @Test
    void an_output_schema_makes_non_conforming_outputs_format_errors() throws Exception {
        Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(dir.resolve("schemas/out.json"), """
                {"type":"object","required":["queue"],"properties":{"queue":{"enum":["billing","account"]}},"additionalProperties":false}
                """);
        Files.createDirectories(dir.resolve("evals"));
        Files.writeString(
                dir.resolve("evals/history.jsonl"),
                String.join(
                        "\n",
                        "{\"run\":\"v1\",\"item\":\"a\",\"passed\":true,\"expected\":{\"queue\":\"billing\"},\"output\":{\"queue\":\"billing\"}}",
                        "{\"run\":\"v1\",\"item\":\"b\",\"passed\":false,\"expected\":{\"queue\":\"billing\"},\"output\":{\"queue\":\"billing\",\"note\":\"x\"}}",
                        "{\"run\":\"v1\",\"item\":\"c\",\"passed\":false,\"expected\":{\"queue\":\"billing\"},\"output\":\"billing\"}",
                        "{\"run\":\"v1\",\"item\":\"d\",\"passed\":false,\"expected\":{\"queue\":\"billing\"},\"output\":{\"queue\":\"account\"}}",
                        ""));
        AnalyzerResult r = run("requirements:\n  outputSchema: schemas/out.json\n", Map.of());
        // b: extra property fails the schema; c: not an object; d: conforms, one label field differs.
        assertThat((Double) value(r, Measure.FORMAT_ERROR_SHARE)).isCloseTo(2 / 3.0, within(1e-12));
        EvalsReport report = (EvalsReport) r.report();
        assertThat(report.iterations().get(0).confusions())
                .singleElement()
                .isEqualTo(new EvalsReport.Confusion("billing", "account", 1, 1 / 3.0));
    }

    @Test
    void the_documented_schema_accepts_a_native_line_and_rejects_one_without_an_item() throws Exception {
        Path schemaFile = Path.of("..", "docs", "formats", "eval-results.schema.json");
        JsonSchema schema = EvalsAnalyzer.loadSchema(schemaFile, "eval-results.schema.json");
        JsonNode ok = JSON.readTree(
                "{\"run\":\"v1\",\"iteration\":1,\"item\":\"a\",\"passed\":true,\"tags\":{\"era\":\"2026\"}}");
        JsonNode noItem = JSON.readTree("{\"run\":\"v1\",\"passed\":true}");
        JsonNode noOutcome = JSON.readTree("{\"item\":\"a\",\"output\":\"x\"}");
        assertThat(schema.validate(ok)).isEmpty();
        assertThat(schema.validate(noItem)).isNotEmpty();
        assertThat(schema.validate(noOutcome)).isNotEmpty();
    }
}
