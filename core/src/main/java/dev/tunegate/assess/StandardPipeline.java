package dev.tunegate.assess;

import dev.tunegate.analysis.DeclaredAnalyzer;
import dev.tunegate.analysis.Pipeline;
import dev.tunegate.audit.AuditAnalyzer;
import dev.tunegate.cost.CostAnalyzer;
import dev.tunegate.dataops.review.ReviewLogAnalyzer;
import dev.tunegate.dataops.review.ReviewOverlay;
import dev.tunegate.dataops.version.DatasetVersionAnalyzer;
import dev.tunegate.evals.EvalsAnalyzer;
import dev.tunegate.retrieval.RetrievalAnalyzer;
import java.util.List;

/**
 * The analyzers tunegate ships, assembled here — in the composition root — so that the analyzer contract
 * ({@code dev.tunegate.analysis}) knows none of them.
 */
public final class StandardPipeline {
    private StandardPipeline() {}

    /** Every analyzer, in the order they run (cost last: it reads the audit's and retrieval's token counts). */
    public static Pipeline create() {
        return new Pipeline(List.of(
                new DeclaredAnalyzer(),
                // the review log applied as the audit's overlay: one pass over the training file for both audits
                new AuditAnalyzer(ReviewOverlay::of),
                new ReviewLogAnalyzer(),
                new EvalsAnalyzer(),
                new RetrievalAnalyzer(),
                new DatasetVersionAnalyzer(),
                new CostAnalyzer()));
    }

    /** The analyzers that run before {@code analyzer}, and that one: what a command needs for one report (e.g. {@code cost}). */
    public static Pipeline upTo(String analyzer) {
        return create().upTo(analyzer);
    }
}
