package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ops weekly} on the shipped policy-qa log (every section present) and {@code due}'s contract. */
class OpsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path copyPolicyQa() throws IOException {
        return AssessEndToEndTest.copyExample("policy-qa", tmp);
    }

    @Test
    void weeklyReviewOfTheExampleShowsEverySectionAndTheContractFields() throws IOException {
        Path ws = copyPolicyQa();
        CliRun run = CliRun.of("ops", "weekly", ws.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = JSON.readTree(run.out());
        for (String f : new String[] {
            "calls",
            "refused",
            "refusedTopics",
            "lowScoreRetrievals",
            "lowScoreTopics",
            "backlog",
            "failuresQueued",
            "kpis"
        }) {
            assertThat(r.has(f)).as(f).isTrue();
        }
        assertThat(r.path("week").asText()).isEqualTo("2026-W48");
        assertThat(r.path("refusedTopics").get(0).path("examples").size()).isBetween(1, 3);
        assertThat(r.path("refusedTopics").get(0).has("id")).isTrue();
        // the planted gaps: an access-control gap (never with document content), a stale and a missing document
        assertThat(r.path("backlog").findValuesAsText("type"))
                .contains("metadata-fix", "stale-document", "new-document");
        JsonNode acl = null;
        for (JsonNode e : r.path("backlog")) if (e.path("type").asText().equals("metadata-fix")) acl = e;
        assertThat(acl.path("documents").toString()).contains("pol-salary-bands");
        assertThat(run.out()).doesNotContain("Salary bands are reviewed every March");
        assertThat(r.path("problemCount").asLong()).isEqualTo(2);
        assertThat(r.path("failuresQueued").asLong()).isPositive();
        assertThat(r.path("kpis").path("weeks").size()).isEqualTo(3);
        assertThat(ws.resolve("ops/weekly/2026-W48.json")).exists();
        String html = Files.readString(ws.resolve("ops/weekly/2026-W48.html"));
        assertThat(html)
                .contains("<canvas id=\"chart-latency\"")
                .contains("Chart.js")
                .doesNotContain("src=\"http");
        long backlogLines = Files.readAllLines(ws.resolve("ops/backlog.jsonl")).size();

        // due: the backlog opened in W48 is overdue three weeks later; exit 1 and the contract's fields
        CliRun due = CliRun.of("due", ws.toString(), "--format", "json", "--as-of", "2026-12-20");
        assertThat(due.exitCode()).isEqualTo(1);
        JsonNode d = JSON.readTree(due.out());
        assertThat(d.path("overdue").size()).isPositive();
        for (JsonNode o : d.path("overdue")) {
            assertThat(o.has("workspace") && o.has("what") && o.has("since")).isTrue();
        }
        assertThat(d.path("overdue").findValuesAsText("kind"))
                .contains("backlog", "base-model", "prices", "regression");
        assertThat(CliRun.of("due", ws.toString(), "--format", "junit", "--as-of", "2026-12-20")
                        .out())
                .contains("<testsuite name=\"tunegate due\"")
                .contains("<failure");
        // reading does not write
        assertThat(Files.readAllLines(ws.resolve("ops/backlog.jsonl"))).hasSize((int) backlogLines);
    }

    @Test
    void dueIsQuietForAFreshWorkspaceWithNothingToCheck() throws IOException {
        Path ws = tmp.resolve("fresh");
        Files.createDirectories(ws);
        Files.writeString(ws.resolve("tunegate.yaml"), "useCase:\n  name: fresh\n  taskType: classification\n");
        CliRun due = CliRun.of("due", ws.toString(), "--format", "json", "--as-of", "2026-12-01");
        assertThat(due.exitCode()).as(due.out()).isZero();
        assertThat(JSON.readTree(due.out()).path("overdue").size()).isZero();
    }

    @Test
    void aBadWeekIsOneLineAndExit3() throws IOException {
        Path ws = copyPolicyQa();
        CliRun run = CliRun.of("ops", "weekly", ws.toString(), "--week", "2026-48", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .contains("--week \"2026-48\": expected an ISO week like 2026-W48")
                .doesNotContain("at dev.");
    }
}
