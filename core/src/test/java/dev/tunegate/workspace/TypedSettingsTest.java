package dev.tunegate.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypedSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void theSchemaIsWhereDefaultsAreWritten() {
        assertThat(ConfigSchema.defaultValue("pilot.nonInferiorityMargin")).isEqualTo(0.01);
        assertThat(ConfigSchema.defaultValue("pilot.weeks")).isEqualTo(6L);
        assertThat(ConfigSchema.defaultValue("pilot.qualityTarget")).isNull();
        assertThatThrownBy(() -> ConfigSchema.defaultValue("pilot.nope")).hasMessageContaining("pilot.nope");
    }

    @Test
    void aSectionTheFileDoesNotSetTakesTheSchemasDefaults() {
        PilotSettings p = Workspace.of(tmp, Map.of()).pilot();
        assertThat(p.weeks()).isEqualTo(6);
        assertThat(p.minCalls()).isEqualTo(10_000L);
        assertThat(p.nonInferiorityMargin()).isEqualTo(0.01);
        assertThat(p.processKpiAtMost()).isTrue();
        assertThat(p.qualityTarget()).isNull();
    }

    @Test
    void theDataAndPilotSectionsAreReadFromTheFileTyped() throws Exception {
        Files.writeString(tmp.resolve("tunegate.yaml"), """
                useCase:
                  name: demo
                  taskType: routing
                data:
                  train: data/train.jsonl
                  format: csv
                  columns: {input: text, output: class}
                  currentEras: ["2026"]
                pilot:
                  weeks: 8
                  nonInferiorityMargin: 0.02
                  processKpiDirection: atLeast
                """);
        Workspace ws = Workspace.open(tmp, java.util.Set.of());
        DataSettings d = ws.data();
        assertThat(d.train()).isEqualTo(tmp.toAbsolutePath().normalize().resolve("data/train.jsonl"));
        assertThat(d.format()).isEqualTo("csv");
        assertThat(d.columns()).containsEntry("input", "text").containsEntry("output", "class");
        assertThat(d.currentEras()).isEqualTo(List.of("2026"));
        assertThat(d.golden()).isNull();
        PilotSettings p = ws.pilot();
        assertThat(p.weeks()).isEqualTo(8);
        assertThat(p.nonInferiorityMargin()).isEqualTo(0.02);
        assertThat(p.processKpiAtMost()).isFalse();
    }

    @Test
    void everySectionTakesEachDefaultFromTheSchemaAndNothingElse() {
        // expected values are read from ConfigSchema itself, key by key, so a default written a second time
        // anywhere in Settings (and then changed in one place only) fails here
        Settings s = Workspace.of(tmp, Map.of()).settings();
        assertThat(s.retrieval().k()).isEqualTo(((Long) ConfigSchema.defaultValue("retrieval.k")).intValue());
        assertThat(s.retrieval().chunkTokens())
                .isEqualTo(((Long) ConfigSchema.defaultValue("retrieval.chunkTokens")).intValue());
        assertThat(s.retrieval().chunkOverlap())
                .isEqualTo(((Long) ConfigSchema.defaultValue("retrieval.chunkOverlap")).intValue());
        assertThat(s.evals().seed()).isEqualTo(ConfigSchema.defaultValue("evals.seed"));
        assertThat(s.evals().format()).isEqualTo(ConfigSchema.defaultValue("evals.format"));
        assertThat(s.training().mfu()).isEqualTo(ConfigSchema.defaultValue("training.mfu"));
        assertThat(s.training().retrainEveryWeeks()).isEqualTo(ConfigSchema.defaultValue("training.retrainEveryWeeks"));
        assertThat(s.training().gpuCount()).isEqualTo(ConfigSchema.defaultValue("training.gpuCount"));
        assertThat(s.training().iteration()).isEqualTo(ConfigSchema.defaultValue("training.iteration"));
        assertThat(s.model().hosting()).isEqualTo(ConfigSchema.defaultValue("model.hosting"));
        assertThat(s.useCase().costOfFailure()).isEqualTo(ConfigSchema.defaultValue("useCase.costOfFailure"));
        assertThat(s.useCase().describableAsPairs()).isEqualTo(ConfigSchema.defaultValue("useCase.describableAsPairs"));
        assertThat(s.ops().topicSimilarity()).isEqualTo(ConfigSchema.defaultValue("ops.topicSimilarity"));
        assertThat(s.ops().minTopicSize()).isEqualTo(((Long) ConfigSchema.defaultValue("ops.minTopicSize")).intValue());
        assertThat(s.data().reviewQueue())
                .isEqualTo(tmp.toAbsolutePath().normalize().resolve((String)
                        ConfigSchema.defaultValue("data.reviewQueue")));
        assertThat(s.traffic().callsPerDay()).isNull();
        assertThat(s.model().candidateParamsB()).isNull();
        assertThat(s.thresholds()).isEmpty();
        assertThat(PilotSettings.DEFAULT_NON_INFERIORITY_MARGIN)
                .isEqualTo(ConfigSchema.defaultValue("pilot.nonInferiorityMargin"));
        assertThat(dev.tunegate.evals.EvalSettings.defaults().minEffect())
                .isEqualTo(ConfigSchema.defaultValue("pilot.nonInferiorityMargin"));
    }

    @Test
    void theSectionsAreReadFromTheFileTypedWithPathsResolved() throws Exception {
        Files.writeString(tmp.resolve("tunegate.yaml"), """
                useCase:
                  name: demo
                  taskType: routing
                  mustBeTrue: ["one queue"]
                requirements:
                  onPremInference: true
                retrieval:
                  corpus: kb
                  k: 7
                traffic:
                  callsPerDay: 1500
                model:
                  candidate:
                    name: llama-3.1-8b
                    contextWindow: 8192
                training:
                  gpuMemoryGb: 24
                policy:
                  thresholds:
                    FT-DATA.minReviewedPairs: 300
                """);
        Settings s = Workspace.open(tmp, java.util.Set.of("FT-DATA.minReviewedPairs"))
                .settings();
        Path root = tmp.toAbsolutePath().normalize();
        assertThat(s.useCase().name()).isEqualTo("demo");
        assertThat(s.useCase().mustBeTrue()).containsExactly("one queue");
        assertThat(s.requirements().onPremInference()).isTrue();
        assertThat(s.requirements().citationsRequired()).isFalse();
        assertThat(s.retrieval().corpus()).isEqualTo(root.resolve("kb"));
        assertThat(s.retrieval().configured()).isTrue();
        assertThat(s.retrieval().k()).isEqualTo(7);
        assertThat(s.traffic().callsPerDay()).isEqualTo(1500.0);
        assertThat(s.model().candidateName()).isEqualTo("llama-3.1-8b");
        assertThat(s.model().candidateContextWindow()).isEqualTo(8192L);
        assertThat(s.training().gpuMemoryGb()).isEqualTo(24.0);
        assertThat(s.thresholds()).containsEntry("FT-DATA.minReviewedPairs", 300.0);
    }

    @Test
    void thePilotSettingsARecordShowsCarryNoPath() throws Exception {
        Files.writeString(tmp.resolve("tunegate.yaml"), """
                useCase:
                  name: demo
                  taskType: routing
                pilot:
                  checkpoints: pilot/checkpoints.csv
                """);
        PilotSettings p = Workspace.open(tmp, java.util.Set.of()).pilot();
        assertThat(p.checkpoints()).isEqualTo(tmp.toAbsolutePath().normalize().resolve("pilot/checkpoints.csv"));
        // the pilot record shows its settings: an absolute path there would differ per machine
        var json = dev.tunegate.io.Json.mapper().valueToTree(p);
        assertThat(json.has("checkpoints")).isFalse();
        assertThat(json.has("weeks")).isTrue();
    }
}
