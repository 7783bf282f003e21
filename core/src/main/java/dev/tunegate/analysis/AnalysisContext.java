package dev.tunegate.analysis;

import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.policy.Thresholds;

/**
 * What the pipeline hands an analyzer besides the workspace.
 *
 * @param evidenceSoFar evidence of the analyzers that ran before (e.g. the cost model reads token counts)
 * @param thresholds the effective policy thresholds (some analyzers window their statistics by them)
 * @param progress where long work reports progress
 * @param threads how many threads heavy analyzers may use
 */
public record AnalysisContext(EvidenceSet evidenceSoFar, Thresholds thresholds, Progress progress, int threads) {

    public AnalysisContext withEvidence(EvidenceSet evidence) {
        return new AnalysisContext(evidence, thresholds, progress, threads);
    }
}
