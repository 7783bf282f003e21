package dev.tunegate.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tunegate.io.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #19 rows 6 and 11: paths that leave the workspace, duplicate keys. */
class HostileConfigTest {
    @TempDir
    Path tmp;

    private Path workspace(String extra) throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(ws.resolve("tunegate.yaml"), "useCase:\n  name: t\n  taskType: classification\n" + extra);
        return ws;
    }

    @Test
    void dotDotOutOfTheWorkspaceIsRefusedWithFileAndLine() throws IOException {
        Path ws = workspace("prompts:\n  system: ../../../../etc/passwd\n");
        assertThatThrownBy(() -> Workspace.open(ws, Set.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("tunegate.yaml:5: key \"prompts.system\"")
                .hasMessageContaining("../");
    }

    @Test
    void aPathListEntryOutOfTheWorkspaceIsRefusedToo() throws IOException {
        Path ws = workspace("evals:\n  history:\n    - evals/a.json\n    - ../../etc/hosts\n");
        assertThatThrownBy(() -> Workspace.open(ws, Set.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("key \"evals.history\"");
    }

    @Test
    void aSymlinkInsideTheWorkspacePointingOutIsRefused() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Path ws = workspace("retrieval:\n  corpus: kb\n");
        Files.createSymbolicLink(ws.resolve("kb"), outside);
        assertThatThrownBy(() -> Workspace.open(ws, Set.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tunegate.yaml:5")
                .hasMessageContaining("symbolic link");
    }

    @Test
    void theOptInPerKeyAllowsExactlyThatKey() throws IOException {
        Files.createDirectories(tmp.resolve("shared/corpus"));
        Path ws = workspace("retrieval:\n  corpus: ../shared/corpus\nworkspace:\n  allowOutside: [retrieval.corpus]\n");
        assertThat(Workspace.open(ws, Set.of()).path("retrieval.corpus")).contains(tmp.resolve("shared/corpus"));
        Path ws2 = workspace(
                "retrieval:\n  corpus: ../shared/corpus\nprompts:\n  system: ../x.txt\nworkspace:\n  allowOutside: [retrieval.corpus]\n");
        assertThatThrownBy(() -> Workspace.open(ws2, Set.of())).hasMessageContaining("prompts.system");
    }

    @Test
    void anAbsolutePathIsJudgedByWhereItLeadsAsARelativeOneIs() throws IOException {
        // refused outside the workspace without the opt-in …
        Path ws = workspace("data:\n  train: /etc/passwd\n");
        assertThatThrownBy(() -> Workspace.open(ws, Set.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("tunegate.yaml:5: key \"data.train\": expected a path inside the workspace, "
                        + "found \"/etc/passwd\", which is an absolute path outside it; to allow it, list the key under "
                        + "workspace.allowOutside");
        // … allowed with it, as ../ to the same file was and an absolute path was not
        Path shared = Files.createDirectories(tmp.resolve("shared/corpus"));
        Path ws2 = workspace("retrieval:\n  corpus: " + shared + "\nworkspace:\n  allowOutside: [retrieval.corpus]\n");
        assertThat(Workspace.open(ws2, Set.of()).path("retrieval.corpus")).contains(shared);
        // and an absolute path inside the workspace is inside
        Path inside = tmp.resolve("ws/prompts/system.txt"); // workspace() writes into tmp/ws
        Path ws3 = workspace("prompts:\n  system: " + inside + "\n");
        assertThat(Workspace.open(ws3, Set.of()).path("prompts.system")).contains(inside);
    }

    @Test
    void aMisspeltOptInIsRefusedWithTheClosestKey() throws IOException {
        // allowOutside: [data.trian] was accepted silently, allowing nothing
        Path ws = workspace("data:\n  train: data/train.jsonl\nworkspace:\n  allowOutside: [data.trian]\n");
        assertThatThrownBy(() -> Workspace.open(ws, Set.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(
                        "tunegate.yaml:7: key \"workspace.allowOutside\": expected a key of this schema that holds a path, "
                                + "found \"data.trian\" (did you mean \"data.train\"?)");
    }

    @Test
    void insidePathsWithDotDotThatStayInsideAreFine() throws IOException {
        Path ws = workspace("prompts:\n  system: prompts/../prompts/system.txt\n");
        assertThat(Workspace.open(ws, Set.of()).path("prompts.system")).contains(ws.resolve("prompts/system.txt"));
    }

    @Test
    void aDuplicateKeyNamesBothLines() throws IOException {
        Path ws = workspace("data:\n  train: a.jsonl\ndata:\n  train: b.jsonl\n");
        assertThatThrownBy(() -> Workspace.open(ws, Set.of()))
                .isInstanceOf(ConfigException.class)
                .satisfies(
                        e -> assertThat(((ConfigException) e).problems())
                                .contains(
                                        "tunegate.yaml:6: duplicate key \"data\" (first at line 4); YAML would silently keep only one of them: merge the two"));
    }

    @Test
    void aDuplicateNestedKeyToo() throws IOException {
        Path ws = workspace("data:\n  train: a.jsonl\n  train: b.jsonl\n");
        assertThatThrownBy(() -> Workspace.open(ws, Set.of()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems().get(0))
                        .startsWith("tunegate.yaml:6: duplicate key \"train\" (first at line 5)"));
    }
}
