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

    /** A folder of workspaces stands for each of them, as serve takes it; a folder with none is one line, exit 3. */
    @Test
    void dueOfAFolderChecksEachWorkspaceInIt() throws IOException {
        Path all = tmp.resolve("all");
        for (String name : new String[] {"b-fresh", "a-fresh"}) {
            Path ws = all.resolve(name);
            Files.createDirectories(ws);
            Files.writeString(ws.resolve("tunegate.yaml"), "useCase:\n  name: " + name + "\n  taskType: other\n");
        }
        Files.createDirectories(all.resolve("not-a-workspace"));
        CliRun folder = CliRun.of("due", all.toString(), "--format", "json", "--as-of", "2026-12-01");
        assertThat(folder.exitCode()).as(folder.err()).isZero();
        assertThat(JSON.readTree(folder.out()).path("workspaces").toString())
                .isEqualTo(JSON.writeValueAsString(java.util.List.of(
                        all.resolve("a-fresh").toString(),
                        all.resolve("b-fresh").toString())));
        // a broken tunegate.yaml among them is named with its folder
        Files.writeString(all.resolve("b-fresh/tunegate.yaml"), "useCase:\n  name: b\n  taskType: poetry\n");
        CliRun broken = CliRun.of("due", all.toString());
        assertThat(broken.exitCode()).isEqualTo(3);
        assertThat(broken.err()).contains(all + "/b-fresh/tunegate.yaml:3: key \"useCase.taskType\"");
        CliRun none = CliRun.of("due", all.resolve("not-a-workspace").toString());
        assertThat(none.exitCode()).isEqualTo(3);
        assertThat(none.err()).contains("expected a workspace (a folder with tunegate.yaml) or a folder of them");
    }

    /**
     * A CSV log without a groups column cannot show an access-control gap, and one without a retrieved column
     * cannot show a low score: those measures are reported as not measurable, never computed from the missing
     * column (before: every call 'low 100.0 %', and the salary-band topic blamed on groups '(none)').
     */
    @Test
    void aCsvWithoutGroupsOrRetrievedColumnsReportsThoseMeasuresAsNotMeasurable() throws IOException {
        Path ws = copyPolicyQa();
        StringBuilder withRetrieved = new StringBuilder("ts,query,refused,retrieved\n");
        StringBuilder bare = new StringBuilder("ts,query,refused\n");
        for (String line : Files.readAllLines(ws.resolve("logs/calls.jsonl"))) {
            JsonNode c;
            try {
                c = JSON.readTree(line);
            } catch (IOException e) {
                continue; // the example's planted invalid line
            }
            if (!c.path("refused").isBoolean()) continue;
            String q = "\"" + c.path("query").asText().replace("\"", "\"\"") + "\"";
            StringBuilder ret = new StringBuilder();
            for (JsonNode r : c.path("retrieved"))
                ret.append(ret.isEmpty() ? "" : ";")
                        .append(r.path("id").asText())
                        .append(':')
                        .append(r.path("score").asDouble());
            String row =
                    c.path("ts").asText() + "," + q + "," + c.path("refused").asBoolean();
            withRetrieved.append(row).append(',').append(ret).append('\n');
            bare.append(row).append('\n');
        }
        Path noGroups = tmp.resolve("no-groups.csv");
        Files.writeString(noGroups, withRetrieved);
        CliRun run = CliRun.of(
                "ops", "weekly", ws.toString(), "--log", noGroups.toString(), "--dry-run", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = JSON.readTree(run.out());
        // the JSONL review classes the salary-band topic a metadata fix; without groups nothing is blamed on them
        assertThat(r.path("refusedTopics").findValuesAsText("type")).doesNotContain("metadata-fix");
        assertThat(r.path("refusedTopics").get(0).path("groups").isNull()).isTrue();
        assertThat(r.path("refusedTopics").get(0).path("hiddenDocuments").size())
                .isZero();
        // retrieval is logged: the low-score share is measured over every call, as with the JSONL log
        assertThat(r.path("callsWithRetrieval").asLong())
                .isEqualTo(r.path("calls").asLong());
        assertThat(CliRun.of("ops", "weekly", ws.toString(), "--log", noGroups.toString(), "--dry-run")
                        .out())
                .contains("access control: not checked (the log does not record the callers' groups)")
                .doesNotContain("cannot see");

        Path neither = tmp.resolve("bare.csv");
        Files.writeString(neither, bare);
        CliRun bareRun =
                CliRun.of("ops", "weekly", ws.toString(), "--log", neither.toString(), "--dry-run", "--format", "json");
        assertThat(bareRun.exitCode()).as(bareRun.err()).isZero();
        JsonNode b = JSON.readTree(bareRun.out());
        assertThat(b.path("callsWithRetrieval").asLong()).isZero();
        assertThat(b.path("lowScoreRetrievals").asLong()).isZero();
        assertThat(b.path("kpis").path("weeks").findValues("lowScoreRate")).allMatch(JsonNode::isNull);
        assertThat(b.path("backlog").findValuesAsText("type")).containsOnly("unclassified");
        assertThat(CliRun.of("ops", "weekly", ws.toString(), "--log", neither.toString(), "--dry-run")
                        .out())
                .contains("not measurable: no call of the week records its retrieved documents")
                .doesNotContain("low 100.0 %");
        // the page says it too (it read "0 calls with a top score below …")
        CliRun written = CliRun.of("ops", "weekly", ws.toString(), "--log", neither.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(Files.readString(ws.resolve("ops/weekly/" + b.path("week").asText() + ".html")))
                .contains("Not measurable: no call of the week records its retrieved documents")
                .doesNotContain("calls with a top score below");
    }

    @Test
    void aBadWeekIsOneLineAndAUsageError() throws IOException {
        Path ws = copyPolicyQa();
        CliRun run = CliRun.of("ops", "weekly", ws.toString(), "--week", "2026-48", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("--week \"2026-48\": expected an ISO week like 2026-W48")
                .doesNotContain("at dev.");
        // a week its year does not have is the same mistake
        CliRun w54 = CliRun.of("ops", "weekly", ws.toString(), "--week", "2026-W54", "--dry-run");
        assertThat(w54.exitCode()).isEqualTo(2);
        assertThat(w54.err()).contains("--week \"2026-W54\": expected a week 1–53 of 2026");
        // lower case is the same week
        assertThat(CliRun.of("ops", "weekly", ws.toString(), "--week", "2026-w48", "--dry-run")
                        .exitCode())
                .isZero();
    }

    @Test
    void aRegressionCheckRunWithTheWorkspaceIsLoggedAndDueSeesIt() throws IOException {
        Path ws = copyPolicyQa();
        // before: no pilot record, no adapter promotion, no logged check
        JsonNode before = JSON.readTree(CliRun.of("due", ws.toString(), "--format", "json", "--as-of", "2026-12-20")
                .out());
        assertThat(regressionItems(before)).singleElement().satisfies(o -> {
            assertThat(o.path("what").asText()).contains("no golden-set regression on record");
            assertThat(o.path("since").asText()).isEqualTo("never");
        });

        String b = ws.resolve("evals/baseline.jsonl").toString(),
                c = ws.resolve("evals/candidate.jsonl").toString();
        CliRun plain = CliRun.of("regress", "--baseline", b, "--candidate", c, "--format", "json");
        CliRun logged = CliRun.of(
                "regress",
                "--baseline",
                b,
                "--candidate",
                c,
                "--format",
                "json",
                "--workspace",
                ws.toString(),
                "--as-of",
                "2026-12-15");
        assertThat(logged.exitCode()).isEqualTo(plain.exitCode());
        assertThat(logged.out()).isEqualTo(plain.out()); // the check's output is the same; the log is beside it
        assertThat(logged.err()).contains("recorded in").contains("regress-log.jsonl");
        Path log = ws.resolve("evals/regress-log.jsonl");
        assertThat(Files.readAllLines(log)).singleElement().satisfies(line -> {
            JsonNode e = JSON.readTree(line);
            JsonNode r = JSON.readTree(plain.out());
            assertThat(e.path("v").asInt()).isEqualTo(1);
            assertThat(e.path("date").asText()).isEqualTo("2026-12-15");
            assertThat(e.path("at").asText()).isEqualTo("2026-12-15T00:00:00Z");
            assertThat(e.path("baseline").asText()).isEqualTo("evals/baseline.jsonl");
            assertThat(e.path("candidate").asText()).isEqualTo("evals/candidate.jsonl");
            assertThat(e.path("baselineSha256").asText())
                    .isEqualTo(dev.tunegate.io.Digests.sha256(ws.resolve("evals/baseline.jsonl")));
            assertThat(e.path("verdict").asText()).isEqualTo(r.path("verdict").asText());
            assertThat(e.path("sharedItems").asInt())
                    .isEqualTo(r.path("sharedItems").asInt());
            assertThat(e.path("margin").asDouble()).isEqualTo(0.01);
            assertThat(e.has("golden")).isFalse();
        });

        // after: the logged check is the latest regression; a quarter later it is due again, since that day
        JsonNode after = JSON.readTree(CliRun.of("due", ws.toString(), "--format", "json", "--as-of", "2026-12-20")
                .out());
        assertThat(regressionItems(after)).isEmpty();
        JsonNode later = JSON.readTree(CliRun.of("due", ws.toString(), "--format", "json", "--as-of", "2027-04-01")
                .out());
        assertThat(regressionItems(later)).singleElement().satisfies(o -> {
            assertThat(o.path("what").asText()).contains("last 2026-12-15");
            assertThat(o.path("since").asText()).isEqualTo("2027-03-16"); // 2026-12-15 + 91 days
        });

        // a line a crash cut short is skipped with a note, and the next check starts on a line of its own
        Files.writeString(log, Files.readString(log) + "{\"v\":1,\"da", java.nio.file.StandardOpenOption.CREATE);
        CliRun.of("regress", "--baseline", b, "--candidate", c, "--workspace", ws.toString(), "--as-of", "2027-04-02");
        assertThat(Files.readAllLines(log)).hasSize(3);
        JsonNode again = JSON.readTree(CliRun.of("due", ws.toString(), "--format", "json", "--as-of", "2027-04-03")
                .out());
        assertThat(regressionItems(again)).isEmpty();
        assertThat(again.path("notes").toString()).contains("regress-log.jsonl:2: expected a JSON object");
    }

    private static java.util.List<JsonNode> regressionItems(JsonNode due) {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode o : due.path("overdue")) if (o.path("kind").asText().equals("regression")) out.add(o);
        return out;
    }
}
