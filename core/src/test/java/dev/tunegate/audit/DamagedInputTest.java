package dev.tunegate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.read.ColumnMapping;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.dataops.DatasetRows;
import dev.tunegate.io.CsvSyntax;
import dev.tunegate.io.Digests;
import dev.tunegate.io.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged input (issue 19, row 9): a truncated gzip or zstd stream or a CSV quote that runs to the end
 * of the file is an error naming the file, the line and the byte offset where the damage starts, in the
 * audit and in every reader of {@link DatasetRows} (export, data snapshot, review); {@code --allow-partial}
 * audits the rows before it and says so. The files are generated here, seeded.
 */
class DamagedInputTest {
    @TempDir
    Path dir;

    /** 4,000 chat rows of varying length (seeded), one per line. */
    private static List<String> rows() {
        Random rnd = new Random(19);
        String[] words = {"refund", "card", "lost", "invoice", "delivery", "late", "account", "password", "é", "日本"};
        return java.util.stream.IntStream.range(0, 4000)
                .mapToObj(i -> {
                    StringBuilder q = new StringBuilder("question " + i);
                    for (int k = rnd.nextInt(40); k >= 0; k--) q.append(' ').append(words[rnd.nextInt(words.length)]);
                    return Fixtures.chat(q.toString(), "answer " + rnd.nextInt(50));
                })
                .toList();
    }

