package dev.tunegate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.neardup.MinHasher;
import dev.tunegate.audit.neardup.NearDuplicateParams;
import dev.tunegate.audit.read.DatasetReader;
import dev.tunegate.audit.read.LineBlocks;
import dev.tunegate.audit.read.RowSource;
import dev.tunegate.io.Digests;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A plain JSONL file read in blocks ({@link RowPipeline#runBlocks}) must give exactly the row
 * results of the line reader ({@link RowPipeline#run} over {@code LineRowSource}): the same rows,
 * indexes, lines and findings, whatever the block size — with a BOM, {@code \r\n}, blank and
 * whitespace-only lines, lines over the length cap (inside a block, longer than a block, and at the
 * end without a newline), a last line without a newline — and the same SHA-256 as the file's.
 * Seeded files; tiny blocks so that lines cross block ends often.
 */
class BlockPipelineTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int CAP = 300;

    @TempDir
    Path dir;

    private static byte[] file(Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (rnd.nextBoolean()) out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // mid-file: kept
        int n = 50 + rnd.nextInt(150);
        for (int i = 0; i < n; i++) {
            String line =
                    switch (rnd.nextInt(12)) {
                        case 0 -> "";
                        case 1 -> "  \t ";
                        case 2 -> "{\"input\": \"" + "x".repeat(CAP + rnd.nextInt(3 * CAP)) + "\", \"output\": \"y\"}";
                        case 3 -> "{\"input\": \"q" + i + "\", \"output\": \"bad \\x\"}";
                        case 4 -> "{\"input\": \"q" + i + "\", \"output\": \"{{ name }}\"}";
                        case 5 ->
                            "{\"input\": \"q" + i + "\", \"output\": \"\", \"metadata\": {\"status\": \"MAYBE\"}}";
                        case 6 -> "{\"input\": \"Ünï " + i + "\", \"output\": \"é\"}";
                        case 7 ->
                            "{\"input\": \"q" + i + "\", \"output\": \"a\", \"metadata\": {\"provenance\": \"gold\","
                                    + " \"status\": \"approved\", \"era\": \"2025\"}}";
                        default ->
                            "{\"input\": \"q" + i + " " + "w".repeat(rnd.nextInt(120)) + "\", \"output\": \"a"
                                    + rnd.nextInt(5) + "\"}";
                    };
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            if (i < n - 1 || rnd.nextBoolean()) out.writeBytes((rnd.nextInt(5) == 0 ? "\r\n" : "\n").getBytes());
        }
        return out.toByteArray();
    }

    private record Run(List<RowResult> rows, RowPipeline.End end, String sha256) {}

    private static Run lines(Path f, Set<AuditCheck> checks) throws Exception {
        DatasetReader reader = new DatasetReader(MAPPER, CAP, true);
        DatasetReader.Opened o = reader.open(f, null, null);
        RowAnalysis a = analysis(o, checks);
        List<RowResult> out = new ArrayList<>();
        try (RowSource src = o.source()) {
            RowPipeline.End end = RowPipeline.run(src, a::analyze, out::add, 2, Progress.SILENT.start("t", -1, "rows"));
            return new Run(out, end, o.sha256().get());
        }
    }

    private static Run blocks(Path f, Set<AuditCheck> checks, int blockBytes) throws Exception {
        DatasetReader reader = new DatasetReader(MAPPER, CAP, true);
        DatasetReader.Opened o = reader.open(f, null, null);
        o.source().close();
        RowAnalysis a = analysis(o, checks);
        List<RowResult> out = new ArrayList<>();
        try (LineBlocks b = LineBlocks.open(f, CAP, blockBytes)) {
            RowPipeline.End end = RowPipeline.runBlocks(b, a, out::add, 2, Progress.SILENT.start("t", -1, "rows"));
            return new Run(out, end, b.sha256());
        }
    }

    private static RowAnalysis analysis(DatasetReader.Opened o, Set<AuditCheck> checks) {
        MinHasher hasher = new MinHasher(NearDuplicateParams.forThreshold(0.8, 42));
        return new RowAnalysis("f.jsonl", o.parser(), checks, hasher, null, 128_000, MAPPER, null);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void blocksGiveTheRowsOfTheLineReader(long seed) throws Exception {
        Random rnd = new Random(seed);
        byte[] bytes = file(rnd);
        // the first line must be an object for the format to be detected
        Path f = dir.resolve("d" + seed + ".jsonl");
        Files.write(
                f, concat((seed % 2 == 1 ? "\uFEFF" : "") + "{\"input\": \"first\", \"output\": \"row\"}\n", bytes));
        for (Set<AuditCheck> checks :
                List.of(EnumSet.of(AuditCheck.COUNTS), EnumSet.of(AuditCheck.COUNTS, AuditCheck.EXACT_DUPLICATES))) {
            Run want = lines(f, checks);
            for (int block : new int[] {16, 97, 1000, 1 << 16}) {
                Run got = blocks(f, checks, block);
                assertThat(got.rows())
                        .as("seed %d, block %d, %s", seed, block, checks)
                        .isEqualTo(want.rows());
                assertThat(got.end().rows()).isEqualTo(want.rows().size());
                assertThat(got.end().failure()).isNull();
                assertThat(got.sha256()).isEqualTo(Digests.sha256(f)).isEqualTo(want.sha256());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12})
    void linesLongerThanABlockAreSkippedOrGrownAsTheLineReaderReadsThem(long seed) throws Exception {
        Random rnd = new Random(seed);
        StringBuilder b = new StringBuilder("{\"input\": \"first\", \"output\": \"row\"}\n");
        for (int i = 0; i < 30; i++) {
            int len = rnd.nextInt(3) == 0 ? CAP + rnd.nextInt(2000) : 20 + rnd.nextInt(CAP - 40);
            b.append("{\"input\": \"").append("z".repeat(Math.max(0, len - 30))).append("\", \"output\": \"o\"}");
            if (i < 29 || rnd.nextBoolean()) b.append('\n');
        }
        Path f = dir.resolve("long" + seed + ".jsonl");
        Files.writeString(f, b);
        Run want = lines(f, EnumSet.of(AuditCheck.COUNTS));
        for (int block : new int[] {64, 200, 299, 301, 4096}) {
            Run got = blocks(f, EnumSet.of(AuditCheck.COUNTS), block);
            assertThat(got.rows()).as("seed %d, block %d", seed, block).isEqualTo(want.rows());
            assertThat(got.sha256()).isEqualTo(Digests.sha256(f));
        }
        assertThat(want.rows())
                .anyMatch(r ->
                        !r.findings().isEmpty() && r.findings().get(0).kind().equals(FindingKind.LINE_TOO_LONG.key()));
    }

    /**
     * The generated and byte-mutated rows of {@link ShallowScanTest} as a file: in blocks, the
     * one-pass read also finds each line's end, and must split and read them as the line reader does.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void rowsReadInOnePassAreSplitAsTheLineReaderSplitsThem(long seed) throws Exception {
        Random rnd = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : ShallowScanTest.lines(rnd, new String[] {"input", "output"}, true)) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(rnd.nextInt(3) == 0 ? ShallowScanTest.mutate(rnd, b) : b);
            out.writeBytes((rnd.nextInt(7) == 0 ? "\r\n" : "\n").getBytes(StandardCharsets.US_ASCII));
        }
        Path f = dir.resolve("scan" + seed + ".jsonl");
        Files.write(f, concat("{\"input\": \"first\", \"output\": \"row\"}\n", out.toByteArray()));
        Run want = lines(f, EnumSet.of(AuditCheck.COUNTS));
        for (int block : new int[] {97, 1 << 16}) {
            Run got = blocks(f, EnumSet.of(AuditCheck.COUNTS), block);
            assertThat(got.rows()).as("seed %d, block %d", seed, block).isEqualTo(want.rows());
        }
    }

    private static byte[] concat(String first, byte[] b) {
        byte[] a = first.getBytes(StandardCharsets.UTF_8);
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
