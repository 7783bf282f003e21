package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tunegate audit --semantic}: the JSON contract and the findings file, with the real model. */
class AuditSemanticCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static String chat(String user, String assistant) throws IOException {
        return JSON.writeValueAsString(Map.of(
                "messages",
                List.of(Map.of("role", "user", "content", user), Map.of("role", "assistant", "content", assistant))));
    }

    @Test
    void theJsonReportAndTheFindingsNameTheParaphraseLeak() throws IOException {
        Path train = dir.resolve("train.jsonl");
        Files.write(
                train,
                List.of(
                        chat("What time does the store open on Sundays?", "10am"),
                        chat("Do you ship to Canada?", "Yes, within 7 days."),
                        chat("I forgot my password, how can I reset it?", "Use the 'Forgot password' link."),
                        chat("The app crashes when I upload a photo.", "Update the app.")));
        Path golden = dir.resolve("golden.jsonl");
        Files.write(
                golden,
                List.of(
                        chat("What is the boiling point of water at sea level?", "100 degrees Celsius."),
                        chat("How do I reset my password?", "Use the 'Forgot password' link.")));
        Path findings = dir.resolve("findings.jsonl");
        CliRun run = CliRun.of(
                "audit",
                train.toString(),
                "--golden",
                golden.toString(),
                "--semantic",
                "--format",
                "json",
                "--findings",
                findings.toString(),
                "--embedding-cache",
                dir.resolve("cache").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = JSON.readTree(run.out()).path("semantic");
        assertThat(s.path("model").asText()).startsWith("all-minilm-l6-v2-q@");
        assertThat(s.path("leakedGoldenRows").asLong()).isEqualTo(1);
        assertThat(s.path("threshold").asDouble()).isEqualTo(0.65);
        assertThat(s.has("nearDuplicateClusters")).isTrue();
        assertThat(JSON.readTree(run.out()).path("rows").asLong()).isEqualTo(4); // the lexical report is still there

        List<JsonNode> leaks = Files.readAllLines(findings).stream()
                .map(l -> {
                    try {
                        return JSON.readTree(l);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(n -> n.path("kind").asText().equals("semantic_leak"))
                .toList();
        assertThat(leaks).singleElement().satisfies(n -> {
            // one finding shape: golden row 1 in rows (as golden_leak has it), training row 2 in trainingRows
            assertThat(n.path("rows").get(0).asInt()).isEqualTo(1);
            assertThat(n.path("trainingRows").get(0).asInt()).isEqualTo(2);
            assertThat(n.path("score").asDouble()).isGreaterThanOrEqualTo(0.65);
            assertThat(n.has("goldenRow")).isFalse();
        });
        assertThat(dir.resolve("cache")).isDirectoryContaining(p -> p.toString().endsWith(".emb"));
    }

    @Test
    void underAnOnlyWithoutLeakageNoLeakIsCalledMissedByTheLexicalCheck() throws IOException {
        // golden row 0 is an exact copy of a training input: the lexical check would flag it, but under --only counts
        // it does not run, so the semantic leak must not be said to be one that check "missed"
        Path train = dir.resolve("train.jsonl");
        Files.write(
                train,
                List.of(
                        chat("Do you ship to Canada?", "Yes, within 7 days."),
                        chat("Where is my invoice?", "In your account.")));
        Path golden = dir.resolve("golden.jsonl");
        Files.write(golden, List.of(chat("Do you ship to Canada?", "Yes, within 7 days.")));
        List<String> args = List.of(
                "audit",
                train.toString(),
                "--golden",
                golden.toString(),
                "--semantic",
                "--only",
                "counts",
                "--embedding-cache",
                "none");
        CliRun text = CliRun.of(args.toArray(String[]::new));
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out())
                .contains("paraphrase leaks: 1 of 1 golden rows have a training input at cosine ≥ 0.65 (exact and near"
                        + " copies among them: the exact/MinHash leakage check did not run, --only leaves it out)")
                .doesNotContain("missed");

        List<String> json = new java.util.ArrayList<>(args);
        json.addAll(List.of("--format", "json"));
        CliRun run = CliRun.of(json.toArray(String[]::new));
        JsonNode s = JSON.readTree(run.out()).path("semantic");
        assertThat(s.path("leakedGoldenRows").asLong()).isEqualTo(1);
        assertThat(s.path("alsoLexicalLeaks").isNull()).isTrue();

        // with the leakage check, the same leak is the lexical check's
        CliRun all = CliRun.of(
                "audit",
                train.toString(),
                "--golden",
                golden.toString(),
                "--semantic",
                "--format",
                "json",
                "--embedding-cache",
                "none");
        JsonNode a = JSON.readTree(all.out()).path("semantic");
        assertThat(a.path("leakedGoldenRows").asLong()).isZero();
        assertThat(a.path("alsoLexicalLeaks").asLong()).isEqualTo(1);
    }

    @Test
    void theTextReportShowsTheHistogram() throws IOException {
        Path train = dir.resolve("train.jsonl");
        Files.write(
                train,
                List.of(
                        chat("Do you ship to Canada?", "Yes."),
                        chat("Do you deliver to Canada?", "Yes."),
                        chat("Where is my invoice?", "In your account.")));
        CliRun run = CliRun.of("audit", train.toString(), "--semantic", "--embedding-cache", "none");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Semantic (all-minilm-l6-v2-q@")
                .contains("nearest-neighbour cosine")
                .contains("near-duplicates:");
        assertThat(dir.resolve(".tunegate")).doesNotExist();
    }
}
