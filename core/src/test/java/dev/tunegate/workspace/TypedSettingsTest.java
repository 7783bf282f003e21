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
}
