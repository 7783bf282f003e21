package dev.tunegate.audit.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.analysis.Progress;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The semantic audit with the real (bundled, quantized) MiniLM model on small data. */
class SemanticAuditTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static SentenceEncoder encoder;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        encoder = SentenceEncoder.open(SentenceEncoder.MINILM_Q, 2);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    static String chat(String user, String assistant) {
        try {
            return MAPPER.writeValueAsString(Map.of(
                    "messages",
                    List.of(
                            Map.of("role", "user", "content", user),
                            Map.of("role", "assistant", "content", assistant))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Path write(String name, List<String> lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Test
    void identicalInputsHaveCosineOneAndVectorsAreUnitLength() {
        float[][] v = encoder.embed(
                List.of("Where is my parcel?", "Where is my parcel?", "The cat sat on the mat."),
                Progress.SILENT.start("", -1, ""));
        assertThat(v[0]).hasSize(384);
        assertThat(dot(v[0], v[0])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(dot(v[0], v[1])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(dot(v[0], v[2])).isLessThan(0.5);
    }

    @Test
    void theQuantizedModelRunsOneTextPerCallAndTheFloatModelBatches() {
        assertThat(encoder.batchRows()).isEqualTo(1);
        try (SentenceEncoder f = SentenceEncoder.open(SentenceEncoder.MINILM, 1)) {
            assertThat(f.batchRows()).isEqualTo(SentenceEncoder.MAX_BATCH_ROWS);
            List<String> texts = List.of(
                    "A very long sentence about the refund policy of the shop, which says a customer may return any item within thirty days.",
                    "Hi",
                    "How do I reset my password?");
            float[][] together = f.embed(texts, Progress.SILENT.start("", -1, ""));
            for (int i = 0; i < texts.size(); i++) {
                float[] alone = f.embed(List.of(texts.get(i)), Progress.SILENT.start("", -1, ""))[0];
                assertThat(dot(alone, together[i]))
                        .as("text %d", i)
                        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void batchingByLengthGivesTheVectorsInInputOrder() {
        // texts of very different lengths land in different batches; each vector must come back to its own slot
        List<String> texts = List.of(
                "A very long sentence about the refund policy of the shop, which says a customer may return any item within thirty days.",
                "Hi",
                "How do I reset my password?",
                "Cancel my subscription please");
        float[][] together = encoder.embed(texts, Progress.SILENT.start("", -1, ""));
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = encoder.embed(List.of(texts.get(i)), Progress.SILENT.start("", -1, ""))[0];
            // one text per call for the quantized model (its activations are quantized per batch): identical
            assertThat(dot(alone, together[i]))
                    .as("text %d", i)
                    .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    private List<String> unrelatedTraining() {
        return List.of(
                chat("What time does the store open on Sundays?", "The store opens at 10am on Sundays."),
                chat("My invoice shows the wrong VAT number.", "I have corrected the VAT number on your invoice."),
                chat("Can I change the delivery address of order 1234?", "Yes, the address of order 1234 is updated."),
                chat("The app crashes when I upload a photo.", "Please update the app to the latest version."),
                chat("Do you ship to Canada?", "Yes, we ship to Canada within 7 days."));
    }

    @Test
    void aPlantedParaphraseLeaksAndAnUnrelatedGoldenRowDoesNot() throws IOException {
        List<String> train = new ArrayList<>(unrelatedTraining());
        train.add(
                chat("I forgot my password, how can I reset it?", "Use the 'Forgot password' link on the login page."));
        Path t = write("train.jsonl", train);
        Path g = write(
                "golden.jsonl",
                List.of(
                        chat("How do I reset my password?", "Use the 'Forgot password' link."),
                        chat("What is the boiling point of water at sea level?", "100 degrees Celsius.")));
        List<Finding> findings = new ArrayList<>();
        SemanticReport r = SemanticAudit.run(
                SemanticRequest.of(t, g).withCacheDir(null),
                Set.of(),
                Progress.SILENT,
                2,
                findings::add,
                Path::toString);

        assertThat(r.leakedGoldenRows()).isEqualTo(1);
        assertThat(r.goldenRows()).isEqualTo(2);
        assertThat(r.leaks()).singleElement().satisfies(l -> {
            assertThat(l.goldenRow()).isZero();
            assertThat(l.trainingRow()).isEqualTo(5);
            assertThat(l.cosine()).isGreaterThanOrEqualTo(SemanticRequest.DEFAULT_LEAK_THRESHOLD);
        });
        assertThat(findings)
                .filteredOn(f -> f.kind().equals(SemanticAudit.LEAK))
                .singleElement()
                .satisfies(f -> {
                    // the lexical golden_leak's shape: the golden row in rows, the training rows it paraphrases in
                    // trainingRows, the cosine as the score (the one the report's sample shows)
                    assertThat(f.rows()).containsExactly(0);
                    assertThat(f.trainingRows()).containsExactly(5);
                    assertThat(f.line()).isEqualTo(1);
                    assertThat(f.score()).isEqualTo(r.leaks().get(0).cosine());
                });
        // the histogram counts each valid row once: 6 training rows, 2 golden rows
        assertThat(r.histogram().training().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(6);
        assertThat(r.histogram().golden().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(2);
        assertThat(r.run().search()).isEqualTo("exact");
        assertThat(r.model()).startsWith(SentenceEncoder.MINILM_Q + "@");
    }

    @Test
    void leaksTheLexicalCheckFlaggedAreCountedApart() throws IOException {
        List<String> train = new ArrayList<>(unrelatedTraining());
        train.add(
                chat("I forgot my password, how can I reset it?", "Use the 'Forgot password' link on the login page."));
        Path t = write("train.jsonl", train);
        Path g = write("golden.jsonl", List.of(chat("How do I reset my password?", "Use the 'Forgot password' link.")));
        SemanticReport r = SemanticAudit.run(
                SemanticRequest.of(t, g).withCacheDir(null), Set.of(0), Progress.SILENT, 2, f -> {}, Path::toString);
        assertThat(r.leakedGoldenRows()).isZero();
        assertThat(r.alsoLexicalLeaks()).isEqualTo(1);
    }

    @Test
    void paraphrasedRowsClusterAndRivalOutputsAreConflicts() throws IOException {
        List<String> train = new ArrayList<>(unrelatedTraining());
        train.add(chat("How can I cancel my subscription?", "billing")); // 5
        train.add(chat("How do I cancel my subscription?", "account")); // 6: same question, rival label
        train.add(chat("Please tell me what the weather is like in Paris today.", "weather"));
        Path t = write("train.jsonl", train);
        List<Finding> findings = new ArrayList<>();
        SemanticReport r = SemanticAudit.run(
                SemanticRequest.of(t, null).withCacheDir(null),
                Set.of(),
                Progress.SILENT,
                2,
                findings::add,
                Path::toString);
        assertThat(r.leakedGoldenRows()).isNull();
        assertThat(r.conflictGroups()).isEqualTo(1);
        assertThat(findings)
                .filteredOn(f -> f.kind().equals(SemanticAudit.CONFLICT))
                .singleElement()
                .satisfies(f -> assertThat(f.rows()).containsExactly(5, 6));
        assertThat(r.rowsInConflictGroups()).isEqualTo(2);
    }

    @Test
    void theCacheMakesASecondRunEmbedOnlyNewTexts() throws IOException {
        Path cache = dir.resolve("cache");
        List<String> train = new ArrayList<>(unrelatedTraining());
        Path t = write("train.jsonl", train);
        SemanticReport first = SemanticAudit.run(
                SemanticRequest.of(t, null).withCacheDir(cache), Set.of(), Progress.SILENT, 2, f -> {}, Path::toString);
        assertThat(first.run().embedded()).isEqualTo(10); // 5 inputs + 5 input+output texts, all distinct
        assertThat(Files.list(cache).filter(p -> p.toString().endsWith(".emb")).count())
                .isEqualTo(1);

        train.add(chat("Is there a student discount?", "Yes, 10 % with a valid student card."));
        write("train.jsonl", train);
        SemanticReport second = SemanticAudit.run(
                SemanticRequest.of(t, null).withCacheDir(cache), Set.of(), Progress.SILENT, 2, f -> {}, Path::toString);
        assertThat(second.run().embedded()).isEqualTo(2);
        assertThat(second.run().cached()).isEqualTo(10);
        // a cached vector is the float16 vector a fresh run computes: the histograms agree
        SemanticReport fresh = SemanticAudit.run(
                SemanticRequest.of(t, null).withCacheDir(null), Set.of(), Progress.SILENT, 2, f -> {}, Path::toString);
        assertThat(second.histogram()).isEqualTo(fresh.histogram());
    }

    @Test
    void aDamagedCacheIsIgnoredAndReplaced() throws IOException {
        Path cache = dir.resolve("cache");
        Path t = write("train.jsonl", unrelatedTraining());
        SemanticAudit.run(
                SemanticRequest.of(t, null).withCacheDir(cache), Set.of(), Progress.SILENT, 2, f -> {}, Path::toString);
        Path file = Files.list(cache)
                .filter(p -> p.toString().endsWith(".emb"))
                .findFirst()
                .orElseThrow();
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, b.length / 2));
        SemanticReport r = SemanticAudit.run(
                SemanticRequest.of(t, null).withCacheDir(cache), Set.of(), Progress.SILENT, 2, f -> {}, Path::toString);
        assertThat(r.run().cached()).isZero();
        assertThat(r.run().embedded()).isEqualTo(10);
        assertThat(Files.size(file)).isEqualTo(b.length);
    }

    @Test
    void assessCountsParaphraseLeaksWhenDataSemanticIsTrue() throws IOException {
        List<String> train = new ArrayList<>(unrelatedTraining());
        train.add(
                chat("I forgot my password, how can I reset it?", "Use the 'Forgot password' link on the login page."));
        write("train.jsonl", train);
        write(
                "golden.jsonl",
                List.of(
                        chat("How do I reset my password?", "Use the 'Forgot password' link."),
                        chat("What is the boiling point of water at sea level?", "100 degrees Celsius.")));
        String yaml = """
                useCase:
                  name: support
                  taskType: classification
                data:
                  train: train.jsonl
                  golden: golden.jsonl
                """;
        assertThat(leaked(yaml)).isEqualTo(0.0); // the lexical check alone sees no leak
        assertThat(leaked(yaml + "  semantic: true\n")).isEqualTo(1.0);
    }

    private Object leaked(String yaml) throws IOException {
        Files.writeString(dir.resolve("tunegate.yaml"), yaml);
        var policy = dev.tunegate.policy.Policy.standard();
        var ws = dev.tunegate.workspace.Workspace.open(
                dir, policy.thresholdDefinitions().keySet());
        var r = new dev.tunegate.audit.AuditAnalyzer()
                .analyze(
                        ws,
                        new dev.tunegate.analysis.AnalysisContext(
                                dev.tunegate.evidence.EvidenceSet.empty(),
                                policy.thresholds(Map.of()),
                                Progress.SILENT,
                                2));
        var e = r.evidence().stream()
                .filter(x -> x.measure() == dev.tunegate.evidence.Measure.LEAKED_GOLDEN_ROWS)
                .findFirst()
                .orElseThrow();
        return ((Number) e.value()).doubleValue();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.1, 1.5, Double.NaN})
    void thresholdsOutsideTheUnitIntervalAreInputErrors(double t) {
        assertThatThrownBy(
                        () -> SemanticRequest.of(dir.resolve("x.jsonl"), null).withThresholds(t, 0.9))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--semantic-threshold");
    }

    @Test
    void aMissingModelFileIsAnInputError() {
        assertThatThrownBy(() -> SentenceEncoder.open(dir.resolve("nope.onnx").toString(), 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--embedding-model");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void theHnswIndexFindsWhatExactSearchFinds(long seed) {
        // random unit vectors with planted near copies: the index must find each copy as the nearest neighbour
        Random rnd = new Random(seed);
        System.out.println("seed " + seed);
        int n = 600, dim = 64;
        Vectors v = new Vectors(dim, n);
        float[][] base = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] x = new float[dim];
            if (i % 2 == 1) {
                for (int d = 0; d < dim; d++) x[d] = base[i - 1][d] + (float) (rnd.nextGaussian() * 0.02);
            } else {
                for (int d = 0; d < dim; d++) x[d] = (float) rnd.nextGaussian();
            }
            double s = 0;
            for (float c : x) s += c * c;
            for (int d = 0; d < dim; d++) x[d] /= (float) Math.sqrt(s);
            base[i] = x;
            v.set(i, x);
        }
        var exact = NeighbourSearch.search(v, v, true, 5, 2, Progress.SILENT.start("", -1, ""), false);
        var hnsw = NeighbourSearch.search(v, v, true, 5, 2, Progress.SILENT.start("", -1, ""), true);
        assertThat(exact.method()).isEqualTo("exact");
        assertThat(hnsw.method()).isEqualTo("hnsw-int8");
        for (int i = 0; i < n; i++) {
            int partner = i % 2 == 0 ? i + 1 : i - 1;
            assertThat(exact.hits()[i].rows()[0]).isEqualTo(partner);
            assertThat(hnsw.hits()[i].rows()[0]).as("row %d", i).isEqualTo(partner);
            // rescored: the index reports the exact cosine
            assertThat(hnsw.hits()[i].cosines()[0]).isEqualTo(exact.hits()[i].cosines()[0]);
        }
    }
}