    private static byte[] compress(String kind, byte[] body) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream out = kind.equals("gzip") ? new GZIPOutputStream(b) : new ZstdOutputStream(b)) {
            out.write(body);
        }
        return b.toByteArray();
    }

    /** Byte offsets where each line starts, computed from the uncompressed text (independently of the reader). */
    private static long[] lineStarts(List<String> lines) {
        long[] starts = new long[lines.size() + 1];
        for (int i = 0; i < lines.size(); i++)
            starts[i + 1] = starts[i] + lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
        return starts;
    }

    private static AuditRequest counts(Path f) {
        return AuditRequest.of(f).withChecks(EnumSet.of(AuditCheck.COUNTS));
    }

    @Test
    void aTruncatedGzipOrZstdIsAnErrorWithTheLineAndTheByteOffsetUnlessPartialReadsAreAllowed() throws IOException {
        List<String> lines = rows();
        byte[] body = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        long[] starts = lineStarts(lines);
        for (String kind : List.of("gzip", "zstd")) {
            byte[] all = compress(kind, body);
            Path f = Fixtures.write(
                    dir,
                    "cut-" + kind + ".jsonl" + (kind.equals("gzip") ? ".gz" : ".zst"),
                    Arrays.copyOf(all, all.length * 3 / 5));

            assertThatThrownBy(() -> DatasetAudit.run(counts(f), Progress.SILENT, 2))
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> {
                        InvalidInputException x = (InvalidInputException) e;
                        assertThat(x.file()).isEqualTo(f.toString());
                        assertThat(x.line()).isBetween(2L, (long) lines.size() - 1);
                        // the damage starts where line x.line() starts in the uncompressed text
                        assertThat(x.getMessage())
                                .startsWith(f + ":" + x.line() + ": the " + kind
                                        + " stream is truncated or corrupt at byte " + starts[(int) x.line() - 1]
                                        + " of the decompressed content")
                                .contains("the " + (x.line() - 1) + " rows before it were read and none is used")
                                .doesNotContain("\n");
                    });

            AuditReport r = DatasetAudit.run(counts(f).withAllowPartial(true), Progress.SILENT, 2);
            assertThat(r.partial()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(r.rows() + 1);
                assertThat(p.byteOffset()).isEqualTo(starts[(int) r.rows()]);
                assertThat(p.rowsRead()).isEqualTo(r.rows());
                assertThat(p.damage()).contains(kind);
            });
            assertThat(r.rows()).isBetween(1L, (long) lines.size() - 1);
            assertThat(r.findingsByKind()).containsEntry("truncated_file", 1L);
            assertThat(r.notes()).anyMatch(n -> n.contains("only its first " + r.rows() + " rows were audited"));
            // the digest still covers the whole (damaged) file
            assertThat(r.sha256()).isEqualTo(Digests.sha256(f));

            // every other reader of datasets (export, data snapshot, review, assess) refuses it too
            assertThatThrownBy(() -> DatasetRows.read(f, DatasetFormat.AUTO, ColumnMapping.none(), row -> {}))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(kind + " stream is truncated or corrupt at byte");
        }
    }

    @Test
    void aCsvQuoteThatRunsToTheEndOfTheFileIsAnErrorAtTheRecordItOpens() {
        String csv = "input,output\n" + "hello,greeting\n" + "\"where is my card,lost_card\n" + "bye,farewell\n";
        Path f = Fixtures.write(dir, "q.csv", csv);
        long offset = "input,output\nhello,greeting\n".getBytes(StandardCharsets.UTF_8).length;
        assertThatThrownBy(() -> DatasetAudit.run(counts(f), Progress.SILENT, 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(f + ":3: a quoted value opens in this row and is never closed")
                .hasMessageContaining("at byte " + offset + ";")
                .hasMessageContaining("the 1 row before it was read and is not used")
                .hasMessageNotContaining("EOF reached"); // the parser's own words, said in ours already
        assertThatThrownBy(() -> DatasetRows.readAll(f, DatasetFormat.AUTO, ColumnMapping.none()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(f + ":3: a quoted value opens in this row and is never closed");

        AuditReport r = DatasetAudit.run(counts(f).withAllowPartial(true), Progress.SILENT, 2);
        assertThat(r.rows()).isEqualTo(1);
        assertThat(r.partial())
                .containsExactly(new AuditReport.Partial(
                        f.toString(),
                        3,
                        offset,
                        1,
                        CsvSyntax.describe("EOF reached before encapsulated token finished")));
    }

    @Test
    void aCsvValueThatGoesOnAfterItsClosingQuoteIsSaidInWordsAtItsRow() {
        // commons-csv says "Invalid character between encapsulated token and delimiter at line: 3, position: 41",
        // characters where the message names bytes, and physical lines where it names rows
        String csv = "input,output\n" + "hello,greeting\n" + "\"where\" is my card,lost_card\n" + "bye,farewell\n";
        Path f = Fixtures.write(dir, "q.csv", csv);
        assertThatThrownBy(() -> DatasetAudit.run(counts(f), Progress.SILENT, 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(f + ":3: a quoted value in this row goes on after its closing quote; expected a"
                        + " comma or the end of the row after it")
                .hasMessageNotContaining("encapsulated")
                .hasMessageNotContaining("position");
    }

    @Test
    void aDamagedGoldenFileIsAnErrorTooAndPartialWhenAllowed() throws IOException {
        List<String> lines = rows();
        Path train = Fixtures.write(dir, "train.jsonl", lines.subList(0, 200));
        byte[] all = compress("gzip", (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        Path golden = Fixtures.write(dir, "golden.jsonl.gz", Arrays.copyOf(all, all.length / 2));
        AuditRequest req = AuditRequest.of(train).withGolden(golden).withChecks(EnumSet.of(AuditCheck.LEAKAGE));
        assertThatThrownBy(() -> DatasetAudit.run(req, Progress.SILENT, 2))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(golden + ":");
        AuditReport r = DatasetAudit.run(req.withAllowPartial(true), Progress.SILENT, 2);
        assertThat(r.partial()).singleElement().satisfies(p -> assertThat(p.file())
                .isEqualTo(golden.toString()));
        assertThat(r.leakage().leakedRows()).isGreaterThanOrEqualTo(200); // the first 200 golden rows are training rows
    }

    @Test
    void aWholeFileIsHashedWhileItIsReadAndHasNoPartial() throws IOException {
        List<String> lines = rows();
        byte[] body = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        for (String name : List.of("w.jsonl", "w.jsonl.gz", "w.jsonl.zst")) {
            byte[] content = name.endsWith(".gz")
                    ? compress("gzip", body)
                    : name.endsWith(".zst") ? compress("zstd", body) : body;
            Path f = Fixtures.write(dir, name, content);
            AuditReport r = DatasetAudit.run(counts(f), Progress.SILENT, 2);
            assertThat(r.rows()).isEqualTo(lines.size());
            assertThat(r.partial()).isNull();
            assertThat(r.sha256()).isEqualTo(Digests.sha256(f));
        }
    }
}
