package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalCommandTest {
    @TempDir
    Path tmp;

    private void corpus() throws IOException {
        Files.writeString(tmp.resolve("docs.jsonl"), """
                {"id": "a", "title": "Refunds", "text": "Refunds are paid within thirty days.", "groups": ["staff"], "updated": ["2025-01-01", "2025-01-08"]}
                {"id": "b", "title": "Salaries", "text": "Salary bands are reviewed in March.", "groups": ["hr"], "updated": []}
                """);
        Files.writeString(tmp.resolve("q.jsonl"), """
                {"id": "q1", "question": "when are refunds paid", "relevant": ["a"], "groups": ["staff"]}
                {"id": "q2", "question": "salary bands review", "relevant": ["b"], "groups": ["staff"]}
                """);
    }

    @Test
    void flagsWorkWithoutAWorkspaceAndJsonHasTheContractFields() throws IOException {
        corpus();
        CliRun run = CliRun.of(
                "retrieval",
                "--corpus",
                tmp.resolve("docs.jsonl").toString(),
                "--golden",
                tmp.resolve("q.jsonl").toString(),
                "--k",
                "3",
                "--format",
                "json");
        assertThat(run.exitCode()).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(run.out());
        for (String f : new String[] {
            "documents",
            "chunks",
            "questions",
            "recallAtK",
            "mrr",
            "ndcgAt10",
            "aclFindings",
            "leaks",
            "goldenSetProblems",
            "medianChangeIntervalDays",
            "contextTokensP50"
        }) {
            assertThat(json.has(f)).as(f).isTrue();
        }
        // q1 finds a; q2 (staff) may not read b (hr): recall@3 = (1 + 0) / 2
        assertThat(json.get("recallAtK").get("3").asDouble()).isEqualTo(0.5);
        assertThat(json.get("leaks")).isEmpty();
    }

    @Test
    void textOutputNamesTheNumbersThatMatterAndTheWorstQuestions() throws IOException {
        corpus();
        CliRun run = CliRun.of(
                "retrieval",
                "--corpus",
                tmp.resolve("docs.jsonl").toString(),
                "--golden",
                tmp.resolve("q.jsonl").toString());
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).contains("recall@5  0.500", "below 80 %", "leaks: 0", "Worst questions", "q2");
    }

    @Test
    void textOutputSaysOneThingInTheSingularAndGoldenSetProblemsAsSentences() throws IOException {
        corpus();
        Files.writeString(tmp.resolve("q.jsonl"), """
                {"id": "q1", "question": "when are refunds paid", "relevant": ["a"], "groups": ["staff"]}
                {"id": "q2", "question": "salary bands review", "relevant": ["b"], "groups": ["staff"]}
                {"id": "q3", "question": "parking rules", "relevant": ["parking"], "groups": ["staff"]}
                """);
        CliRun run = CliRun.of(
                "retrieval",
                "--corpus",
                tmp.resolve("docs.jsonl").toString(),
                "--golden",
                tmp.resolve("q.jsonl").toString());
        assertThat(run.exitCode()).isEqualTo(0);
        // unfiltered, b (hr) reaches q2 (staff): one result in one of the three questions
        assertThat(run.out())
                .contains("without the group filter: 1 result in 1 of 3 questions would leak")
                .contains("  1 of 3 judged relevant documents is not in the corpus — recall on their questions is"
                        + " zero whatever the retriever does\n    → ")
                .doesNotContain("JUDGED_NOT_IN_CORPUS")
                .doesNotContain("LOUD");
    }

    @Test
    void aMissingCorpusIsInvalidInput() {
        CliRun run =
                CliRun.of("retrieval", "--corpus", tmp.resolve("nope.jsonl").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("error: ").contains("nope.jsonl");
    }
}
