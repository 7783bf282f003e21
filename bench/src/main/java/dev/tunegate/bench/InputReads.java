package dev.tunegate.bench;

import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.Pipeline;
import dev.tunegate.analysis.Progress;
import dev.tunegate.analysis.RunMemo;
import dev.tunegate.assess.StandardPipeline;
import dev.tunegate.dataops.review.ReviewedDataset;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.io.FileDigests;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * How often an assessment reads its input files to hash them: runs the standard pipeline on each workspace with
 * one {@link FileDigests} (as {@code Assessment.run} does) and prints the digests the analyzers asked for (each one
 * a full read of its file before the per-run memo) and the files actually read for them (the rest were handed in by
 * the readers that had the bytes, or asked twice). A count, not a timing: docs/PERFORMANCE.md.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.tunegate.bench.InputReads examples/ticket-routing examples/policy-qa examples/support-kb</pre>
 */
public final class InputReads {
    private InputReads() {}

    public static void main(String[] args) {
        Policy policy = Policy.standard();
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
            Pipeline.Run run = StandardPipeline.create().run(ws, ctx);
            int named = run.results().stream().mapToInt(r -> r.inputs().size()).sum();
            System.out.printf(
                    "%s: %d input files in the record, %d digests asked, %d files read to hash them,"
                            + " review log read and replayed %d times, review queue read %d times%n",
                    dir,
                    named,
                    digests.digestsAsked(),
                    digests.filesHashed(),
                    memo.computed(ReviewedDataset.LOG_STATE),
                    memo.computed(ReviewedDataset.QUEUE_CONTENTS));
        }
    }
}
