package dev.tunegate.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tunegate.audit.neardup.Cluster;
import dev.tunegate.audit.neardup.MinHasher;
import dev.tunegate.audit.neardup.NearDuplicateIndex;
import dev.tunegate.audit.neardup.NearDuplicateParams;
import dev.tunegate.audit.neardup.Signature;
import dev.tunegate.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * End-to-end measurement of near-duplicate detection alone on a JSONL file of {@code {"input",
 * "output"}} rows (the document is {@code input + "\n" + output}, as in
 * {@code shared/bench/common.py}): read, parse and sign on all worker threads, add to the index in
 * row order, cluster. Prints one JSON object with rows/s, MB/s, peak RSS, index bytes per row and
 * the parameters; optionally writes the verified pairs (and the pairs within clusters) as TSV of
 * 0-based {@code i<TAB>j} for {@code evaluate.py}, outside the timed region.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.tunegate.bench.NearDupBench --data F.jsonl
 *     [--pairs P.tsv] [--cluster-pairs C.tsv] [--threads N] [--threshold 0.8] [--seed 42]
 *     [--permutations 256] [--bits 4] [--bands B] [--stage parse|sign|full]
 * </pre>
 * {@code --stage parse} reads and parses only (the floor); {@code sign} also shingles, signs and
 * adds to the index; {@code full} (the default) also clusters.
 */
public final class NearDupBench {
    private static final int BLOCK = 1 << 20;

    private NearDupBench() {}

    /** Runs the measurement; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path data = null, pairs = null, clusterPairs = null;
        int threads = Runtime.getRuntime().availableProcessors();
        double threshold = 0.8;
        long seed = 42;
        int permutations = NearDuplicateParams.DEFAULT_PERMUTATIONS, bits = NearDuplicateParams.DEFAULT_BITS, bands = 0;
        String stage = "full";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--data" -> {
                    data = Path.of(need(a, v));
                    i++;
                }
                case "--pairs" -> {
                    pairs = Path.of(need(a, v));
                    i++;
                }
                case "--cluster-pairs" -> {
                    clusterPairs = Path.of(need(a, v));
                    i++;
                }
                case "--threads" -> {
                    threads = integer(a, v);
                    i++;
                }
                case "--threshold" -> {
                    threshold = number(a, v);
                    i++;
                }
                case "--seed" -> {
                    seed = longInteger(a, v);
                    i++;
                }
                case "--permutations" -> {
                    permutations = integer(a, v);
                    i++;
                }
                case "--bits" -> {
                    bits = integer(a, v);
                    i++;
                }
                case "--bands" -> {
                    bands = integer(a, v);
                    i++;
                }
                case "--stage" -> {
                    stage = need(a, v);
                    i++;
                }
                default -> usage("unknown argument " + a);
            }
        }
        if (data == null) usage("--data is required");
        if (!List.of("parse", "sign", "full").contains(stage)) usage("--stage must be parse, sign or full");
        NearDuplicateParams params;
        try {
            params = NearDuplicateParams.forThreshold(threshold, seed).withSignature(permutations, bits);
            if (bands > 0) params = params.withBands(bands);
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }
        if (!Files.isRegularFile(data)) {
            System.err.println("NearDupBench: " + data + ": no such file");
            System.exit(3);
        }
        try {
            run(data, pairs, clusterPairs, threads, params, stage);
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("NearDupBench: " + e.getMessage());
            System.exit(3);
        }
    }

    private static int integer(String flag, String value) {
        try {
            return Integer.parseInt(need(flag, value));
        } catch (NumberFormatException e) {
            usage(flag + " expects an integer, found " + value);
            return 0;
        }
    }

    private static long longInteger(String flag, String value) {
        try {
            return Long.parseLong(need(flag, value));
        } catch (NumberFormatException e) {
            usage(flag + " expects an integer, found " + value);
            return 0;
        }
    }

    private static double number(String flag, String value) {
        try {
            return Double.parseDouble(need(flag, value));
        } catch (NumberFormatException e) {
            usage(flag + " expects a number, found " + value);
            return 0;
        }
    }

    private static String need(String flag, String value) {
        if (value == null) usage(flag + " needs a value");
        return value;
    }

    private static void usage(String message) {
        System.err.println("NearDupBench: " + message);
        System.err.println(
                "usage: NearDupBench --data F.jsonl [--pairs P.tsv] [--cluster-pairs C.tsv] [--threads N] "
                        + "[--threshold 0.8] [--seed 42] [--permutations 256] [--bits 4] [--bands B] [--stage parse|sign|full]");
        System.exit(2);
    }

    /** One block of whole lines read from the file. */
    private record Block(byte[] bytes, int length) {}

