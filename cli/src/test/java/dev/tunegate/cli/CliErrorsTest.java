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

    /** The use case is named after the folder or --name, and the names that YAML would misread come back intact. */
    @Test
    void initNamesTheUseCaseAfterItsFolderOrTheGivenNameAndType() throws Exception {
        Path ws = tmp.resolve("refund-triage");
        CliRun plain = CliRun.of("init", ws.toString());
        assertThat(plain.exitCode()).isZero();
        assertThat(plain.out()).contains("check useCase.taskType");
        var config = dev.tunegate.workspace.ConfigLoader.load(
                ws.resolve("tunegate.yaml"),
                dev.tunegate.policy.Policy.standard().defaults().keySet());
        assertThat(config.get("useCase.name").value()).isEqualTo("refund-triage");
        assertThat(config.get("useCase.taskType").value()).isEqualTo("classification");

        for (String name : new String[] {"Support: bot #1", "yes", "  padded ", "\"quoted\" \\ back"}) {
            Path other = tmp.resolve("named-" + Integer.toHexString(name.hashCode()));
            CliRun named = CliRun.of("init", other.toString(), "--name", name, "--task-type", "question-answering");
            assertThat(named.exitCode()).as(name).isZero();
            var c = dev.tunegate.workspace.ConfigLoader.load(
                    other.resolve("tunegate.yaml"),
                    dev.tunegate.policy.Policy.standard().defaults().keySet());
            assertThat(c.get("useCase.name").value()).as(name).isEqualTo(name.strip());
            assertThat(c.get("useCase.taskType").value()).isEqualTo("question-answering");
        }

        Path bad = tmp.resolve("bad-type");
        CliRun wrong = CliRun.of("init", bad.toString(), "--task-type", "poetry");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err())
                .contains("--task-type: expected one of classification, extraction")
                .contains("found \"poetry\"");
        assertThat(bad.resolve("tunegate.yaml")).doesNotExist();
    }

    @Test
    void aFolderAsReportsOutputAndAFileAsInitsFolderAreUsageErrorsNotIoFailures() throws IOException {
        // both exited 5, the code of a failed write of tunegate's own files
        Path folder = Files.createDirectories(tmp.resolve("out"));
        CliRun report = CliRun.of("report", tmp.resolve("nope").toString(), "-o", folder.toString());
        assertThat(report.exitCode()).as(report.err()).isEqualTo(2);
        assertThat(report.err()).contains("error: --output: expected a file, found the folder " + folder);
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        CliRun init = CliRun.of("init", file.toString());
        assertThat(init.exitCode()).as(init.err()).isEqualTo(2);
        assertThat(init.err()).contains("error: DIR: expected a folder, found the file " + file);
    }

    @Test
    void anImpossibleAsOfDateSaysSoInOneLine() {
        CliRun run = CliRun.of("assess", tmp.toString(), "--as-of", "2026-02-30");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("expected a date YYYY-MM-DD, found 2026-02-30 (no such day)")
                .doesNotContain("java.time");
        CliRun shape = CliRun.of("assess", tmp.toString(), "--as-of", "March 1");
        assertThat(shape.exitCode()).isEqualTo(2);
        assertThat(shape.err())
                .contains("expected a date YYYY-MM-DD, found March 1")
                .doesNotContain("no such day");
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
