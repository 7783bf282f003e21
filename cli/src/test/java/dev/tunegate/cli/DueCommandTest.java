package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DueCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aBrokenWorkspaceIsAnErrorLineAndTheOthersAreStillChecked() throws IOException {
        // it aborted on the broken yaml: only its error, exit 3, nothing about the readable workspace
        Path folder = tmp.resolve("duetest");
        AssessEndToEndTest.copyExample("support-kb", folder);
        Files.createDirectories(folder.resolve("b"));
        Files.writeString(folder.resolve("b/tunegate.yaml"), "useCase: [\n");
        CliRun run = CliRun.of("due", folder.toString(), "--as-of", "2026-12-20");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.out()).contains(folder.resolve("support-kb").toString());
        assertThat(run.err())
                .containsPattern("error: "
                        + java.util.regex.Pattern.quote(folder.resolve("b").toString()) + "/tunegate.yaml:\\d+: ");
        assertThat(run.err().lines()).allMatch(l -> l.startsWith("error: "));
    }
}
