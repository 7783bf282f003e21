package dev.tunegate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.analysis.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One text summary of an audit, whichever engine ran it: only the first line names the engine. */
class AuditTextTest {
    @TempDir
    Path dir;

    private static String text(AuditReport r, String engine, String findings) {
        StringWriter s = new StringWriter();
        try (PrintWriter out = new PrintWriter(s)) {
            AuditText.write(out, r, engine, findings);
        }
        return s.toString();
    }

    @Test
    void theEngineIsNamedInTheFirstLineAndNowhereElse() {
        Path f = Fixtures.write(
                dir,
                "t.jsonl",
                List.of(
                        "{\"prompt\": \"where is my card\", \"completion\": \"lost_card\"}",
                        "{\"prompt\": \"where is my card\", \"completion\": \"lost_card\"}",
                        "{\"prompt\": 3}"));
        AuditReport r = DatasetAudit.run(AuditRequest.of(f), Progress.SILENT, 2);
        String local = text(r, null, null);
        String spark = text(r, "spark", null);
        assertThat(local.lines().findFirst().orElseThrow()).startsWith(f + " (prompt-completion, 3 rows): 2 valid");
        assertThat(spark.lines().findFirst().orElseThrow())
                .startsWith(f + " (prompt-completion, 3 rows; engine spark): 2 valid");
        assertThat(spark.lines().skip(1).toList())
                .isEqualTo(local.lines().skip(1).toList());
        assertThat(local)
                .contains("  duplicates: 1 exact groups (2 rows)")
                .contains("Findings: ")
                .contains("All findings: run again with --findings FILE.jsonl");
        assertThat(text(r, null, "all.jsonl")).contains("All findings: all.jsonl");
    }

    @Test
    void theErrorOfAnEstimateIsGivenForLongTextsAndForTheShortestEstimated() {
        Path f = Fixtures.write(
                dir,
                "t.jsonl",
                List.of(
                        "{\"prompt\": \"where is my card\", \"completion\": \"lost_card\"}",
                        "{\"prompt\": \"where is my new card\", \"completion\": \"lost_card\"}"));
        String text = text(DatasetAudit.run(AuditRequest.of(f), Progress.SILENT, 2), null, null);
        // worked by hand at the default threshold 0.8: sqrt(0.8 * 0.2 / 256) = 0.4 / 16 = 0.025 over 256 bins, and
        // sqrt(0.16 / 17) = 0.0970 for a text of 17 shingles (the shortest not compared exactly: 16 + 1)
        assertThat(text)
                .contains("Jaccard ≥ 0.80 (±0.025 for texts of 256+ shingles, ±0.097 at 17: a text of n shingles fills"
                        + " about n bins; texts of ≤ 16 compared exactly)");
    }
}
