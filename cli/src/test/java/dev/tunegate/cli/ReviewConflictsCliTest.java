package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tunegate review DIR --conflicts} end to end: a workspace with planted label conflicts among approved rows
 * makes FT-CONSISTENT fire; resolving every group (by stdin, and by --resolve / --choose) appends resolution lines
 * to the review log, after which FT-CONSISTENT no longer fires and the export holds the winners only.
 */
class ReviewConflictsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void resetInput() {
        ReviewCommand.input = null;
    }

    private static String ticket(int i) {
        return "ticket " + i + " about thing " + (i * 7) + " and item " + (i * 13) + " in store " + (i * 17)
                + " from region " + (i * 19);
    }

    private static String row(int ticket, String output, String reviewer) throws Exception {
        return JSON.writeValueAsString(JSON.createObjectNode()
                        .set(
                                "messages",
                                JSON.createArrayNode()
                                        .add(JSON.createObjectNode()
                                                .put("role", "user")
                                                .put("content", ticket(ticket)))
                                        .add(JSON.createObjectNode()
                                                .put("role", "assistant")
                                                .put("content", output))))
                .replaceFirst(
                        "}$",
                        ",\"metadata\":{\"provenance\":\"expert\",\"status\":\"approved\",\"reviewer\":\"" + reviewer
                                + "\",\"era\":\"2026\"}}");
    }

    /**
     * Lines 1–3: ticket 1000 → A, A, B (group 1 once sorted: 3 counted rows, first row first); lines 4–6: ticket 1002
     * → B, C, C (group 2: 3 rows); lines 7–8: ticket 1001 → A, C (group 3: 2 rows); then 40 clean approved rows.
     * 8 of 48 approved rows conflict (16.7 % > the 5 % default of FT-CONSISTENT.maxConflictShare).
     */
    private static Path workspace(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        List<String> lines = new ArrayList<>();
        lines.add(row(1000, "A", "ana"));
        lines.add(row(1000, "A", "ben"));
        lines.add(row(1000, "B", "cy"));
        lines.add(row(1002, "B", "ana"));
        lines.add(row(1002, "C", "ben"));
        lines.add(row(1002, "C", "cy"));
        lines.add(row(1001, "A", "ana"));
        lines.add(row(1001, "C", "ben"));
        for (int i = 0; i < 40; i++) lines.add(row(i, i % 3 == 0 ? "A" : i % 3 == 1 ? "B" : "C", "ana"));
        Files.writeString(dir.resolve("data/train.jsonl"), String.join("\n", lines) + "\n");
        Files.writeString(
                dir.resolve("tunegate.yaml"),
                "useCase:\n  name: t\n  taskType: classification\ndata:\n  train: data/train.jsonl\n  currentEras: [\"2026\"]\n");
        return dir;
    }

    private static JsonNode assess(Path ws) throws Exception {
        CliRun run = CliRun.of("assess", ws.toString(), "--format", "json", "--no-write");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static String verdict(JsonNode record, String rule) {
        for (JsonNode r : record.get("rules"))
            if (r.get("id").asText().equals(rule)) return r.get("verdict").asText();
        throw new AssertionError("no rule " + rule);
    }

    private static List<String> resolutionLines(Path ws) throws Exception {
        return Files.readAllLines(ws.resolve("data/review-log.jsonl")).stream()
                .filter(l -> l.contains("\"action\":\"resolve\""))
                .toList();
    }

    /** Every exported row, as "input → output". */
    private static List<String> exported(Path ws, Path out) throws Exception {
        CliRun run = CliRun.of("export", ws.toString(), "--format", "openai-chat", "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> rows = new ArrayList<>();
        for (String f : List.of("train.jsonl", "validation.jsonl")) {
            for (String l : Files.readAllLines(out.resolve(f))) {
                JsonNode m = JSON.readTree(l).get("messages");
                rows.add(m.get(m.size() - 2).get("content").asText() + " → "
                        + m.get(m.size() - 1).get("content").asText());
            }
        }
        return rows;
    }

    @Test
    void plantedConflictsFireFtConsistent(@TempDir Path tmp) throws Exception {
        Path ws = workspace(tmp.resolve("ws"));
        JsonNode before = assess(ws);
        assertThat(verdict(before, "FT-CONSISTENT")).isEqualTo("FIRED");
        // without eval history the decision stays on the prompt step; the conflict rule is named all the same
        assertThat(before.toString()).contains("3 conflict groups").contains("8 rows");
    }

    @Test
    void resolvingEveryGroupByStdinUnblocksAssessAndExportsTheWinnersOnly(@TempDir Path tmp) throws Exception {
        Path ws = workspace(tmp.resolve("ws"));
        // group 1 (ticket 1000): output 1 (A, 2 rows) wins; group 2 (ticket 1002): output 1 (C, 2 rows) wins;
        // group 3 (ticket 1001): rejected whole
        ReviewCommand.input = new BufferedReader(new StringReader("x\n1\n1\nr\n"));
        CliRun run = CliRun.of("review", ws.toString(), "--conflicts", "--reviewer", "dee");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("3 conflict groups among 48 approved current-era rows")
                .contains("── conflict 1/3")
                .contains("data/train.jsonl:3  approved by cy")
                .contains("unknown command \"x\"")
                .contains("done: 2 resolved, 1 rejected, 0 skipped; 4 rows no longer count as approved");
        List<String> resolutions = resolutionLines(ws);
        assertThat(resolutions).hasSize(3);
        assertThat(resolutions.get(0)).contains("\"reviewer\":\"dee\"").contains("\"outcome\":\"choose\"");
        assertThat(resolutions.get(2)).contains("\"outcome\":\"reject\"");

        JsonNode after = assess(ws);
        assertThat(verdict(after, "FT-CONSISTENT")).isEqualTo("NOT_FIRED");
        assertThat(after.toString()).doesNotContain("conflict groups, largest first");

        List<String> rows = exported(ws, tmp.resolve("out"));
        assertThat(rows.stream().filter(r -> r.startsWith(ticket(1000) + " →"))).containsExactly(ticket(1000) + " → A");
        assertThat(rows.stream().filter(r -> r.startsWith(ticket(1002) + " →"))).containsExactly(ticket(1002) + " → C");
        assertThat(rows.stream().filter(r -> r.startsWith(ticket(1001) + " →"))).isEmpty();
        assertThat(rows).hasSize(42);
        JsonNode manifest = JSON.readTree(tmp.resolve("out/manifest.json").toFile());
        assertThat(manifest.get("removed").get("lostConflict").asLong()).isEqualTo(4);
        assertThat(manifest.get("heldBack").get("conflictGroups").asLong()).isZero();

        // nothing is left to resolve
        ReviewCommand.input = new BufferedReader(new StringReader(""));
        assertThat(CliRun.of("review", ws.toString(), "--conflicts", "--reviewer", "dee")
                        .out())
                .contains("0 conflict groups");
    }

    @Test
    void resolvingByFlagAndChoiceFileGivesTheSameEndState(@TempDir Path tmp) throws Exception {
        Path ws = workspace(tmp.resolve("ws"));
        // the B of line 3 wins over the two A rows of group 1; group 2 and 3 from a file
        Files.writeString(tmp.resolve("choices.txt"), "# group 2: the C rows\n2=data/train.jsonl:5\n3=reject\n");
        CliRun run = CliRun.of(
                "review",
                ws.toString(),
                "--conflicts",
                "--reviewer",
                "eve",
                "--resolve",
                "1=3",
                "--choose",
                tmp.resolve("choices.txt").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("done: 2 resolved, 1 rejected, 0 skipped; 0 conflict groups still open");
        assertThat(resolutionLines(ws)).hasSize(3);
        assertThat(verdict(assess(ws), "FT-CONSISTENT")).isEqualTo("NOT_FIRED");
        List<String> rows = exported(ws, tmp.resolve("out"));
        assertThat(rows.stream().filter(r -> r.startsWith(ticket(1000) + " →"))).containsExactly(ticket(1000) + " → B");
        assertThat(rows.stream().filter(r -> r.startsWith(ticket(1002) + " →"))).containsExactly(ticket(1002) + " → C");
        assertThat(rows.stream().filter(r -> r.startsWith(ticket(1001) + " →"))).isEmpty();
    }

    @Test
    void aBadChoiceIsOneLineNamingItAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path ws = workspace(tmp.resolve("ws"));
        CliRun run = CliRun.of(
                "review", ws.toString(), "--conflicts", "--reviewer", "eve", "--resolve", "1=3", "--resolve", "2=40");
        assertThat(run.exitCode()).isEqualTo(TunegateCommand.INVALID_INPUT);
        assertThat(run.err()).contains("--resolve 2=40: conflict group 2").contains("data/train.jsonl:4");
        assertThat(run.err().lines().count()).isEqualTo(1);
        assertThat(Files.exists(ws.resolve("data/review-log.jsonl"))).isFalse();
        CliRun noConflicts = CliRun.of("review", ws.toString(), "--reviewer", "eve", "--resolve", "1=3");
        assertThat(noConflicts.exitCode()).isEqualTo(TunegateCommand.INVALID_INPUT);
    }
}
