package dev.tunegate.retrieval;

import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.Analyzer;
import dev.tunegate.analysis.AnalyzerResult;
import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.Measure;
import dev.tunegate.io.Digests;
import dev.tunegate.io.FileDigests;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The retrieval audit as an analyzer: applies when {@code retrieval.corpus} (or {@code retrieval.run})
 * is configured and emits RECALL_AT_K, DOCS_WITHOUT_GROUPS, ACL_LEAKS, FACT_CHANGE_INTERVAL_DAYS and
 * RAG_CONTEXT_TOKENS — each only when its artifact allows it to be measured.
 */
public final class RetrievalAnalyzer implements Analyzer {

    @Override
    public String name() {
        return "retrieval";
    }

    @Override
    public boolean applies(Workspace ws) {
        return ws.settings().retrieval().configured();
    }

    @Override
    public AnalyzerResult analyze(Workspace ws, AnalysisContext context) {
        RetrievalAudit.Request req = RetrievalAudit.Request.of(ws).withThreads(context.threads());
        RetrievalReport r = RetrievalAudit.run(req, context.progress(), context.digests());
        String src = "retrieval: "
                + String.join(
                        " + ",
                        Stream.of(
                                        r.parameters().corpus(),
                                        r.parameters().golden(),
                                        r.parameters().run())
                                .filter(java.util.Objects::nonNull)
                                .toList());
        List<Evidence> ev = evidence(r, src);
        List<AnalyzerResult.InputFile> inputs = new ArrayList<>();
        if (req.corpus() != null)
            inputs.add(
                    new AnalyzerResult.InputFile(ws.relative(req.corpus()), digestOf(req.corpus(), context.digests())));
        if (req.golden() != null)
            inputs.add(new AnalyzerResult.InputFile(
                    ws.relative(req.golden()), context.digests().sha256(req.golden())));
        if (req.run() != null)
            inputs.add(new AnalyzerResult.InputFile(
                    ws.relative(req.run()), context.digests().sha256(req.run())));
        return new AnalyzerResult(name(), ev, inputs, r.reproducible(), notes(r));
    }

    /** The evidence a report supports. */
    static List<Evidence> evidence(RetrievalReport r, String src) {
        List<Evidence> ev = new ArrayList<>();
        int k = r.parameters().k();
        Double recall = r.recallAtConfiguredK();
        if (recall != null) {
            RetrievalReport.Interval ci = r.intervals().get("recall@" + k);
            ev.add(Evidence.measured(
                    Measure.RECALL_AT_K,
                    recall,
                    src,
                    String.format(
                            Locale.ROOT,
                            "mean recall@%d over %d judged questions (%s), 95%% interval %.3f–%.3f (%s)",
                            k,
                            r.judgedQuestions(),
                            r.evaluated(),
                            ci.low(),
                            ci.high(),
                            ci.method())));
        }
        if (r.parameters().corpus() != null) {
            ev.add(Evidence.measured(
                    Measure.DOCS_WITHOUT_GROUPS,
                    r.documentsWithoutGroups(),
                    src,
                    r.parameters().publicDocuments()
                            ? "documents without groups are declared public (retrieval.publicDocuments)"
                            : r.documentsWithoutGroups() + " of " + r.documents() + " documents have no groups"));
            boolean principals = r.perQuestion().stream().anyMatch(q -> q.principalGroups() != null);
            if (principals) {
                long checked = r.perQuestion().stream()
                        .filter(q -> q.principalGroups() != null)
                        .count();
                ev.add(Evidence.measured(
                        Measure.ACL_LEAKS,
                        r.leaks().size(),
                        src,
                        r.leaks().size() + " top-" + k + " result" + (r.leaks().size() == 1 ? "" : "s")
                                + " outside the principal's groups over " + checked + " question"
                                + (checked == 1 ? "" : "s") + " (" + r.evaluated() + ")"
                                + (r.unfilteredExposure() == null
                                        ? ""
                                        : "; without the group filter "
                                                + r.unfilteredExposure().results() + " would leak")));
            }
            if (r.medianChangeIntervalDays() != null) {
                RetrievalReport.ChangeIntervals c = r.changeIntervals();
                ev.add(Evidence.measured(
                        Measure.FACT_CHANGE_INTERVAL_DAYS,
                        r.medianChangeIntervalDays(),
                        src,
                        "median days between updates of "
                                + (c.medianDaysGolden() != null
                                        ? "the documents the golden questions need"
                                        : "all documents")
                                + " (" + c.documentsWithHistory() + " documents with a history)"));
            }
        }
        if (r.contextTokensP50() != null) {
            ev.add(Evidence.measured(
                    Measure.RAG_CONTEXT_TOKENS,
                    r.contextTokensP50(),
                    src,
                    "p50 tokens (o200k_base) of the top-" + k + " chunks per question; p95 " + r.contextTokensP95()));
        }
        return ev;
    }

    private static List<String> notes(RetrievalReport r) {
        List<String> notes = new ArrayList<>();
        if (!r.leaks().isEmpty())
            notes.add(r.leaks().size() + " results leak to principals outside the document's groups (blocker)");
        for (RetrievalReport.GoldenSetProblem p : r.goldenSetProblems()) {
            if (p.loud()) notes.add(p.sentence() + " — " + p.suggestion());
        }
        if (!r.findings().isEmpty())
            notes.add(r.findings().size()
                    + " bad documents, questions or run lines were skipped (see the retrieval report)");
        return notes;
    }

    /** A file's SHA-256, or for a folder the SHA-256 of its files' relative paths and digests. */
    static String digestOf(Path p, FileDigests digests) {
        if (!Files.isDirectory(p)) return Files.isRegularFile(p) ? digests.sha256(p) : "";
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.filter(Files::isRegularFile)
                    .filter(f -> !p.relativize(f).toString().startsWith("."))
                    .sorted()
                    .toList()) {
                b.append(p.relativize(f).toString().replace('\\', '/'))
                        .append(' ')
                        .append(digests.sha256(f))
                        .append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + p + ": " + e.getMessage(), e);
        }
        return Digests.sha256(b.toString());
    }
}
