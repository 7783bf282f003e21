package dev.tunegate.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tunegate.assess.StandardPipeline;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file tunegate.yaml names but tunegate cannot use is reported at the config line that named it. */
class ConfiguredInputTest {
    @TempDir
    Path dir;

    @Test
    void aMissingTrainingFileIsReportedAtItsKeysLine() throws Exception {
        // line 1-3 the use case, line 4 "data:", line 5 its train key
        Files.writeString(
                dir.resolve("tunegate.yaml"),
                "useCase:\n  name: t\n  taskType: classification\ndata:\n  train: data/missing.jsonl\n");
        Policy policy = Policy.standard();
        Workspace ws = Workspace.open(dir, policy.thresholdDefinitions().keySet());
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> StandardPipeline.create()
                .run(ws, AnalysisContext.forWorkspace(ws, policy, Progress.SILENT, 1)));
        assertThat(e.getMessage())
                .isEqualTo(
                        "tunegate.yaml:5: key \"data.train\": " + dir.resolve("data/missing.jsonl") + ": no such file");
    }

    @Test
    void aProblemOnALineOfTheFileStaysTheFilesAndOtherFilesAreLeftAlone() throws Exception {
        Files.writeString(
                dir.resolve("tunegate.yaml"),
                "useCase:\n  name: t\n  taskType: classification\ndata:\n  train: data/train.jsonl\n");
        Workspace ws =
                Workspace.open(dir, Policy.standard().thresholdDefinitions().keySet());
        Path train = dir.resolve("data/train.jsonl");
        InvalidInputException onALine = InvalidInputException.at(train, 7, "field \"x\": expected y, found z");
        assertThat(ws.attribute(onALine)).isSameAs(onALine);
        InvalidInputException elsewhere = InvalidInputException.at(dir.resolve("other.jsonl"), 0, "no such file");
        assertThat(ws.attribute(elsewhere)).isSameAs(elsewhere);
        assertThat(ws.attribute(InvalidInputException.at(train, 0, "the file is empty"))
                        .getMessage())
                .isEqualTo("tunegate.yaml:5: key \"data.train\": " + train + ": the file is empty");
    }

    @Test
    void aFileNamedRelativeToTheWorkspaceIsFoundToo() throws Exception {
        // the eval reader names a missing history file relative to the workspace; line 5 is its key
        Files.writeString(
                dir.resolve("tunegate.yaml"),
                "useCase:\n  name: t\n  taskType: classification\nevals:\n  history: [evals/history.jsonl]\n");
        Policy policy = Policy.standard();
        Workspace ws = Workspace.open(dir, policy.thresholdDefinitions().keySet());
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> StandardPipeline.create()
                .run(ws, AnalysisContext.forWorkspace(ws, policy, Progress.SILENT, 1)));
        assertThat(e.getMessage())
                .isEqualTo("tunegate.yaml:5: key \"evals.history\": evals/history.jsonl: not a file; expected an eval"
                        + " results file");
    }
}
