package dev.tunegate.analysis;

import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.io.FileDigests;
import dev.tunegate.policy.Policy;
import dev.tunegate.policy.Thresholds;
import dev.tunegate.workspace.Workspace;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What the pipeline hands an analyzer besides the workspace.
 *
 * @param evidenceSoFar evidence of the analyzers that ran before (e.g. the cost model reads token counts)
 * @param thresholds the effective policy thresholds (some analyzers window their statistics by them)
 * @param progress where long work reports progress
 * @param threads how many threads heavy analyzers may use
 * @param today the date of the run (the cost model ages its price entries by it), so that a run with
 *              a fixed date reproduces its report byte for byte
 * @param digests the run's file digests: each input file is hashed once per run, whichever analyzer asks
 * @param memo what the run derives from an input file (e.g. the review log replayed), derived once per run
 */
public record AnalysisContext(
        EvidenceSet evidenceSoFar,
        Thresholds thresholds,
        Progress progress,
        int threads,
        LocalDate today,
        FileDigests digests,
        RunMemo memo) {

    /** A context of the run whose digests are {@code digests} (and a memo of its own). */
    public AnalysisContext(
            EvidenceSet evidenceSoFar,
            Thresholds thresholds,
            Progress progress,
            int threads,
            LocalDate today,
            FileDigests digests) {
        this(evidenceSoFar, thresholds, progress, threads, today, digests, new RunMemo());
    }

    /** A context of its own run (its own digests and memo). */
    public AnalysisContext(
            EvidenceSet evidenceSoFar, Thresholds thresholds, Progress progress, int threads, LocalDate today) {
        this(evidenceSoFar, thresholds, progress, threads, today, new FileDigests());
    }

    /** A context dated today (UTC). */
    public AnalysisContext(EvidenceSet evidenceSoFar, Thresholds thresholds, Progress progress, int threads) {
        this(evidenceSoFar, thresholds, progress, threads, LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * A context for analyzing {@code ws} outside a whole assessment (one command, one page of the web workspace):
     * no evidence yet, the workspace's thresholds under {@code policy}, its own run, dated {@code today}.
     */
    public static AnalysisContext forWorkspace(
            Workspace ws, Policy policy, Progress progress, int threads, LocalDate today) {
        return new AnalysisContext(
                EvidenceSet.empty(), policy.thresholds(ws.settings().thresholds()), progress, threads, today);
    }

    /** {@link #forWorkspace(Workspace, Policy, Progress, int, LocalDate)} dated today (UTC). */
    public static AnalysisContext forWorkspace(Workspace ws, Policy policy, Progress progress, int threads) {
        return forWorkspace(ws, policy, progress, threads, LocalDate.now(ZoneOffset.UTC));
    }

    public AnalysisContext withEvidence(EvidenceSet evidence) {
        return new AnalysisContext(evidence, thresholds, progress, threads, today, digests, memo);
    }
}
