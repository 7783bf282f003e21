package dev.tunegate.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.AnalyzerResult;
import dev.tunegate.analysis.Pipeline;
import dev.tunegate.analysis.Progress;
import dev.tunegate.evals.EvalsAnalyzer;
import dev.tunegate.evals.EvalsReport;
import dev.tunegate.evals.RegressionReport;
import dev.tunegate.io.Json;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Baseline versus candidate ({@code evals.baseline}, {@code evals.candidate}) item by item with the paired
 * statistics, exactly as {@code tunegate regress} and the pilot compute them: the evals analyzer's
 * {@code Regression}. Kept per workspace until an input changes.
 */
final class RegressionService {
    private record Cached(String stamp, ObjectNode report) {}

    private final WorkspaceCatalog catalog;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    RegressionService(WorkspaceCatalog catalog) {
        this.catalog = catalog;
    }

    ObjectNode report(String name) {
        Workspace ws = catalog.open(name);
        var b = java.util.Optional.ofNullable(ws.settings().evals().baseline());
        var c = java.util.Optional.ofNullable(ws.settings().evals().candidate());
        if (b.isEmpty() || c.isEmpty())
            throw new NotFoundException(
                    name + ": set evals.baseline and evals.candidate in tunegate.yaml to compare two runs");
        String stamp = FileStamp.of(ws.configFile(), b.get(), c.get());
        Cached hit = cache.get(name);
        if (hit != null && hit.stamp().equals(stamp)) return hit.report();
        AnalysisContext ctx = AnalysisContext.forWorkspace(ws, Policy.standard(), Progress.SILENT, 1);
        AnalyzerResult r = Pipeline.analyze(new EvalsAnalyzer(), ws, ctx);
        RegressionReport rep = r.report() instanceof EvalsReport e ? e.regression() : null;
        if (rep == null)
            throw new NotFoundException(name + ": the evals analyzer found no baseline/candidate pair to compare");
        ObjectNode node = Json.mapper().valueToTree(rep);
        cache.put(name, new Cached(stamp, node));
        return node;
    }
}
