package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
    @TempDir
    Path tmp;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Path csv() throws IOException {
        return Files.writeString(tmp.resolve("train.csv"), """
                utterance,intent
                where is my card,card_arrival
                Where is my card?,card_arrival
                where is my card,lost_card
                how do I top up my account with a card,top_up
                """);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
        "text,class",
        "sentence,label",
        "utterance,intent",
        "query,category",
        "input,sentiment"
    })
    void theCommonHeaderNamesOfPublicDatasetsNeedNoColumnMapping(String input, String output) throws IOException {
        Path file = Files.writeString(
                tmp.resolve("public.csv"),
                input + "," + output + "\n"
                        + "the film was wonderful,positive\nThe film was wonderful!,positive\nthe film was wonderful,negative\n");
        CliRun run = CliRun.of("audit", file.toString(), "--format", "json", "--threads", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = MAPPER.readTree(run.out());
        assertThat(j.get("rows").asInt()).isEqualTo(3);
        assertThat(j.get("validRows").asInt()).isEqualTo(3);
        assertThat(j.get("conflictGroups").asInt()).isEqualTo(1);
    }

    @Test
    void jsonOutputCarriesTheContractFields() throws IOException {
        CliRun run = CliRun.of(
                "audit",
                csv().toString(),
                "--column",
                "input=utterance",
                "--column",
                "output=intent",
                "--format",
                "json",
                "--threads",
                "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = MAPPER.readTree(run.out());
        for (String f : List.of(
                "schemaVersion",
                "rows",
                "validRows",
                "approvedRows",
                "goldRows",
                "exactDuplicateGroups",
                "nearDuplicateClusters",
                "rowsInNearDuplicateClusters",
                "conflictGroups",
                "findingsByKind",
                "tokens",
                "nearDuplicateParams")) {
            assertThat(j.has(f)).as(f).isTrue();
        }
        assertThat(j.get("rows").asInt()).isEqualTo(4);
        assertThat(j.get("exactDuplicateGroups").asInt()).isEqualTo(1);
        assertThat(j.get("conflictGroups").asInt()).isEqualTo(1);
        assertThat(j.at("/tokens/total").asLong()).isPositive();
        assertThat(j.at("/nearDuplicateParams/seed").asLong()).isEqualTo(42);
        assertThat(j.at("/nearDuplicateParams/permutations").asInt()).isPositive();
    }

    @Test
    void findingsAreWrittenOnePerLineWithKindAndRows() throws IOException {
        Path out = tmp.resolve("findings.jsonl");
        CliRun run = CliRun.of("audit", csv().toString(), "--only", "near-duplicates", "--findings", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).isNotEmpty();
        JsonNode cluster = MAPPER.readTree(lines.stream()
                .filter(l -> l.contains("near_duplicate_cluster"))
                .findFirst()
                .orElseThrow());
        assertThat(cluster.get("rows").toString())
                .isEqualTo("[0,1]"); // row 2 has another output, so its whole example differs
        assertThat(run.out()).contains("near-duplicate clusters").doesNotContain("tokens (");
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    /** A findings file that cannot be written is an I/O failure of our own (exit 5) that says why, not only where. */
    @Test
    void anUnwritableFindingsFileExits5WithTheCause() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path out = file.resolve("findings.jsonl"); // under a file, not a folder
        CliRun run = CliRun.of("audit", csv().toString(), "--findings", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(5);
        assertThat(run.err().strip())
                .isEqualTo("error: cannot write " + out
                        + ": a file is already there; the previous state of the file is intact");
    }

    @Test
    void textOutputLeadsWithTheNumbersThatMatter() throws IOException {
        CliRun run = CliRun.of("audit", csv().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().findFirst().orElseThrow())
                .contains("(csv, 4 rows)")
                .contains("4 valid");
        assertThat(run.out()).contains("conflicts: 1 group(s)").contains("Findings:");
    }

    @Test
    void badInputIsOneLineAndExitCode3() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "");
        CliRun run = CliRun.of("audit", empty.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip()).isEqualTo("error: " + empty + ": the file is empty");
    }

    /** A bad option value is a usage error (exit 2), as picocli's own are, in one line: option, expected, found. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "--only|dedupe|--only \"dedupe\": expected a comma list of counts, exact-duplicates",
                "--threshold|1.5|--threshold: expected a number in (0, 1], found 1.5",
                "--threshold|NaN|--threshold: expected a number in (0, 1], found NaN",
                "--tokenizer|foo|--tokenizer: expected o200k_base or cl100k_base, found \"foo\"",
                "--data-format|bogus|--data-format: expected one of auto, openai-chat",
                "--context-limit|-5|--context-limit: expected a number of tokens ≥ 1, found -5",
                "--max-errors|-1|--max-errors: expected a number ≥ 0 (0: never stop), found -1"
            })
    void aBadOptionValueIsAUsageError(String option, String value, String message) throws IOException {
        CliRun run = CliRun.of("audit", csv().toString(), option, value);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(run.out()).isEmpty();
    }

    /** A file with rows of which none could be used is invalid input (exit 3), after the report that shows why. */
    @Test
    void aFileWithoutOneValidRowExitsThreeWithTheFormatHint() throws IOException {
        CliRun run = CliRun.of("audit", csv().toString(), "--data-format", "openai-chat", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(MAPPER.readTree(run.out()).get("validRows").asInt()).isZero(); // the report is still printed
        assertThat(run.err().strip())
                .startsWith("error: " + tmp.resolve("train.csv") + ": none of the 5 rows is valid as openai-chat; the"
                        + " first error, at line 1: ")
                .endsWith("Is the format right? Set it with --data-format and --column (data.format, data.columns)")
                .doesNotContain("\n");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void aGoldenFileWithoutOneValidRowExitsThreeInsteadOfReportingNoLeak() throws IOException {
        Path golden = Files.writeString(
                tmp.resolve("golden.jsonl"), "{\"messages\":[{\"role\":\"user\",\"content\":\"where is my card\"}]}\n");
        CliRun run = CliRun.of(
                "audit",
                csv().toString(),
                "--column",
                "input=utterance",
                "--column",
                "output=intent",
                "--golden",
                golden.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.out()).contains("leakage: not checked: none of the 1 golden rows is valid");
        assertThat(run.err().strip())
                .startsWith("error: " + golden + ": none of the 1 golden rows is valid, so leakage was not checked; the"
                        + " first error, at line 1: no_assistant_turn");
    }

    @Test
    void aGoldenSetBesideChecksThatNeverReadItIsAUsageError() throws IOException {
        // before, --only counts --golden MISSING exited 0: the golden file was never opened, its absence unsaid
        CliRun run = CliRun.of("audit", csv().toString(), "--only", "counts,tokens", "--golden", "missing.jsonl");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("--only counts,tokens: --golden missing.jsonl is read by the leakage check only, which the"
                        + " list does not name; add leakage to --only, or drop --golden");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anEmptyPathOrAnEmptyCheckListIsAUsageError() throws IOException {
        // before: --golden "" was the current folder ("error: : expected a file, found a folder", exit 3), and
        // --only "" ran every check
        CliRun golden = CliRun.of("audit", csv().toString(), "--golden", "");
        assertThat(golden.exitCode()).isEqualTo(2);
        assertThat(golden.err()).contains("--golden").contains("expected a path, found an empty value");
        CliRun only = CliRun.of("audit", csv().toString(), "--only", "");
        assertThat(only.exitCode()).isEqualTo(2);
        assertThat(only.err())
                .contains("--only: expected a comma list of counts, exact-duplicates")
                .contains("found nothing");
        assertThat(CliRun.of("audit", csv().toString(), "--only", " , ").err()).contains("found \" , \"");
        assertThat(only.out()).isEmpty();
    }

    @Test
    void onlyLeakageWithoutAGoldenSetIsAUsageError() throws IOException {
        CliRun run = CliRun.of("audit", csv().toString(), "--only", "leakage");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "--only leakage: the leakage check expected --golden FILE (the held-out set), found no --golden");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void onlyTokensLeavesOutTheMinHashSettings() throws IOException {
        CliRun run = CliRun.of(
                "audit",
                csv().toString(),
                "--column",
                "input=utterance",
                "--column",
                "output=intent",
                "--only",
                "tokens",
                "--format",
                "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(MAPPER.readTree(run.out()).has("nearDuplicateParams")).isFalse();
        assertThat(MAPPER.readTree(run.out()).has("tokens")).isTrue();
    }

    /** Counts that mean nothing are refused, not quietly replaced by a default. */
    @Test
    void meaninglessCountsAreRefusedNotReplaced() throws IOException {
        CliRun threads = CliRun.of("audit", csv().toString(), "--threads", "0");
        assertThat(threads.exitCode()).isEqualTo(2); // a usage error, as picocli's own
        assertThat(threads.err()).contains("--threads: expected a number ≥ 1, found 0");
        CliRun limit = CliRun.of("audit", csv().toString(), "--context-limit", "-5");
        assertThat(limit.exitCode()).isEqualTo(2);
        assertThat(limit.err()).contains("--context-limit: expected a number of tokens ≥ 1, found -5");
        CliRun errors = CliRun.of("audit", csv().toString(), "--max-errors", "-1");
        assertThat(errors.exitCode()).isEqualTo(2);
        assertThat(errors.err()).contains("--max-errors: expected a number ≥ 0 (0: never stop), found -1");
        assertThat(CliRun.of("audit", csv().toString(), "--threads", "1").exitCode())
                .isZero();
    }
}
