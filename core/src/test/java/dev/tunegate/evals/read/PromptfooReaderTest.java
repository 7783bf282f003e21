package dev.tunegate.evals.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tunegate.evals.EvalRecord;
import dev.tunegate.evals.Findings;
import dev.tunegate.io.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptfooReaderTest {
    @TempDir
    Path dir;

    /** A trimmed `promptfoo eval -o results.json` (version 3 layout): two prompts, one provider. */
    private static final String RESULTS = """
            {
              "evalId": "eval-abc",
              "results": {
                "version": 3,
                "timestamp": "2025-04-01T09:00:00.000Z",
                "prompts": [{"label": "v1"}, {"label": "v2"}],
                "results": [
                  {
                    "promptIdx": 0, "testIdx": 0,
                    "prompt": {"raw": "Route: {{ticket}}", "label": "v1"},
                    "provider": {"id": "openai:gpt-4o-mini", "label": ""},
                    "vars": {"ticket": "refund please", "expected": "billing"},
                    "testCase": {"vars": {"ticket": "refund please", "expected": "billing"}, "assert": [{"type": "equals", "value": "billing"}], "metadata": {"slice": "emea"}},
                    "response": {"output": "account", "finishReason": "stop", "tokenUsage": {"total": 120}},
                    "success": false, "score": 0, "latencyMs": 640, "cost": 0.0004,
                    "gradingResult": {"pass": false, "score": 0, "reason": "Expected billing"}
                  },
                  {
                    "promptIdx": 1, "testIdx": 0,
                    "prompt": {"raw": "Route carefully: {{ticket}}", "label": "v2"},
                    "provider": {"id": "openai:gpt-4o-mini"},
                    "vars": {"ticket": "refund please", "expected": "billing"},
                    "testCase": {"vars": {"ticket": "refund please", "expected": "billing"}},
                    "response": {"output": "billing"},
                    "success": true, "score": 1, "latencyMs": 580
                  }
                ],
                "stats": {"successes": 1, "failures": 1}
              },
              "config": {}
            }
            """;

    @Test
    void each_prompt_is_a_run_and_the_fields_map_onto_records_with_their_lines() throws Exception {
        Path f = dir.resolve("results.json");
        Files.writeString(f, RESULTS);
        List<EvalRecord> records = EvalReaders.read(f, "results.json", EvalFormat.AUTO, Map.of(), new Findings());
        assertThat(records).hasSize(2);
        EvalRecord a = records.get(0), b = records.get(1);
        assertThat(a.run()).isEqualTo("results#v1");
        assertThat(b.run()).isEqualTo("results#v2");
        assertThat(a.iteration()).isEqualTo(0L);
        assertThat(a.item()).isEqualTo(b.item()).startsWith("vars:");
        assertThat(a.passed()).isFalse();
        assertThat(a.expected()).isEqualTo("billing");
        assertThat(a.output()).isEqualTo("account");
        assertThat(a.tokens()).isEqualTo(120L);
        assertThat(a.costUsd()).isEqualTo(0.0004);
        assertThat(a.tags()).containsEntry("slice", "emea");
        assertThat(a.line()).isEqualTo(8); // the line of the result object's opening brace
        assertThat(b.passed()).isTrue();
    }

    @Test
    void a_result_without_success_or_a_grading_pass_takes_its_outcome_from_its_score() throws Exception {
        Path f = dir.resolve("results.json");
        Files.writeString(f, """
                {"evalId": "e", "results": {"results": [
                  {"promptIdx": 0, "testIdx": 0, "vars": {"ticket": "refund"}, "response": {"output": "billing"},
                   "score": 0.75}
                ]}}
                """);
        List<EvalRecord> records = EvalReaders.read(f, "results.json", EvalFormat.AUTO, Map.of(), new Findings());
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.passed()).isNull();
            assertThat(r.score()).isEqualTo(0.75);
        });
    }

    @Test
    void a_json_file_without_results_is_invalid_input() throws Exception {
        Path f = dir.resolve("other.json");
        Files.writeString(f, "{\n  \"evalId\": \"x\",\n  \"config\": {}\n}\n");
        assertThatThrownBy(() -> EvalReaders.read(f, "other.json", EvalFormat.AUTO, Map.of(), new Findings()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("results.results");
    }
}
