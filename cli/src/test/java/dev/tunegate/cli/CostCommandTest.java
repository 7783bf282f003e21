package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunegate.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tunegate cost} on the shipped examples, compared with reviewed golden files (regenerate
 * with {@code -Dtunegate.updateGolden=true} and read the diff).
 */
class CostCommandTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"ticket-routing", "policy-qa"})
    void theCostJsonOfEachExampleMatchesItsReviewedGoldenFile(String name) throws IOException {
        Path ws = AssessEndToEndTest.copyExample(name, tmp);
        CliRun run = CliRun.of("cost", ws.toString(), "--format", "json", "--as-of", "2026-01-15");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path golden = Path.of("cli/src/test/resources/golden", name + ".cost.json");
        if (Boolean.getBoolean("tunegate.updateGolden")) Files.writeString(golden, run.out());
        assertThat(run.out()).isEqualTo(Files.readString(golden));
    }

    @Test
    void theTextShowsTheLabelingAndEvaluationCostsBreakEvenWeighsAndExplainsTheOverlapMark() throws IOException {
        // policy-qa: 445 rows in data/train.jsonl (wc -l) × training.labelingCostPerRow 6.00 = $2,670.00, once;
        // training.evaluationCostUsd 4000 at every (re)training; LoRA's $0.42 training alone hid them
        Path ws = AssessEndToEndTest.copyExample("policy-qa", tmp);
        CliRun run = CliRun.of("cost", ws.toString(), "--as-of", "2026-01-15");
        assertThat(run.out())
                .contains("$2,670.00 labeling, once (training.labelingCostPerRow)")
                .contains("$4,000.00 evaluation (training.evaluationCostUsd)")
                // $0.42 training + $2,670.00 + $4,000.00: the JSON series' first LoRA point
                .contains("break-even weighs $6,670.42 up front ($0.42 training");
        // the chart draws '*' where lines overlap: the legend says so
        assertThat(run.out()).contains("|*").contains("\n  * = two or more of these lines at the same point");
    }

    @Test
    void anUnknownFigureIsNamedInWordsNotByItsFieldName() throws IOException {
        // support-kb's candidate has no context window: the text said "unknown contextFits: add …"
        Path ws = AssessEndToEndTest.copyExample("support-kb", tmp);
        CliRun cost = CliRun.of("cost", ws.toString(), "--as-of", "2026-01-15");
        assertThat(cost.out())
                .contains("whether a call fits the candidate model context window: add model.candidate.contextWindow")
                .doesNotContain("contextFits");
        CliRun assess = CliRun.of("assess", ws.toString(), "--no-write", "--as-of", "2026-01-15");
        assertThat(assess.out()).doesNotContain("contextFits");
    }

    @Test
    void theRouterBreaksEvenInWeeksAndThePolicyAssistantNever() throws IOException {
        JsonNode routing = Json.mapper()
                .readTree(CliRun.of(
                                "cost",
                                AssessEndToEndTest.copyExample("ticket-routing", tmp)
                                        .toString(),
                                "--format",
                                "json",
                                "--as-of",
                                "2026-01-15")
                        .out());
        JsonNode policy = Json.mapper()
                .readTree(CliRun.of(
                                "cost",
                                AssessEndToEndTest.copyExample("policy-qa", tmp).toString(),
                                "--format",
                                "json",
                                "--as-of",
                                "2026-01-15")
                        .out());
        assertThat(routing.get("breakEvenWeeks").asDouble()).isBetween(1.0, 13.0);
        assertThat(policy.get("breakEvenWeeks").isNull()).isTrue();
        assertThat(policy.get("breakEvenStatus").asText()).isEqualTo("never");
        for (JsonNode r : new JsonNode[] {routing, policy}) {
            assertThat(r.get("methods").get(0).has("trainingCostUsd")).isTrue();
            assertThat(r.at("/inference/beforeUsdPerWeek").isNumber()).isTrue();
            assertThat(r.get("contextFits").isBoolean()).isTrue();
            assertThat(r.get("sensitivity").size()).isPositive();
        }
    }

    @Test
    void theTextShowsTheBreakEvenAndAChart() throws IOException {
        CliRun run = CliRun.of(
                "cost", AssessEndToEndTest.copyExample("ticket-routing", tmp).toString(), "--as-of", "2026-01-15");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Break-even: ")
                .contains(" weeks with LoRA")
                .contains("Cumulative cost, weeks 0–52")
                .contains("T = today's prompt");
    }

    @Test
    void anUnknownModelExitsWithInvalidInputAndTheLine() throws IOException {
        Path ws = AssessEndToEndTest.copyExample("policy-qa", tmp);
        Path yaml = ws.resolve("tunegate.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("current: gpt-4o-mini", "current: gpt-9"));
        CliRun run = CliRun.of("cost", ws.toString());
        assertThat(run.exitCode()).isEqualTo(TunegateCommand.INVALID_INPUT);
        assertThat(run.err())
                .matches(
                        "(?s)error: tunegate\\.yaml:\\d+: field \"model\\.current\": expected an id of the price catalog .*found \"gpt-9\"\\n");
    }
}
