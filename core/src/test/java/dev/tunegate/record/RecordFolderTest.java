package dev.tunegate.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFolderTest {
    @TempDir
    Path tmp;

    @Test
    void decisionAndPilotRecordsShareOneNumberingAndOneLog() throws IOException {
        RecordFolder folder = new RecordFolder(Workspace.of(tmp, Map.of()));
        assertThat(folder.nextNumber()).isEqualTo(1);
        folder.writeTwin("0001-demo-fine-tune", "{}", "# 1");
        folder.writeTwin("0002-demo-scale-pilot", "{}", "# 2");
        Files.writeString(tmp.resolve("decisions/0002-demo-scale-pilot.html"), "<html>");
        assertThat(folder.nextNumber()).isEqualTo(3);
        folder.log(Map.of("kind", "pilot"));
        folder.log(Map.of("kind", "decision"));
        assertThat(Files.readAllLines(tmp.resolve("decisions/log.jsonl")))
                .containsExactly("{\"kind\":\"pilot\"}", "{\"kind\":\"decision\"}");
    }

    @Test
    void anExistingRecordIsNeverRewritten() {
        RecordFolder folder = new RecordFolder(Workspace.of(tmp, Map.of()));
        folder.writeTwin("0001-demo", "{}", "# 1");
        assertThatThrownBy(() -> folder.writeTwin("0001-demo", "{\"x\":1}", "# 1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never rewritten");
    }
}
