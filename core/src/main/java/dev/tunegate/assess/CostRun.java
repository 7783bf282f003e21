package dev.tunegate.assess;

import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.Analyzer;
import dev.tunegate.analysis.Pipeline;
import dev.tunegate.analysis.Progress;
import dev.tunegate.cost.CostAnalyzer;
import dev.tunegate.cost.CostReport;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code tunegate cost}: the cost model's full report, after the analyzers that produce the token counts it
 * reads (audit, retrieval) — the standard pipeline up to the cost model, assembled here and not in the CLI.
 */
public final class CostRun {
    private CostRun() {}

    /** The workspace opened and the cost model's report. */
    public record Result(Workspace workspace, CostReport report) {}

    public static Result run(Path dir, int threads, Progress progress, LocalDate today) {
        Policy policy = Policy.standard();
        Workspace ws = Workspace.open(dir, policy.thresholdDefinitions().keySet());
        CostAnalyzer cost = new CostAnalyzer();
        AnalysisContext ctx = AnalysisContext.forWorkspace(ws, policy, progress, threads, today);
        Pipeline before = StandardPipeline.upTo(cost.name());
        List<Analyzer> earlier =
                before.analyzers().subList(0, before.analyzers().size() - 1);
        EvidenceSet evidence = new Pipeline(earlier).run(ws, ctx).evidence();
        return new Result(ws, cost.report(ws, ctx.withEvidence(evidence)));
    }
}
