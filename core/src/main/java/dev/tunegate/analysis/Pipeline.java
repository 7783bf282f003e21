package dev.tunegate.analysis;

import dev.tunegate.audit.AuditAnalyzer;
import dev.tunegate.cost.CostAnalyzer;
import dev.tunegate.dataops.review.ReviewLogAnalyzer;
import dev.tunegate.dataops.version.DatasetVersionAnalyzer;
import dev.tunegate.evals.EvalsAnalyzer;
import dev.tunegate.evidence.Evidence;
import dev.tunegate.retrieval.RetrievalAnalyzer;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the analyzers that apply to a workspace, in order, and gathers their evidence. The order
 * matters only for analyzers that read earlier evidence (the cost model reads token counts).
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final List<Analyzer> analyzers;

    public Pipeline(List<Analyzer> analyzers) {
        this.analyzers = List.copyOf(analyzers);
    }

    /** Every analyzer tunegate ships, in the order they run (cost last: it reads the audit's and retrieval's token counts). */
    public static Pipeline standard() {
        return new Pipeline(List.of(
                new DeclaredAnalyzer(),
                new AuditAnalyzer(),
                new ReviewLogAnalyzer(),
                new EvalsAnalyzer(),
                new RetrievalAnalyzer(),
                new DatasetVersionAnalyzer(),
                new CostAnalyzer()));
    }

    /** The analyzers that run before the one named {@code name}, and that one (a command that needs one report). */
    public Pipeline upTo(String name) {
        List<Analyzer> out = new ArrayList<>();
        for (Analyzer a : analyzers) {
            out.add(a);
            if (a.name().equals(name)) return new Pipeline(out);
        }
        throw new IllegalArgumentException("no analyzer named " + name);
    }

    public List<Analyzer> analyzers() { return analyzers; }

    /** The results of every applicable analyzer and the evidence they add up to. */
    public record Run(List<AnalyzerResult> results, List<String> skipped, EvidenceSet evidence) {
        public Run {
            results = List.copyOf(results);
            skipped = List.copyOf(skipped);
        }

        public java.util.Optional<AnalyzerResult> result(String analyzer) {
            return results.stream().filter(r -> r.analyzer().equals(analyzer)).findFirst();
        }
    }

    public Run run(Workspace ws, AnalysisContext context) {
        List<AnalyzerResult> results = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Evidence> all = new ArrayList<>();
        for (Analyzer a : analyzers) {
            if (!a.applies(ws)) {
                skipped.add(a.name());
                continue;
            }
            LOG.debug("running analyzer {}", a.name());
            AnalyzerResult r = a.analyze(ws, context.withEvidence(EvidenceSet.of(all)));
            results.add(r);
            all.addAll(r.evidence());
        }
        return new Run(results, skipped, EvidenceSet.of(all));
    }
}
