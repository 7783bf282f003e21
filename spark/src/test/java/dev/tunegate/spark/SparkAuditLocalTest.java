package dev.tunegate.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.AuditReport;
import dev.tunegate.audit.AuditRequest;
import dev.tunegate.audit.DatasetAudit;
import dev.tunegate.audit.read.ColumnMapping;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.io.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine on {@code local[2]} against the local engine on the same generated input: the
 * same report (every field but the two that describe the engine's memory) and the same findings,
 * line for line, in the same order. The local engine is the oracle: it is tested on its own in core.
 */
class SparkAuditLocalTest {
    static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("tunegate-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "4")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    record Run(JsonNode report, List<String> findings) {}

    static Run local(AuditRequest request) {
        List<String> findings = new ArrayList<>();
        AuditReport r = DatasetAudit.run(request, Progress.SILENT, 2, f -> findings.add(Json.line(f)));
        return new Run(comparable(Json.mapper().valueToTree(r)), findings);
    }

    static Run spark(AuditRequest request) {
        SparkAudit.Result res = SparkAudit.run(
                spark,
                request,
                request.train().toString(),
                request.golden() == null ? null : request.golden().toString(),
                4);
        List<String> findings = res.orderedFindings().collectAsList().stream()
                .map(r -> r.getString(0))
                .toList();
        return new Run(comparable(Json.mapper().valueToTree(res.report())), findings);
    }

    /** The report without what describes the engine itself (bytes of the local index and per-row state). */
    static JsonNode comparable(JsonNode report) {
        ObjectNode o = report.deepCopy();
        o.remove("memory");
        ObjectNode nd = (ObjectNode) o.get("nearDuplicateParams");
        nd.remove("indexBytes");
        nd.remove("indexBytesPerRow");
        return o;
    }

    @Test
    void chatDatasetGivesTheLocalReportAndFindings() {
        AuditData.Planted planted = AuditData.chat(dir, 17, 900);
        AuditRequest request = AuditRequest.of(dir.resolve("train.jsonl"))
                .withGolden(dir.resolve("golden.jsonl"))
                .withEras(List.of("v2", "v3"), List.of("v1"));
        Run local = local(request);
        Run spark = spark(request);
        // the planted problems are there (so the comparison below compares something)
        assertThat(local.report().get("rows").asLong()).isEqualTo(planted.rows() - 1); // one blank line
        assertThat(local.report().get("exactDuplicateGroups").asLong())
                .isGreaterThanOrEqualTo(planted.exactDuplicates());
        assertThat(local.report().get("nearDuplicateClusters").asLong())
                .isGreaterThanOrEqualTo(planted.nearDuplicates());
        assertThat(local.report().get("conflictGroups").asLong()).isGreaterThanOrEqualTo(planted.conflicts());
        assertThat(local.report().at("/leakage/exactLeaks").asLong()).isEqualTo(11);
        assertThat(local.findings())
                .anyMatch(f -> f.contains("exact (normalised) duplicate of training row")
                        && f.contains("and a near duplicate"));
        assertThat(local.report().at("/leakage/nearLeaks").asLong()).isPositive();
        assertThat(local.report().at("/outputs/inferred/driftingRows").asLong()).isPositive();
        assertThat(local.report().at("/pii/rowsWithPii").asLong()).isPositive();
        assertThat(local.report().at("/largestClusters/0/size").asInt()).isGreaterThanOrEqualTo(3);

        assertThat(spark.report().toPrettyString()).isEqualTo(local.report().toPrettyString());
        assertThat(spark.findings()).containsExactlyElementsOf(local.findings());
    }

    @Test
    void gzipCsvAndOnlySomeChecks() throws IOException {
        Path csv = dir.resolve("labels.csv");
        AuditData.labels(csv, 5, 600);
        Path gz = dir.resolve("labels.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(csv, o);
        }
        AuditRequest request = AuditRequest.of(gz)
                .withFormat(DatasetFormat.AUTO, ColumnMapping.parse(List.of("input=text", "output=category")));
        Run local = local(request);
        Run spark = spark(request);
        assertThat(local.report().at("/outputs").toPrettyString()).contains("labelsSeenOnce");
        assertThat(spark.report().toPrettyString()).isEqualTo(local.report().toPrettyString());
        assertThat(spark.findings()).containsExactlyElementsOf(local.findings());

        AuditRequest some = AuditRequest.of(dir.resolve("train.jsonl"))
                .withChecks(dev.tunegate.audit.AuditCheck.parse("near-duplicates,tokens"));
        AuditData.chat(dir, 3, 400);
        Run l2 = local(some);
        Run s2 = spark(some);
        assertThat(s2.report().toPrettyString()).isEqualTo(l2.report().toPrettyString());
        assertThat(s2.findings()).containsExactlyElementsOf(l2.findings());
    }

    @Test
    void gzipJsonlIsReadInOneTaskAndSpreadForAnalysis() throws IOException {
        AuditData.chat(dir, 23, 300);
        Path gz = dir.resolve("train.jsonl.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(dir.resolve("train.jsonl"), o);
        }
        AuditRequest request = AuditRequest.of(gz);
        Run local = local(request);
        Run spark = spark(request);
        assertThat(spark.report().get("compression").asText()).isEqualTo("gzip");
        assertThat(spark.report().toPrettyString()).isEqualTo(local.report().toPrettyString());
        assertThat(spark.findings()).containsExactlyElementsOf(local.findings());
    }

    @Test
    void exactAndEstimatedFiguresAreSaidSoAsLocally() {
        // short texts (≤ 16 distinct shingles) compared by their exact Jaccard, long ones by the estimate: the golden
        // leaks and the clusters say which, the Spark engine as the local one
        String shortText = "how do i top up my card with cash at the post office";
        String longText = words("leak", 60);
        String shortCluster = "where can i see the exchange rate for euros";
        String longCluster = words("cluster", 60);
        Path train = dir.resolve("short-train.jsonl");
        Path golden = dir.resolve("short-golden.jsonl");
        AuditData.write(
                train,
                List.of(
                        AuditData.row(shortText + " today", "top_up", null, null, null),
                        AuditData.row(longText + " extra", "long_answer", null, null, null),
                        AuditData.row(shortCluster, "exchange_rate", null, null, null),
                        AuditData.row("please " + shortCluster, "exchange_rate", null, null, null),
                        AuditData.row(longCluster, "other_answer", null, null, null),
                        AuditData.row(longCluster + " again", "other_answer", null, null, null)));
        AuditData.write(
                golden,
                List.of(
                        AuditData.row(shortText, "top_up", null, null, null),
                        AuditData.row(longText, "long_answer", null, null, null)));
        AuditRequest request = AuditRequest.of(train).withGolden(golden);
        Run local = local(request);
        Run spark = spark(request);
        assertThat(local.findings())
                .anyMatch(f ->
                        f.contains("a near duplicate (Jaccard 0.90, exact: both texts are short) of training row 0"))
                .anyMatch(f -> f.contains("a near duplicate (estimated Jaccard ") && f.contains("of training row 1"))
                .anyMatch(f -> f.contains("2 near-duplicate examples (Jaccard ≥ 0.86, exact: all texts are short)"))
                .anyMatch(f -> f.contains("2 near-duplicate examples (estimated Jaccard ≥ "));
        assertThat(spark.report().toPrettyString()).isEqualTo(local.report().toPrettyString());
        assertThat(spark.findings()).containsExactlyElementsOf(local.findings());
    }

    /** {@code count} distinct words: a text far above 16 shingles. */
    private static String words(String stem, int count) {
        List<String> w = new ArrayList<>();
        for (int i = 0; i < count; i++) w.add(stem + (char) ('a' + i % 26) + (char) ('a' + i / 26));
        return String.join(" ", w);
    }

    @Test
    void tooManyFormatErrorsStopLikeTheLocalAudit() {
        Path bad = dir.resolve("bad.jsonl");
        AuditData.write(bad, List.of(AuditData.row("q", "a", null, null, null), "{oops", "[1]", "{\"x\": 1}"));
        AuditRequest request = AuditRequest.of(bad)
                .withFormat(DatasetFormat.OPENAI_CHAT, ColumnMapping.none())
                .withMaxErrors(1);
        String localMessage = messageOf(() -> local(request));
        String sparkMessage = messageOf(() -> spark(request));
        assertThat(localMessage).contains("stopped after 2 rows with format errors");
        assertThat(sparkMessage).isEqualTo(localMessage);
    }

    private static String messageOf(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }
}
