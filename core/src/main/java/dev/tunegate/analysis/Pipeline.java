package dev.tunegate.analysis;

import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the analyzers that apply to a workspace, in order, and gathers their evidence. The order
 * matters only for analyzers that read earlier evidence (the cost model reads token counts). Which
 * analyzers make up tunegate's pipeline is decided by the composition root,
 * {@code dev.tunegate.assess.StandardPipeline}; this package knows none of them but {@link DeclaredAnalyzer}.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final List<Analyzer> analyzers;

    public Pipeline(List<Analyzer> analyzers) {
        this.analyzers = List.copyOf(analyzers);
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

    public List<Analyzer> analyzers() {
        return analyzers;
    }

    /** The results of every applicable analyzer and the evidence they add up to. */
    public record Run(List<AnalyzerResult> results, List<String> skipped, EvidenceSet evidence) {
        public Run {
            results = List.copyOf(results);
            skipped = List.copyOf(skipped);
        }

        public java.util.Optional<AnalyzerResult> result(String analyzer) {
            return results.stream().filter(r -> r.analyzer().equals(analyzer)).findFirst();
        }

        /** Every input file the analyzers read, with digests, each once. */
        public List<AnalyzerResult.InputFile> inputs() {
            return results.stream().flatMap(r -> r.inputs().stream()).distinct().toList();
        }
    }

    /**
     * One analyzer over a workspace, as every run of one goes (a pipeline's, or a command's that needs one report):
     * an input it cannot use, when tunegate.yaml named it, is reported at the line that did.
     */
    public static AnalyzerResult analyze(Analyzer analyzer, Workspace ws, AnalysisContext context) {
        try {
            return analyzer.analyze(ws, context);
        } catch (InvalidInputException e) {
            throw ws.attribute(e);
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
            AnalyzerResult r = analyze(a, ws, context.withEvidence(EvidenceSet.of(all)));
            results.add(r);
            all.addAll(r.evidence());
        }
        return new Run(results, skipped, EvidenceSet.of(all));
    }
}
