package dev.tunegate.dataops.export;

import static dev.tunegate.dataops.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.analysis.Progress;
import dev.tunegate.dataops.Fixtures;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.testing.Gen;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVALID = "{\"messages\":[{\"role\":\"user\",\"content\":\"no answer here\"}]}";

    /**
     * 40 approved rows (labels A/B alternating) and, around them, one row for each removal rule:
     * two cosmetic copies of row 0 (exact duplicates after normalisation), a pending draft, a retired-era
     * row, an unknown-era row, an unfilled placeholder, a conflicting copy of row 1's input (row 1 and it are
     * held back), row 2's input in the golden set (a leak), and one line without an assistant turn.
     */
    static List<String> trainLines() throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++)
            rows.add(row(Fixtures.ticket(i), i % 2 == 0 ? "A" : "B", "expert", "approved", "2026"));
        rows.add(row(Fixtures.ticket(0).toUpperCase(java.util.Locale.ROOT), "A", "imported", "approved", "2026"));
        rows.add(row("  " + Fixtures.ticket(0) + "  ", "A", "imported", "approved", "2026"));
        rows.add(row(Fixtures.ticket(100), "A", "llm_draft", "pending", "2026"));
        rows.add(row(Fixtures.ticket(101), "B", "imported", "approved", "old"));
        rows.add(row(Fixtures.ticket(102), "B", "imported", "approved", "2019"));
        rows.add(row("Hello {{customer_name}}, " + Fixtures.ticket(103), "A", "expert", "approved", "2026"));
        rows.add(row(Fixtures.ticket(1), "A", "expert", "approved", "2026"));
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> r : rows) lines.add(JSON.writeValueAsString(r));
        lines.add(INVALID);
        return lines;
    }

    static Workspace workspace(Path dir, List<String> lines) throws IOException {
        List<Map<String, Object>> golden = List.of(
                row(Fixtures.ticket(2), "A", "gold", "approved", "2026"),
                row(Fixtures.ticket(200), "B", "gold", "approved", "2026"),
                row(Fixtures.ticket(201), "A", "gold", "approved", "2026"));
        Fixtures.workspace(dir, List.of(), golden, null);
        Files.writeString(dir.resolve("data/train.jsonl"), String.join("\n", lines) + "\n");
        return Fixtures.open(dir);
    }

    static ExportManifest export(Workspace ws, Path out) {
        return Exporter.export(ws, new Exporter.Options(ExportFormat.OPENAI_CHAT, out, 0.1, 42, 2), Progress.SILENT);
    }

    @Test
    void dropSemanticLeaksRemovesTheTrainingRowsAGoldenRowParaphrases(@TempDir Path dir) throws IOException {
        // the semantic audit's leak findings name the training rows in trainingRows (the golden row is in rows):
        // the paraphrased row, and only it, goes under goldenLeak; nothing here is a lexical leak
        List<Map<String, Object>> train = new ArrayList<>();
        for (String q : List.of(
                "What are your opening hours on weekends?",
                "Can I pay with a credit card?",
                "Where is the nearest store?",
                "Do you offer gift wrapping?")) train.add(row(q, "info", "expert", "approved", "2026"));
        train.add(row("I forgot my password, how can I reset it?", "account", "expert", "approved", "2026"));
        Path ws = dir.resolve("ws");
        Fixtures.workspace(
                ws, train, List.of(row("How do I reset my password?", "account", "gold", "approved", "2026")), null);
        Workspace w = Fixtures.open(ws);
        ExportManifest lexical = export(w, dir.resolve("lexical"));
        ExportManifest semantic = Exporter.export(
                w,
                new Exporter.Options(ExportFormat.OPENAI_CHAT, dir.resolve("semantic"), 0.0, 42, 2, true),
                Progress.SILENT);
        assertThat(lexical.removed().get("goldenLeak")).isZero();
        assertThat(semantic.removed().get("goldenLeak")).isEqualTo(1L);
        assertThat(semantic.rows().exported()).isEqualTo(lexical.rows().exported() - 1);
        assertThat(Files.readString(dir.resolve("semantic/train.jsonl"))).doesNotContain("I forgot my password");
        assertThat(semantic.notes()).anyMatch(n -> n.startsWith("semantic leaks: 1 golden rows paraphrase"));
    }

    @Test
    void eachRuleRemovesTheRowsItNamesAndTheRestIsExported(@TempDir Path dir) throws IOException {
        ExportManifest m = export(workspace(dir.resolve("ws"), trainLines()), dir.resolve("out"));
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("invalid", 1L);
        expected.put("lostConflict", 0L);
        expected.put("notApproved", 1L);
        expected.put("retiredEra", 1L);
        expected.put("unknownEra", 1L);
        expected.put("placeholder", 1L);
        expected.put("conflict", 2L);
        expected.put("goldenLeak", 1L);
        expected.put("exactDuplicate", 2L);
        expected.put("nearDuplicate", 0L);
        assertThat(m.removed()).containsExactlyEntriesOf(expected);
        // 40 approved rows − row 1 (conflict) − row 2 (leak) = 38; validation round(38 × 0.1) = 4
        assertThat(m.rows().exported()).isEqualTo(38);
        assertThat(m.rows().validation()).isEqualTo(4);
        assertThat(m.rows().train()).isEqualTo(34);
        assertThat(m.heldBack().conflictGroups()).isEqualTo(1);
        assertThat(m.split().stratified()).isTrue();
        assertThat(m.files())
                .extracting(ExportManifest.FileEntry::path)
                .containsExactly("train.jsonl", "validation.jsonl", "held-back.jsonl");
        assertThat(m.sourceDigests()).containsKeys("data/train.jsonl", "data/golden.jsonl");
        assertThat(Files.readString(dir.resolve("out/train.jsonl")))
                .doesNotContain("metadata")
                .doesNotContain("{{customer_name}}");
        assertThat(m.audit().nearDuplicateThreshold()).isEqualTo(0.8);
        assertThat(m.seed()).isEqualTo(42);
    }

    @Test
    void dropSemanticLeaksAlsoRemovesATrainingRowAGoldenRowParaphrases(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>(trainLines());
        lines.add(JSON.writeValueAsString(
                row("I forgot my password, how can I reset it?", "A", "expert", "approved", "2026")));
        List<Map<String, Object>> golden = List.of(
                row(Fixtures.ticket(2), "A", "gold", "approved", "2026"),
                row("How do I reset my password?", "A", "gold", "approved", "2026"));
        Path ws = dir.resolve("ws");
        Fixtures.workspace(ws, List.of(), golden, null);
        Files.writeString(ws.resolve("data/train.jsonl"), String.join("\n", lines) + "\n");
        Workspace w = Fixtures.open(ws);

        ExportManifest plain = export(w, dir.resolve("plain"));
        assertThat(plain.removed().get("goldenLeak")).isEqualTo(1L); // the lexical leak of ticket 2 only
        assertThat(Files.readString(dir.resolve("plain/train.jsonl"))
                        + Files.readString(dir.resolve("plain/validation.jsonl")))
                .contains("forgot my password");

        ExportManifest semantic = Exporter.export(
                w,
                new Exporter.Options(ExportFormat.OPENAI_CHAT, dir.resolve("sem"), 0.1, 42, 2, true),
                Progress.SILENT);
        assertThat(semantic.removed().get("goldenLeak")).isGreaterThanOrEqualTo(2L);
        assertThat(Files.readString(dir.resolve("sem/train.jsonl"))
                        + Files.readString(dir.resolve("sem/validation.jsonl")))
                .doesNotContain("forgot my password");
        assertThat(semantic.notes()).anyMatch(n -> n.startsWith("semantic leaks:"));
    }

    @Test
    void reRunningGivesByteIdenticalFiles(@TempDir Path dir) throws IOException {
        Workspace ws = workspace(dir.resolve("ws"), trainLines());
        export(ws, dir.resolve("a"));
        export(ws, dir.resolve("b"));
        for (String f : List.of("train.jsonl", "validation.jsonl", "held-back.jsonl", "manifest.json")) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(f)));
        }
    }

    static Stream<Long> seeds() {
        return Gen.seeds(8);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theInputsRowOrderDoesNotChangeTheOutputDigests(long shuffleSeed) throws IOException {
        Path dir = Files.createTempDirectory("tunegate-export-prop");
        try {
            List<String> lines = trainLines();
            ExportManifest base = export(workspace(dir.resolve("ws1"), lines), dir.resolve("o1"));
            List<String> shuffled = new ArrayList<>(lines);
            Collections.shuffle(shuffled, new Random(shuffleSeed));
            ExportManifest other = export(workspace(dir.resolve("ws2"), shuffled), dir.resolve("o2"));
            // the training files are the same bytes; held-back.jsonl names source lines, which move with the rows
            assertThat(other.files().subList(0, 2)).isEqualTo(base.files().subList(0, 2));
            assertThat(other.files().get(2).rows())
                    .isEqualTo(base.files().get(2).rows());
            assertThat(other.removed()).isEqualTo(base.removed());
        } finally {
            delete(dir);
        }
    }

    @Test
    void aFileEditedAfterExportFailsVerificationNamingTheFile(@TempDir Path dir) throws IOException {
        export(workspace(dir.resolve("ws"), trainLines()), dir.resolve("out"));
        assertThat(ManifestVerifier.verify(dir.resolve("out")).rows().exported())
                .isEqualTo(38);
        Files.writeString(
                dir.resolve("out/validation.jsonl"), "{\"messages\":[]}\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> ManifestVerifier.verify(dir.resolve("out")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("validation.jsonl")
                .hasMessageContaining("does not match the manifest");
    }

    @Test
    void everyFormatRendersTheSameInputAndOutput() {
        var ex = new dev.tunegate.audit.read.Example(
                List.of(
                        new dev.tunegate.audit.read.Message(dev.tunegate.audit.read.Role.SYSTEM, "sys"),
                        new dev.tunegate.audit.read.Message(dev.tunegate.audit.read.Role.USER, "question"),
                        new dev.tunegate.audit.read.Message(dev.tunegate.audit.read.Role.ASSISTANT, "answer")),
                null);
        assertThat(ExportFormat.OPENAI_CHAT.render(ex).toString())
                .isEqualTo(
                        "{\"messages\":[{\"role\":\"system\",\"content\":\"sys\"},{\"role\":\"user\",\"content\":\"question\"},{\"role\":\"assistant\",\"content\":\"answer\"}]}");
        assertThat(ExportFormat.SHAREGPT.render(ex).toString())
                .isEqualTo(
                        "{\"conversations\":[{\"from\":\"system\",\"value\":\"sys\"},{\"from\":\"human\",\"value\":\"question\"},{\"from\":\"gpt\",\"value\":\"answer\"}]}");
        assertThat(ExportFormat.ALPACA.render(ex).toString())
                .isEqualTo("{\"instruction\":\"question\",\"input\":\"\",\"output\":\"answer\",\"system\":\"sys\"}");
        assertThat(ExportFormat.PROMPT_COMPLETION.render(ex).toString())
                .isEqualTo("{\"prompt\":\"sys\\n\\nquestion\",\"completion\":\"answer\"}");
    }

    @Test
    void aWorkspaceWithoutATrainingFileIsAClearError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tunegate.yaml"), "useCase:\n  name: t\n  taskType: routing\n");
        Workspace ws = Fixtures.open(dir);
        assertThatThrownBy(() -> export(ws, dir.resolve("out")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("data.train is not set");
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Collections.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
