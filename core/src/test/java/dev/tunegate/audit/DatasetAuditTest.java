package dev.tunegate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.read.ColumnMapping;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetAuditTest {
    private static final long SEED = 7;

    @TempDir
    Path dir;

    private PlantedDataset data;
    private Path train;

    @BeforeEach
    void write() {
        data = new PlantedDataset(SEED);
        train = Fixtures.write(dir, "train.jsonl", data.lines);
    }

    private static String pair(int a, int b) {
        return Math.min(a, b) + "-" + Math.max(a, b);
    }

    @Test
    void plantedCosmeticCopiesAreExactDuplicates() {
        AuditReport r = DatasetAudit.run(AuditRequest.of(train), Progress.SILENT, 2);
        // 30 copies that differ only in case, spacing and trailing punctuation: 30 groups of 2
        assertThat(r.exactDuplicateGroups()).isEqualTo(PlantedDataset.EXACT_PLANTS);
        assertThat(r.rowsInExactDuplicateGroups()).isEqualTo(2L * PlantedDataset.EXACT_PLANTS);
    }

    @Test
    void nearDuplicatePairsMatchTheExactJaccardReference() {
        List<Finding> findings = new ArrayList<>();
        AuditReport r = DatasetAudit.run(
                AuditRequest.of(train).withChecks(EnumSet.of(AuditCheck.NEAR_DUPLICATES)),
                Progress.SILENT,
                2,
                findings::add);
        // the truth: every pair of rows whose whole examples have exact 5-shingle Jaccard ≥ 0.8
        Set<String> truth = new HashSet<>();
        int n = data.lines.size();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (PlantedDataset.jaccard(data.whole(i), data.whole(j)) >= 0.8) truth.add(pair(i, j));
            }
        }
        // planted: 30 exact copies (J = 1) and 30 with one appended input word (J ≈ 0.95); conflict plants
        // change the output word, which changes few shingles of 150 words, so they are near-duplicates too
        assertThat(truth).hasSizeGreaterThanOrEqualTo(PlantedDataset.EXACT_PLANTS + PlantedDataset.NEAR_PLANTS);
        Set<String> found = new HashSet<>();
        for (Finding f : findings) {
            if (!f.kind().equals("near_duplicate_cluster")) continue;
            for (int a = 0; a < f.rows().size(); a++)
                for (int b = a + 1; b < f.rows().size(); b++)
                    found.add(pair(f.rows().get(a), f.rows().get(b)));
        }
        Set<String> hit = new HashSet<>(found);
        hit.retainAll(truth);
        double recall = (double) hit.size() / truth.size();
        double precision = found.isEmpty() ? 0 : (double) hit.size() / found.size();
        // tolerance: with 128 permutations the estimate's standard error at J = 0.8 is 0.035, so pairs near
        // the threshold may fall either side; planted pairs sit at J ≥ 0.95, far above it
        assertThat(recall).as("recall").isGreaterThanOrEqualTo(0.95);
        assertThat(precision).as("precision").isGreaterThanOrEqualTo(0.95);
        assertThat(r.nearDuplicateClusters())
                .isEqualTo(findings.stream()
                        .filter(f -> f.kind().equals("near_duplicate_cluster"))
                        .count());
        assertThat(r.tokens()).isNull();
        assertThat(r.nearDuplicateParams().seed()).isEqualTo(42);
    }

    @Test
    void plantedConflictsAreFoundAndExactCopiesAreNot() {
        List<Finding> findings = new ArrayList<>();
        AuditReport r = DatasetAudit.run(AuditRequest.of(train), Progress.SILENT, 2, findings::add);
        Set<String> conflictPairs = new HashSet<>();
        for (Finding f : findings)
            if (f.kind().equals("conflict"))
                conflictPairs.add(pair(f.rows().get(0), f.rows().get(f.rows().size() - 1)));
        Set<String> planted = new HashSet<>();
        int first = PlantedDataset.BASE + PlantedDataset.EXACT_PLANTS + PlantedDataset.NEAR_PLANTS;
        for (int i = 0; i < PlantedDataset.CONFLICT_PLANTS; i++) planted.add(pair(60 + i, first + i));
        assertThat(conflictPairs).isEqualTo(planted);
        assertThat(r.conflictGroups()).isEqualTo(PlantedDataset.CONFLICT_PLANTS);
        // repeated-input groups: 30 exact + 30 near + 20 conflict plants, each a pair with its base
        assertThat(r.repeatedInputGroups()).isEqualTo(80);
        assertThat(r.labelDisagreementRate()).isEqualTo(20.0 / 80);
    }

    @Test
    void goldenRowsWhoseInputsAreInTrainingLeak() {
        List<String> golden = new ArrayList<>();
        for (int i = 0; i < 3; i++)
            golden.add(Fixtures.chat(data.inputs.get(100 + i).toUpperCase(java.util.Locale.ROOT) + ".", "whatever"));
        for (int i = 0; i < 3; i++) golden.add(Fixtures.chat(data.inputs.get(110 + i) + " extra", "whatever"));
        for (int i = 0; i < 4; i++) golden.add(Fixtures.chat(data.sentence(150), "fresh"));
        Path g = Fixtures.write(dir, "golden.jsonl", golden);
        List<Finding> findings = new ArrayList<>();
        AuditReport r = DatasetAudit.run(AuditRequest.of(train).withGolden(g), Progress.SILENT, 2, findings::add);
        assertThat(r.leakedGoldenRows()).isEqualTo(6L);
        assertThat(r.leakage().exactLeaks()).isEqualTo(3);
        assertThat(r.leakage().nearLeaks()).isEqualTo(3);
        assertThat(findings)
                .filteredOn(f -> f.kind().equals("golden_leak"))
                .extracting(f -> f.rows().get(0) + "→" + f.trainingRows().get(0))
                .containsExactly("0→100", "1→101", "2→102", "3→110", "4→111", "5→112");
    }

    @Test
    void aGoldenRowWithAnExactCopyInTrainingAlsoNamesItsNearCopies() {
        // base row 30's input, verbatim: an exact copy of training row 30, and a near copy of row 230, the near plant
        // that appends one word to it (true input Jaccard 146/147 ≈ 0.99: 146 five-word shingles of 150 words, one
        // more); both rows leak, and export removes the rows a finding names
        int nearPlant = PlantedDataset.BASE + PlantedDataset.EXACT_PLANTS;
        assertThat(PlantedDataset.jaccard(data.inputs.get(30), data.inputs.get(nearPlant)))
                .isEqualTo(146.0 / 147);
        Path g = Fixtures.write(dir, "golden.jsonl", List.of(Fixtures.chat(data.inputs.get(30), "whatever")));
        List<Finding> findings = new ArrayList<>();
        AuditReport r = DatasetAudit.run(AuditRequest.of(train).withGolden(g), Progress.SILENT, 2, findings::add);
        assertThat(r.leakage().exactLeaks()).isEqualTo(1);
        assertThat(r.leakage().nearLeaks()).isZero(); // a golden row counts once, as exact
        Finding leak = findings.stream()
                .filter(f -> f.kind().equals("golden_leak"))
                .findFirst()
                .orElseThrow();
        assertThat(leak.trainingRows()).containsExactly(30, nearPlant);
        assertThat(leak.message())
                .startsWith("the input is an exact (normalised) duplicate of training row 30 and a near"
                        + " duplicate (estimated Jaccard ");
    }

    @Test
    void aFigureOfTwoShortTextsIsSaidToBeExactAndAnyOtherAnEstimate() {
        // short (≤ 16 distinct 5-shingles) texts are compared by their exact Jaccard, longer ones by the MinHash
        // estimate: the messages must say which figure they print
        String shortText = "how do i top up my card with cash at the post office"; // 9 shingles
        String longText = words("leak", 60); // 56 shingles
        String shortCluster = "where can i see the exchange rate for euros";
        String longCluster = words("cluster", 60);
        Path t = Fixtures.write(
                dir,
                "short-train.jsonl",
                List.of(
                        Fixtures.chat(shortText + " today", "top_up"), // 10 shingles, 9 shared: Jaccard 0.90
                        Fixtures.chat(longText + " extra", "long_answer"),
                        Fixtures.chat(shortCluster, "exchange_rate"), // 6 and 7 shingles of the whole example
                        Fixtures.chat("please " + shortCluster, "exchange_rate"),
                        Fixtures.chat(longCluster, "other_answer"),
                        Fixtures.chat(longCluster + " again", "other_answer")));
        Path g = Fixtures.write(
                dir,
                "short-golden.jsonl",
                List.of(Fixtures.chat(shortText, "top_up"), Fixtures.chat(longText, "long_answer")));
        List<Finding> findings = new ArrayList<>();
        AuditReport report = DatasetAudit.run(AuditRequest.of(t).withGolden(g), Progress.SILENT, 2, findings::add);
        // the report's clusters say it too, for a program that reads the JSON and not the messages
        assertThat(report.largestClusters())
                .extracting(c -> c.sampleRows() + " " + c.exact())
                .containsExactly("[2, 3] true", "[4, 5] false");
        List<String> leaks = findings.stream()
                .filter(f -> f.kind().equals("golden_leak"))
                .map(Finding::message)
                .toList();
        assertThat(leaks).hasSize(2);
        assertThat(leaks.get(0))
                .isEqualTo(
                        "the input is a near duplicate (Jaccard 0.90, exact: both texts are short) of training row 0");
        // true Jaccard 56/57: the estimate is near it, and said to be an estimate
        assertThat(leaks.get(1))
                .matches("the input is a near duplicate \\(estimated Jaccard (0\\.9\\d|1\\.00)\\) of training row 1");
        List<String> clusters = findings.stream()
                .filter(f -> f.kind().equals("near_duplicate_cluster"))
                .map(f -> f.rows() + " " + f.message())
                .toList();
        assertThat(clusters).hasSize(2);
        assertThat(clusters.get(0))
                .isEqualTo("[2, 3] 2 near-duplicate examples (Jaccard ≥ 0.86, exact: all texts are short)");
        assertThat(clusters.get(1))
                .matches("\\[4, 5\\] 2 near-duplicate examples \\(estimated Jaccard ≥ (0\\.9\\d|1\\.00)\\)");
    }

    /** {@code count} distinct words: a text far above 16 shingles. */
    private static String words(String stem, int count) {
        List<String> w = new ArrayList<>();
        for (int i = 0; i < count; i++) w.add(stem + (char) ('a' + i % 26) + (char) ('a' + i / 26));
        return String.join(" ", w);
    }

    @Test
    void theGoldenFileIsReadInItsOwnFormatNotTheTrainingFilesGivenOne() {
        // the training file's format is given (--data-format openai-chat); the golden set is a CSV test split whose
        // first row is training row 100's input verbatim: an exact leak, found only if the CSV is read as CSV
        Path g = Fixtures.write(
                dir,
                "test.csv",
                "input,output\n\"" + data.inputs.get(100) + "\",x\n\"" + data.sentence(150) + "\",y\n");
        AuditReport r = DatasetAudit.run(
                AuditRequest.of(train)
                        .withGolden(g)
                        .withFormat(dev.tunegate.audit.read.DatasetFormat.OPENAI_CHAT, ColumnMapping.none()),
                Progress.SILENT,
                2);
        assertThat(r.leakage().goldenRows()).isEqualTo(2);
        assertThat(r.leakage().validGoldenRows()).isEqualTo(2);
        assertThat(r.leakage().exactLeaks()).isEqualTo(1);
    }

    @Test
    void aGoldenSetWithoutAValidRowIsNotReportedAsFreeOfLeaks() {
        // two chat lines without an assistant turn: rows, but none valid
        String noAnswer = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + data.inputs.get(100) + "\"}]}";
        Path g = Fixtures.write(dir, "golden.jsonl", List.of(noAnswer, noAnswer));
        AuditReport r = DatasetAudit.run(AuditRequest.of(train).withGolden(g), Progress.SILENT, 2);
        assertThat(r.leakage().validGoldenRows()).isZero();
        assertThat(r.notes())
                .anyMatch(n -> n.startsWith("none of the 2 rows of the golden file")
                        && n.endsWith("is valid: leakage was not checked"));
        java.io.StringWriter text = new java.io.StringWriter();
        AuditText.write(new java.io.PrintWriter(text), r, null, null);
        assertThat(text.toString())
                .contains("leakage: not checked: none of the 2 golden rows is valid")
                .doesNotContain("0 of 2 golden rows");
    }

    @Test
    void theReportIsIdenticalWhateverTheThreadCount() {
        Path g = Fixtures.write(dir, "golden.jsonl", List.of(data.lines.get(5), data.lines.get(77)));
        AuditRequest req = AuditRequest.of(train).withGolden(g);
        List<Finding> f1 = new ArrayList<>();
        List<Finding> f4 = new ArrayList<>();
        String one = Json.pretty(DatasetAudit.run(req, Progress.SILENT, 1, f1::add));
        String four = Json.pretty(DatasetAudit.run(req, Progress.SILENT, 4, f4::add));
        assertThat(four).isEqualTo(one);
        assertThat(f4).isEqualTo(f1);
    }

    @Test
    void onlyRunsTheNamedChecks() {
        AuditReport r =
                DatasetAudit.run(AuditRequest.of(train).withChecks(AuditCheck.parse("tokens")), Progress.SILENT, 2);
        assertThat(r.tokens()).isNotNull();
        assertThat(r.tokens().total()).isPositive();
        assertThat(r.nearDuplicateClusters()).isNull();
        assertThat(r.exactDuplicateGroups()).isNull();
        assertThat(r.usableRows()).isNull();
        assertThat(r.nearDuplicateParams()).isNull(); // no check compared MinHash signatures
        assertThat(r.checks()).containsExactly("tokens");
        assertThat(Json.pretty(r)).doesNotContain("nearDuplicateParams");
        // the checks that compare signatures report their settings
        for (String only : List.of("near-duplicates", "conflicts"))
            assertThat(DatasetAudit.run(AuditRequest.of(train).withChecks(AuditCheck.parse(only)), Progress.SILENT, 2)
                            .nearDuplicateParams())
                    .as(only)
                    .isNotNull();
    }

    @Test
    void tokensOfAHandCountedExample() {
        Path f = Fixtures.write(dir, "one.jsonl", List.of(Fixtures.chat("hello", "world")));
        AuditReport r =
                DatasetAudit.run(AuditRequest.of(f).withChecks(EnumSet.of(AuditCheck.TOKENS)), Progress.SILENT, 1);
        // o200k_base: "hello" = 1 token, "world" = 1, "user" = 1, "assistant" = 1;
        // example = (3 + 1 + 1) + (3 + 1 + 1) + 3 = 13 (OpenAI's notebook count)
        assertThat(r.tokens().total()).isEqualTo(13);
        assertThat(r.tokens().inputPerCall().p50()).isEqualTo(1);
        assertThat(r.tokens().outputPerCall().p50()).isEqualTo(1);
        assertThat(r.tokens().epochs()).isEqualTo(25); // 1 example: min(25, 100 // 1)
        assertThat(r.tokens().trainingTokens()).isEqualTo(13 * 25);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"o200k_base", "cl100k_base"})
    void tokensByRoleSumToJtokkitsCountOfTheSameContents(String tokenizer) {
        // the oracle is jtokkit's countTokensOrdinary over every message content, computed here independently
        var jtokkit = com.knuddels.jtokkit.Encodings.newLazyEncodingRegistry()
                .getEncoding(tokenizer)
                .orElseThrow();
        java.util.Random rnd = new java.util.Random(99);
        String[] words = {
            "Hello",
            " world",
            " don't",
            " I'LL",
            " 1234567",
            " 日本語",
            " 👍🏽",
            " naïve",
            " Ωμέγα",
            "\n\n",
            "  ",
            "!?",
            " {\"a\": 1}",
            " ǅ",
            "\u0301x"
        };
        List<String> lines = new ArrayList<>();
        long expected = 0;
        for (int i = 0; i < 200; i++) {
            StringBuilder u = new StringBuilder("q" + i), a = new StringBuilder("a" + i);
            for (int k = rnd.nextInt(30); k > 0; k--) u.append(words[rnd.nextInt(words.length)]);
            for (int k = rnd.nextInt(30); k > 0; k--) a.append(words[rnd.nextInt(words.length)]);
            lines.add(Fixtures.chat(u.toString(), a.toString()));
            expected += jtokkit.countTokensOrdinary(u.toString()) + jtokkit.countTokensOrdinary(a.toString());
        }
        Path f = Fixtures.write(dir, "unicode.jsonl", lines);
        AuditReport r = DatasetAudit.run(
                AuditRequest.of(f).withChecks(EnumSet.of(AuditCheck.TOKENS)).withTokenizer(tokenizer),
                Progress.SILENT,
                2);
        assertThat(r.tokens().tokenizer()).isEqualTo(tokenizer);
        assertThat(r.tokens().byRole().values().stream()
                        .mapToLong(AuditReport.TokenStats::total)
                        .sum())
                .isEqualTo(expected);
    }

    @Test
    void overLongRowsLabelsSeenOnceAndUnknownErasAreFindings() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++)
            lines.add(Fixtures.chat(
                    "short question " + i, i % 2 == 0 ? "billing" : "technical", java.util.Map.of("era", "2025")));
        lines.add(Fixtures.chat(
                "a much longer question that goes on and on and on about many things",
                "refunds",
                java.util.Map.of("era", "2019")));
        Path f = Fixtures.write(dir, "labels.jsonl", lines);
        List<Finding> findings = new ArrayList<>();
        AuditReport r = DatasetAudit.run(
                AuditRequest.of(f).withEras(List.of("2025"), List.of()).withContextLimit(20),
                Progress.SILENT,
                2,
                findings::add);
        // short rows: (3 + 1 + 3 question tokens) + (3 + 1 + 1 label token) + 3 = 15 ≤ 20; the long question alone is
        // over 12 tokens, so its row is over 20
        assertThat(findings)
                .filteredOn(x -> x.kind().equals("over_context_limit"))
                .extracting(x -> x.rows().get(0))
                .containsExactly(10);
        assertThat(findings)
                .filteredOn(x -> x.kind().equals("unknown_era"))
                .extracting(x -> x.rows().get(0))
                .containsExactly(10);
        assertThat(findings)
                .filteredOn(x -> x.kind().equals("label_seen_once"))
                .extracting(x -> x.rows().get(0))
                .containsExactly(10);
        assertThat(r.outputs().classification().labels())
                .extracting(AuditReport.LabelCount::label)
                .containsExactly("billing", "technical", "refunds");
        assertThat(r.outputs().classification().labelsSeenOnce()).containsExactly("refunds");
        assertThat(r.tokens().rowsOverContextLimit()).isEqualTo(1);
        // billing caps each example at the context limit: the long row counts 20 tokens
        assertThat(r.tokens().billingTokensPerEpoch()).isLessThan(r.tokens().total());
    }
}