    /** What the workers hand back for a block: a signature per line (or null when only parsing). */
    private record Signed(Signature[] signatures, int lines, int malformed, long chars) {}

    private static void run(
            Path data, Path pairsOut, Path clusterPairsOut, int threads, NearDuplicateParams params, String stage)
            throws IOException, InterruptedException, ExecutionException {
        MinHasher hasher = new MinHasher(params);
        NearDuplicateIndex index = new NearDuplicateIndex(params);
        JsonFactory json = new JsonFactory();
        boolean sign = !stage.equals("parse");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ArrayDeque<Future<Signed>> inflight = new ArrayDeque<>();
        long fileBytes = Files.size(data);
        int row = 0;
        int malformed = 0;
        long chars = 0;
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        try (InputStream in = Files.newInputStream(data)) {
            byte[] carry = new byte[0];
            int carryLen = 0;
            boolean eof = false;
            while (!eof || carryLen > 0) {
                byte[] buf = new byte[Math.max(BLOCK, carryLen * 2)];
                System.arraycopy(carry, 0, buf, 0, carryLen);
                int len = carryLen;
                while (len < buf.length && !eof) {
                    int r = in.read(buf, len, buf.length - len);
                    if (r < 0) eof = true;
                    else len += r;
                }
                int lastNl = len - 1;
                while (lastNl >= 0 && buf[lastNl] != '\n') lastNl--;
                int end;
                if (eof) {
                    end = len; // the last line may lack its newline
                    carryLen = 0;
                } else if (lastNl < 0) { // a line longer than the block: read on
                    carry = buf;
                    carryLen = len;
                    continue;
                } else {
                    end = lastNl + 1;
                    carryLen = len - end;
                    carry = Arrays.copyOfRange(buf, end, len);
                }
                if (end == 0) break;
                Block block = new Block(buf, end);
                inflight.add(pool.submit(() -> process(block, json, hasher, sign)));
                while (inflight.size() > 2 * threads + 2) {
                    Signed s = inflight.poll().get();
                    row = consume(s, index, row, sign);
                    malformed += s.malformed();
                    chars += s.chars();
                }
            }
        }
        while (!inflight.isEmpty()) {
            Signed s = inflight.poll().get();
            row = consume(s, index, row, sign);
            malformed += s.malformed();
            chars += s.chars();
        }
        pool.shutdown();
        long t1 = System.nanoTime();
        long cpu1 = processCpuNanos();
        List<Cluster> clusters = stage.equals("full") ? index.clusters() : List.of();
        long t2 = System.nanoTime();
        long cpu = processCpuNanos() - cpu0;
        long peakRss = peakRssBytes();
        long indexBytes = index.bytesUsed();

        long pairCount = -1;
        if (pairsOut != null && stage.equals("full")) {
            long[] count = {0};
            AtomicFiles.write(pairsOut, out -> {
                try (BufferedWriter w =
                        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
                    IOException[] failure = {null};
                    index.forEachVerifiedPair((a, b, est) -> {
                        try {
                            w.write(a + "\t" + b + "\n");
                            count[0]++;
                        } catch (IOException e) {
                            failure[0] = e;
                        }
                    });
                    if (failure[0] != null) throw failure[0];
                }
            });
            pairCount = count[0];
        }
        long clusterPairCount = -1;
        if (clusterPairsOut != null && stage.equals("full")) {
            long[] count = {0};
            AtomicFiles.write(clusterPairsOut, out -> {
                try (BufferedWriter w =
                        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
                    for (Cluster c : clusters) {
                        List<Integer> rs = c.rows();
                        for (int i = 0; i < rs.size(); i++) {
                            for (int j = i + 1; j < rs.size(); j++) {
                                w.write(rs.get(i) + "\t" + rs.get(j) + "\n");
                                count[0]++;
                            }
                        }
                    }
                }
            });
            clusterPairCount = count[0];
        }
        int rowsInClusters = clusters.stream().mapToInt(c -> c.rows().size()).sum();
        double total = (t2 - t0) / 1e9;
        double ingest = (t1 - t0) / 1e9;
        double cluster = (t2 - t1) / 1e9;
        StringBuilder sb = new StringBuilder("{");
        field(sb, "file", "\"" + data.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        field(sb, "stage", "\"" + stage + "\"");
        field(sb, "rows", row);
        field(sb, "bytes", fileBytes);
        field(sb, "chars", chars);
        field(sb, "malformedRows", malformed);
        field(sb, "threads", threads);
        field(sb, "cores", Runtime.getRuntime().availableProcessors());
        field(
                sb,
                "loadAverageAtEnd",
                round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage()));
        field(sb, "threshold", params.threshold());
        field(sb, "seed", params.seed());
        field(sb, "permutations", params.permutations());
        field(sb, "bits", params.bits());
        field(sb, "bands", params.bands());
        field(sb, "rowsPerBand", params.rows());
        field(sb, "secondsReadParseSignAdd", round(ingest));
        field(sb, "secondsCluster", round(cluster));
        field(sb, "secondsTotal", round(total));
        field(sb, "rowsPerSecond", Math.round(row / total));
        field(sb, "mbPerSecond", round(fileBytes / 1e6 / total));
        field(sb, "cpuSecondsReadParseSignAdd", round((cpu1 - cpu0) / 1e9));
        field(sb, "cpuSecondsCluster", round((cpu - (cpu1 - cpu0)) / 1e9));
        field(sb, "cpuSeconds", round(cpu / 1e9));
        field(sb, "rowsPerCpuSecond", Math.round(row / (cpu / 1e9)));
        field(sb, "peakRssMB", round(peakRss / 1e6));
        field(sb, "maxHeapMB", round(Runtime.getRuntime().maxMemory() / 1e6));
        field(sb, "indexBytes", indexBytes);
        field(sb, "indexBytesPerRow", round(row == 0 ? 0 : (double) indexBytes / row));
        field(sb, "clusters", clusters.size());
        field(sb, "rowsInClusters", rowsInClusters);
        field(sb, "verifiedPairs", pairCount);
        field(sb, "clusterPairs", clusterPairCount);
        sb.setLength(sb.length() - 1);
        System.out.println(sb.append('}'));
    }

