package dev.tunegate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.AnalyzerResult;
import dev.tunegate.analysis.Progress;
import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.evidence.Measure;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditAnalyzerTest {
    @TempDir
    Path dir;

    private Map<Measure, Object> measures(AnalyzerResult r) {
        return r.evidence().stream().collect(Collectors.toMap(Evidence::measure, Evidence::value));
    }

    private AnalyzerResult analyze(String yaml) {
        Fixtures.write(dir, "tunegate.yaml", yaml);
        Workspace ws =
                Workspace.open(dir, Policy.standard().thresholdDefinitions().keySet());
        AuditAnalyzer a = new AuditAnalyzer();
        assertThat(a.applies(ws)).isTrue();
        Policy p = Policy.standard();
        return a.analyze(ws, new AnalysisContext(EvidenceSet.empty(), p.thresholds(Map.of()), Progress.SILENT, 2));
    }

    @Test
    void aCsvWorkspaceYieldsTheDatasetMeasures() {
        Fixtures.write(dir, "train.csv", """
                text,category,status,provenance,era
                where is my card,card_arrival,approved,expert,2025
                Where is my card?,card_arrival,approved,expert,2025
                where is my card,lost_card,approved,expert,2025
                how do I top up,top_up,approved,gold,2025
                how do I top up by bank transfer,top_up,pending,llm_draft,2025
                what is the exchange rate today,exchange_rate,approved,expert,old
                can I get a refund,refund,approved,expert,2025
                """);
        Fixtures.write(dir, "golden.csv", "text,category\nhow do I top up?,top_up\nis my pin blocked,pin_blocked\n");
        AnalyzerResult r = analyze("""
                useCase:
                  name: cards
                  taskType: classification
                data:
                  train: train.csv
                  golden: golden.csv
                  columns: {input: text, output: category}
                  currentEras: ["2025"]
                  retiredEras: ["old"]
                """);
        Map<Measure, Object> m = measures(r);
        assertThat(m.get(Measure.DATASET_ROWS)).isEqualTo(7.0);
        assertThat(m.get(Measure.GOLD_ROWS)).isEqualTo(1.0);
        // rows 0–2 share the input "where is my card" with two outputs: one conflict group of 3 rows;
        // usable: row 3 (gold) and row 6 (approved); row 4 is a pending draft, row 5 retired.
        // FT-TASK over rows: 3 of the 6 candidates (current era, not rejected: rows 0–4 and 6) conflict = 0.5
        assertThat(m.get(Measure.LABEL_DISAGREEMENT_RATE)).isEqualTo(0.5);
        // FT-CONSISTENT: 3 of the 5 approved or gold current-era rows (0–3, 6) conflict = 0.6, in 1 group; resolving it
        // leaves 0
        assertThat(m.get(Measure.CONFLICT_ROW_SHARE)).isEqualTo(0.6);
        assertThat(m.get(Measure.CONFLICT_GROUPS)).isEqualTo(1.0);
        assertThat(m.get(Measure.CONFLICT_ROWS)).isEqualTo(3.0);
        assertThat(m.get(Measure.CONFLICT_GROUPS_TO_RESOLVE)).isEqualTo(1.0);
        assertThat(m.get(Measure.REVIEWED_PAIRS)).isEqualTo(2.0);
        assertThat(m.get(Measure.LEAKED_GOLDEN_ROWS)).isEqualTo(1.0);
        assertThat(m.get(Measure.OUTPUTS_STRUCTURED)).isEqualTo(false);
        assertThat(m).doesNotContainKey(Measure.OUTPUT_SCHEMA_CONFORMANCE);
        assertThat(m)
                .containsKeys(Measure.TRAINING_TOKENS, Measure.INPUT_TOKENS_PER_CALL, Measure.OUTPUT_TOKENS_PER_CALL);
        assertThat(r.inputs()).extracting(AnalyzerResult.InputFile::path).containsExactly("train.csv", "golden.csv");
        assertThat(r.report()).isInstanceOf(AuditReport.class);
    }

    @Test
    void jsonOutputsWithASchemaYieldConformance() {
        Fixtures.write(dir, "schema.json", """
                {"type": "object", "required": ["queue"], "properties": {"queue": {"enum": ["billing", "technical"]}}, "additionalProperties": false}
                """);
        Fixtures.write(
                dir,
                "train.jsonl",
                String.join(
                                "\n",
                                List.of(
                                        Fixtures.chat("refund please", "{\"queue\": \"billing\"}"),
                                        Fixtures.chat("app crashes", "{\"queue\": \"technical\"}"),
                                        Fixtures.chat("hello", "{\"queue\": \"sales\"}"),
                                        Fixtures.chat("bye", "{\"team\": \"billing\"}")))
                        + "\n");
        AnalyzerResult r = analyze("""
                useCase:
                  name: router
                  taskType: routing
                requirements:
                  outputSchema: schema.json
                data:
                  train: train.jsonl
                """);
        Map<Measure, Object> m = measures(r);
        assertThat(m.get(Measure.OUTPUTS_STRUCTURED)).isEqualTo(true);
        assertThat(m.get(Measure.OUTPUT_SCHEMA_CONFORMANCE)).isEqualTo(0.5); // 2 of 4 conform
        assertThat(m.get(Measure.LABEL_DISAGREEMENT_RATE)).isEqualTo(0.0); // no input repeats
        assertThat(m).doesNotContainKey(Measure.LEAKED_GOLDEN_ROWS);
        AuditReport report = (AuditReport) r.report();
        assertThat(report.outputs().schema().topViolations())
                .extracting(AuditReport.Counted::count)
                .containsOnly(1L);
        assertThat(report.outputs().inferred().driftingRows()).isEqualTo(1);
    }
}
