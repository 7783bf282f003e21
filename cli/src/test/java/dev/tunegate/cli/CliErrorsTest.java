package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void aBadConfigGivesOneLinePerProblemExitCode3AndNoStackTrace() throws IOException {
        Files.writeString(tmp.resolve("tunegate.yaml"), "useCase:\n  name: x\n  taskTyp: routing\n");
        CliRun run = CliRun.of("assess", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .contains(
                        "error: tunegate.yaml:3: unknown key \"useCase.taskTyp\" (did you mean \"useCase.taskType\"?)")
                .doesNotContain("at dev.tunegate");
    }

    @Test
    void stacktraceShowsTheTrace() throws IOException {
        Files.writeString(tmp.resolve("tunegate.yaml"), "useCase:\n  name: x\n");
        CliRun run = CliRun.of("assess", tmp.toString(), "--stacktrace");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("at dev.tunegate");
    }

    @Test
    void aMissingWorkspaceIsInvalidInputAndAnUnknownCommandIsUsage() {
        assertThat(CliRun.of("assess", tmp.resolve("nope").toString()).exitCode())
                .isEqualTo(3);
        CliRun usage = CliRun.of("asess");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("Did you mean").contains("assess");
    }

    @Test
    void initWritesATemplateThatAssessAcceptsAndNeverOverwrites() {
        Path ws = tmp.resolve("new");
        assertThat(CliRun.of("init", ws.toString()).exitCode()).isZero();
        assertThat(CliRun.of("assess", ws.toString(), "--no-write").exitCode()).isZero();
        CliRun again = CliRun.of("init", ws.toString());
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.err()).contains("exists already");
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String cmd : new String[] {"init", "assess"}) {
            CliRun help = CliRun.of(cmd, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).as(cmd).contains("Examples:");
        }
        assertThat(CliRun.of("--help").out()).contains("Exit codes:");
    }
}