    private static int consume(Signed s, NearDuplicateIndex index, int row, boolean sign) {
        if (!sign) return row + s.lines();
        for (Signature sig : s.signatures()) index.add(row++, sig);
        return row;
    }

    private static Signed process(Block block, JsonFactory json, MinHasher hasher, boolean sign) throws IOException {
        byte[] b = block.bytes();
        int n = block.length();
        int lines = 0;
        for (int i = 0; i < n; i++) if (b[i] == '\n') lines++;
        if (n > 0 && b[n - 1] != '\n') lines++;
        Signature[] sigs = sign ? new Signature[lines] : null;
        int malformed = 0;
        long chars = 0;
        StringBuilder doc = new StringBuilder(4096);
        int start = 0;
        for (int line = 0; line < lines; line++) {
            int end = start;
            while (end < n && b[end] != '\n') end++;
            int stop = end > start && b[end - 1] == '\r' ? end - 1 : end;
            String input = "", output = "";
            try (JsonParser p = json.createParser(b, start, stop - start)) {
                if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not an object");
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.VALUE_STRING && name.equals("input")) input = p.getText();
                    else if (v == JsonToken.VALUE_STRING && name.equals("output")) output = p.getText();
                    else p.skipChildren();
                }
                if (t != JsonToken.END_OBJECT) throw new IOException("truncated object");
            } catch (IOException e) {
                malformed++;
            }
            doc.setLength(0);
            doc.append(input).append('\n').append(output);
            chars += doc.length();
            if (sign) sigs[line] = hasher.sign(doc);
            start = end + 1;
        }
        return new Signed(sigs, lines, malformed, chars);
    }

    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long peakRssBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    String[] parts = l.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static void field(StringBuilder sb, String name, Object value) {
        sb.append('"')
                .append(name)
                .append("\":")
                .append(value instanceof Double d ? String.format(Locale.ROOT, "%s", d) : value)
                .append(',');
    }
}
