package dev.tunegate.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tunegate.policy.Policy;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final Set<String> THRESHOLDS =
            Policy.standard().thresholdDefinitions().keySet();

    private static Map<String, ConfigLoader.ConfigValue> parse(String yaml) {
        return ConfigLoader.parse("tunegate.yaml", yaml, THRESHOLDS);
    }

    private static String problems(String yaml) {
        try {
            parse(yaml);
            return "";
        } catch (ConfigException e) {
            return String.join("\n", e.problems());
        }
    }

    @Test
    void aValidConfigIsTypedAndDefaultsAreFilledIn() {
        var v = parse("""
                useCase:
                  name: demo
                  taskType: routing
                traffic:
                  callsPerDay: 20000
                retrieval:
                  k: 10
                """);
        assertThat(v.get("useCase.name").value()).isEqualTo("demo");
        assertThat(v.get("useCase.name").line()).isEqualTo(2);
        assertThat(v.get("traffic.callsPerDay").value()).isEqualTo(20000.0);
        assertThat(v.get("retrieval.k").value()).isEqualTo(10L);
        assertThat(v.get("useCase.describableAsPairs").value()).isEqualTo(true);
        assertThat(v.get("useCase.describableAsPairs").line()).isZero();
    }

    @Test
    void anUnknownKeyNamesItsLineAndSuggestsTheClosestValidKey() {
        assertThat(problems("""
                useCase:
                  name: demo
                  taskType: routing
                data:
                  trian: data/train.jsonl
                """))
                .isEqualTo(
                        "tunegate.yaml:5: unknown key \"data.trian\" (did you mean \"data.train\"?); allowed keys in data: "
                                + "train, format, columns, golden, labelingPipeline, currentEras, retiredEras, reviewQueue, semantic");
    }

    @Test
    void aWrongTypeSaysWhatWasExpectedAndWhatWasFound() {
        assertThat(problems("""
                useCase:
                  name: demo
                  taskType: routing
                data:
                  labelingPipeline: maybe
                retrieval:
                  k: 0
                """))
                .contains("tunegate.yaml:5: key \"data.labelingPipeline\": expected true or false, found \"maybe\"")
                .contains("tunegate.yaml:7: key \"retrieval.k\": expected an integer ≥ 1 ≤ 1000, found the number 0");
    }

    @Test
    void aSingleValueForAListKeyIsRefusedNotTakenAsAOneElementList() {
        // every list-typed key of the schema, each given one value: each is a problem at its own line
        String p = problems("""
                useCase:
                  name: demo
                  taskType: routing
                evals:
                  labels: data/categories.json
                  history: evals/history.jsonl
                data:
                  currentEras: 2026
                """);
        assertThat(p)
                .contains("tunegate.yaml:5: key \"evals.labels\": expected a list of strings, found a single value,"
                        + " \"data/categories.json\" (write a list as [a, b], or one \"- a\" line per value)")
                .contains("tunegate.yaml:6: key \"evals.history\": expected a list of paths relative to the workspace,"
                        + " found a single value, \"evals/history.jsonl\"")
                .contains("tunegate.yaml:8: key \"data.currentEras\": expected a list of strings, found a single"
                        + " value, the number 2026");
        // the list forms still read
        assertThat(parse("""
                        useCase:
                          name: demo
                          taskType: routing
                        evals:
                          labels: [billing, account]
                          history:
                            - evals/history.jsonl
                        """).get("evals.labels").value()).isEqualTo(java.util.List.of("billing", "account"));
    }

    @Test
    void aMissingRequiredKeyIsReported() {
        assertThat(problems("""
                useCase:
                  name: demo
                """)).startsWith("tunegate.yaml:2: missing required key \"useCase.taskType\"");
    }

    @Test
    void aChoiceOutsideItsValuesSuggestsTheClosest() {
        assertThat(problems("""
                useCase:
                  name: demo
                  taskType: clasification
                """))
                .contains(
                        "tunegate.yaml:3: key \"useCase.taskType\": expected one of classification, extraction, routing, "
                                + "summarization, generation, question-answering, other, found \"clasification\" (did you mean \"classification\"?)");
    }

    @Test
    void anUnknownThresholdIsReportedWithTheClosestName() {
        assertThat(problems("""
                useCase: {name: demo, taskType: routing}
                policy:
                  thresholds:
                    FT-DATA.minReviewedPair: 300
                """))
                .contains(
                        "tunegate.yaml:4: unknown threshold \"policy.thresholds.FT-DATA.minReviewedPair\" (did you mean \"FT-DATA.minReviewedPairs\"?)");
    }

    @Test
    void aRequiredKeyLeftEmptyIsReportedOnItsOwnLine() {
        // each was reported on the line of the section's first key with a value: name on taskType's line and back
        assertThat(problems("useCase:\n  # the name\n  name:\n  # the type\n  taskType: routing\n"))
                .startsWith(
                        "tunegate.yaml:3: missing required key \"useCase.name\" (a string, written here without a value)");
        assertThat(problems("useCase:\n  # the name\n  name: b77\n  # the type\n  taskType:\n"))
                .startsWith("tunegate.yaml:5: missing required key \"useCase.taskType\"");
    }

    /** A required key with a wrong value is one problem (the value), not also "missing". */
    @Test
    void aRequiredKeyWithAWrongValueIsReportedOnceAsWrong() {
        String problems = problems("useCase:\n  name: x\n  taskType: clasification\n");
        assertThat(problems).contains("tunegate.yaml:3: key \"useCase.taskType\": expected one of classification");
        assertThat(problems).doesNotContain("missing required key");
        assertThat(problems("useCase:\n  name: x\n  taskType:\n"))
                .contains("missing required key \"useCase.taskType\"");
    }

    @Test
    void invalidYamlAndEmptyFilesGiveOneLine() {
        assertThatThrownBy(() -> parse("useCase: [unclosed\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("tunegate.yaml:2: invalid YAML");
        assertThat(problems("")).contains("the file is empty");
    }

    @Test
    void theInitTemplateLoadsAsIsAndMentionsEveryKey() {
        String template = ConfigTemplate.render(Policy.standard().defaults());
        var v = parse(template);
        assertThat(v.get("useCase.taskType").value()).isEqualTo("classification");
        for (var leaf : ConfigSchema.leaves()) {
            String key = leaf.getKey().substring(leaf.getKey().lastIndexOf('.') + 1);
            assertThat(template).as(leaf.getKey()).contains(key + ":");
        }
        assertThat(template).contains("FT-DATA.minReviewedPairs: 200").contains("Feeds: NO-DATA");
    }
}
