package dev.tunegate.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeReplacesTheWholeFileAndLeavesNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("a/b.txt");
        AtomicFiles.write(f, "one");
        AtomicFiles.write(f, "two");
        assertThat(Files.readString(f)).isEqualTo("two");
        try (var s = Files.list(f.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("b.txt");
        }
    }

    @Test
    void appendLineAddsLinesAndRefusesEmbeddedNewlines() throws IOException {
        Path log = dir.resolve("log.jsonl");
        AtomicFiles.appendLine(log, "{\"a\":1}");
        AtomicFiles.appendLine(log, "{\"a\":2}");
        assertThat(Files.readAllLines(log)).isEqualTo(List.of("{\"a\":1}", "{\"a\":2}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AtomicFiles.appendLine(log, "x\ny"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
