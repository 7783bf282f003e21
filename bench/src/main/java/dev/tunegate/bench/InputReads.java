package dev.tunegate.bench;

import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.Pipeline;
import dev.tunegate.analysis.Progress;
import dev.tunegate.analysis.RunMemo;
import dev.tunegate.assess.StandardPipeline;
import dev.tunegate.dataops.review.ConflictReview;
import dev.tunegate.dataops.review.ReviewedDataset;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.io.FileDigests;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * How often an assessment reads its input files to hash them: runs the standard pipeline on each workspace with
 * one {@link FileDigests} (as {@code Assessment.run} does) and prints the digests the analyzers asked for (each one
 * a full read of its file before the per-run memo) and the files actually read for them (the rest were handed in by
 * the readers that had the bytes, or asked twice); and how many times the run read its training file, from the JDK's
 * own file-read events (JFR {@code jdk.FileRead}, every read of a file channel or stream, threshold 0): bytes read
 * of the file over its size. A count, not a timing: docs/PERFORMANCE.md.
 *
 * <p>With {@code --conflicts} first, it counts the same for the conflict listing of {@code tunegate review DIR
 * --conflicts} and the web workspace's conflicts page ({@link ConflictReview#list()}) instead of an assessment.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.tunegate.bench.InputReads examples/ticket-routing examples/policy-qa examples/support-kb
 * java -cp bench/target/benchmarks.jar dev.tunegate.bench.InputReads --conflicts examples/ticket-routing</pre>
 */
public final class InputReads {
    private InputReads() {}

    public static void main(String[] args) throws IOException {
        Policy policy = Policy.standard();
        if (args.length > 0 && args[0].equals("--conflicts")) {
            for (int k = 1; k < args.length; k++)
                conflicts(
                        Workspace.open(
                                Path.of(args[k]), policy.thresholdDefinitions().keySet()),
                        args[k]);
            return;
        }
        for (String dir : args) {
            Workspace ws =
                    Workspace.open(Path.of(dir), policy.thresholdDefinitions().keySet());
            FileDigests digests = new FileDigests();
            RunMemo memo = new RunMemo();
            AnalysisContext ctx = new AnalysisContext(
                    EvidenceSet.empty(),
                    policy.thresholds(ws.settings().thresholds()),
                    Progress.SILENT,
                    Runtime.getRuntime().availableProcessors(),
                    LocalDate.parse("2026-01-15"),
                    digests,
                    memo);
            Pipeline.Run run;
            Map<String, Long> bytesRead;
            try (Recording rec = new Recording()) {
                rec.enable("jdk.FileRead").withThreshold(Duration.ZERO);
                rec.start();
                run = StandardPipeline.create().run(ws, ctx);
                rec.stop();
                bytesRead = bytesRead(rec);
            }
            Path train = ws.data().trainFile().orElse(null);
            String trainReads = "no training file";
            if (train != null) {
                long size = size(train);
                long read = bytesRead.getOrDefault(
                        train.toAbsolutePath().normalize().toString(), 0L);
                trainReads = String.format(
                        Locale.ROOT,
                        "training file read %.2f times (%d bytes read, the file has %d)",
                        size == 0 ? 0.0 : (double) read / size,
                        read,
                        size);
            }
            int named = run.results().stream().mapToInt(r -> r.inputs().size()).sum();
            System.out.printf(
                    "%s: %d input files in the record, %d digests asked, %d files read to hash them,"
                            + " review log read and replayed %d times, review queue read %d times, %s%n",
                    dir,
                    named,
                    digests.digestsAsked(),
                    digests.filesHashed(),
                    memo.computed(ReviewedDataset.LOG_STATE),
                    memo.computed(ReviewedDataset.QUEUE_CONTENTS),
                    trainReads);
        }
    }

    /**
     * The training file's reads of one conflict listing, and the bytes it read of other files (the review log and
     * queue, a scratch copy) and wrote (a scratch copy).
     */
    private static void conflicts(Workspace ws, String dir) throws IOException {
        ConflictReview review =
                new ConflictReview(ws, Clock.systemUTC(), Runtime.getRuntime().availableProcessors());
        ConflictReview.Listing listing;
        Map<String, Long> bytesRead;
        long written;
        try (Recording rec = new Recording()) {
            rec.enable("jdk.FileRead").withThreshold(Duration.ZERO);
            rec.enable("jdk.FileWrite").withThreshold(Duration.ZERO);
            rec.start();
            listing = review.list();
            rec.stop();
            bytesRead = bytesRead(rec);
            written = bytesRead.getOrDefault(WRITTEN, 0L);
        }
        Path train = ws.data().trainFile().orElseThrow();
        long size = size(train);
        String trainPath = train.toAbsolutePath().normalize().toString();
        long read = bytesRead.getOrDefault(trainPath, 0L);
        long other = bytesRead.entrySet().stream()
                .filter(e -> !e.getKey().equals(trainPath) && !e.getKey().equals(WRITTEN))
                .mapToLong(Map.Entry::getValue)
                .sum();
        System.out.printf(
                Locale.ROOT,
                "%s: review --conflicts: %d groups among %d counted rows; training file read %.2f times"
                        + " (%d bytes read, the file has %d); other files: %d bytes read; %d bytes written%n",
                dir,
                listing.groups().size(),
                listing.countedRows(),
                size == 0 ? 0.0 : (double) read / size,
                read,
                size,
                other,
                written);
    }

    /** The key under which {@link #bytesRead} sums the bytes written to any file. */
    private static final String WRITTEN = "(bytes written)";

    /** Bytes read per file (absolute, normalised path) in a stopped recording, and written (under {@link #WRITTEN}). */
    private static Map<String, Long> bytesRead(Recording rec) throws IOException {
        Path jfr = Files.createTempFile("tunegate-input-reads-", ".jfr");
        try {
            rec.dump(jfr);
            Map<String, Long> out = new HashMap<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
                String path = e.getString("path");
                if (e.getEventType().getName().equals("jdk.FileWrite")) {
                    out.merge(WRITTEN, e.getLong("bytesWritten"), Long::sum);
                    continue;
                }
                long n = e.getLong("bytesRead");
                if (path == null || n <= 0) continue;
                out.merge(Path.of(path).toAbsolutePath().normalize().toString(), n, Long::sum);
            }
            return out;
        } finally {
            Files.deleteIfExists(jfr);
        }
    }

    private static long size(Path p) throws IOException {
        return Files.size(p);
    }
}
