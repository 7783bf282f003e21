package dev.tunegate.audit;

import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.Analyzer;
import dev.tunegate.analysis.AnalyzerResult;
import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.Measure;
import dev.tunegate.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The dataset audit as an analyzer: runs when {@code data.train} is configured and turns the
 * {@link AuditReport} into the dataset measures the policy reads (FT-DATA, NO-DATA, FT-SCHEMA,
 * FT-TASK, leakage, and the token counts the cost model uses).
 */
public final class AuditAnalyzer implements Analyzer {
    /** Share of outputs that must parse as JSON for outputs to count as structured. */
    static final double STRUCTURED_SHARE = 0.9;

    /**
     * Where the run's overlay comes from: the composition root attaches one (the review log's), so that the audit
     * knows no package that edits rows.
     */
    @FunctionalInterface
    public interface Overlays {
        /** No overlay. */
        Overlays NONE = (ws, context) -> Optional.empty();

        /** The overlay of this run's training file, or empty. */
        Optional<RowOverlay> of(Workspace ws, AnalysisContext context);
    }

    private final Overlays overlays;

    /** The audit without an overlay. */
    public AuditAnalyzer() {
        this(Overlays.NONE);
    }

    /** The audit, auditing in the same pass the training file as {@code overlays} leaves it ({@link RowOverlay#REPORT}). */
    public AuditAnalyzer(Overlays overlays) {
        this.overlays = java.util.Objects.requireNonNull(overlays);
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public boolean applies(Workspace workspace) {
        return workspace.data().train() != null;
    }

    @Override
    public AnalyzerResult analyze(Workspace ws, AnalysisContext context) {
        AuditRequest request = request(ws);
        boolean semantic = ws.data().semantic() && request.golden() != null;
        java.util.Set<Integer> lexicalLeaks = new java.util.HashSet<>();
        FindingSink sink = !semantic
                ? FindingSink.NONE
                : f -> {
                    if (f.kind().equals(FindingKind.GOLDEN_LEAK.key())
                            && !f.rows().isEmpty()) lexicalLeaks.add(f.rows().get(0));
                };
        Optional<RowOverlay> overlay = overlays.of(ws, context);
        AuditReport r;
        if (overlay.isEmpty()) {
            r = DatasetAudit.run(request, context.progress(), context.threads(), sink, ws::relative);
        } else {
            DatasetAudit.Overlaid both =
                    DatasetAudit.run(request, overlay.get(), context.progress(), context.threads(), sink, ws::relative);
            r = both.report();
            context.memo().get(RowOverlay.REPORT, request.train(), both::overlaid);
        }
        List<Evidence> ev = evidence(r, context.thresholds().get(dev.tunegate.policy.Policy.FT_CONSISTENT_MAX_SHARE));
        List<String> notes = notes(r);
        if (semantic) semantic(ws, request, r, lexicalLeaks, context, ev, notes);
        // the training and golden files' digests the audit computed: later analyzers of the run read them from here
        context.digests().remember(request.train(), r.sha256());
        if (r.leakage() != null)
            context.digests().remember(request.golden(), r.leakage().sha256());
        List<AnalyzerResult.InputFile> in = inputs(ws, r, request, context);
        return new AnalyzerResult(name(), ev, in, r, notes);
    }

    /**
     * {@code data.semantic: true}: paraphrase leaks of the golden set (the semantic audit) join the exact and
     * near-duplicate leaks in {@link Measure#LEAKED_GOLDEN_ROWS}, so the record's leakage evidence counts them.
     */
    private static void semantic(
            Workspace ws,
            AuditRequest request,
            AuditReport r,
            java.util.Set<Integer> lexicalLeaks,
            AnalysisContext context,
            List<Evidence> ev,
            List<String> notes) {
        dev.tunegate.audit.semantic.SemanticRequest sr = dev.tunegate.audit.semantic.SemanticRequest.of(
                        request.train(), request.golden())
                .withFormat(request.format(), request.columns())
                .withCacheDir(ws.root().resolve(".tunegate").resolve("embeddings"));
        dev.tunegate.audit.semantic.SemanticReport s = dev.tunegate.audit.semantic.SemanticAudit.run(
                sr, lexicalLeaks, context.progress(), context.threads(), f -> {}, ws::relative);
        long lexical = r.leakage() == null ? 0 : r.leakage().leakedRows();
        long paraphrases = s.leakedGoldenRows() == null ? 0 : s.leakedGoldenRows();
        ev.removeIf(e -> e.measure() == Measure.LEAKED_GOLDEN_ROWS);
        ev.add(Evidence.measured(
                Measure.LEAKED_GOLDEN_ROWS,
                lexical + paraphrases,
                "audit: " + r.file() + " + " + ws.relative(request.golden()),
                (r.leakage() == null
                                ? ""
                                : r.leakage().exactLeaks() + " exact, "
                                        + r.leakage().nearLeaks() + " near-duplicate, ")
                        + paraphrases
                        + String.format(
                                Locale.ROOT, " paraphrased inputs (%s, cosine ≥ %.2f)", s.model(), s.threshold())
                        + " of " + s.goldenRows() + " golden rows"));
        if (paraphrases > 0) {
            notes.add(
                    paraphrases
                            + " golden rows are paraphrases of training rows (semantic audit): a golden-set score overstates what the model learned");
        }
    }

    /** The audit request a workspace configures: the training file, golden set, schema, format and eras. */
    public static AuditRequest request(Workspace ws) {
        return AuditRequest.of(ws.data());
    }

    /**
     * The measures of a full report.
     *
     * @param maxConflictShare FT-CONSISTENT's threshold, for the number of conflict groups to resolve
     */
    static List<Evidence> evidence(AuditReport r, double maxConflictShare) {
        List<Evidence> ev = new ArrayList<>();
        String src = "audit: " + r.file();
        ev.add(Evidence.measured(Measure.DATASET_ROWS, r.rows(), src, r.validRows() + " valid"));
        if (r.usableRows() != null) {
            ev.add(Evidence.measured(
                    Measure.REVIEWED_PAIRS,
                    r.usableRows(),
                    src,
                    String.format(
                            Locale.ROOT,
                            "approved or gold (%d approved, %d gold), current era, exact and near duplicates collapsed, %d rows in conflict groups excluded",
                            r.approvedRows(),
                            r.goldRows(),
                            r.rowsInConflictGroups() == null ? 0 : r.rowsInConflictGroups())));
        }
        ev.add(Evidence.measured(Measure.GOLD_ROWS, r.goldRows(), src, "rows with metadata.provenance = gold"));
        if (r.outputs() != null) {
            AuditReport.Outputs o = r.outputs();
            ev.add(Evidence.measured(
                    Measure.OUTPUTS_STRUCTURED,
                    o.structured(),
                    src,
                    String.format(
                            Locale.ROOT,
                            "%.1f%% of outputs parse as JSON%s",
                            100 * o.jsonParseRate(),
                            o.schema() != null ? "; an output schema is configured" : "")));
            if (o.structured()) {
                if (o.schema() != null) {
                    ev.add(Evidence.measured(
                            Measure.OUTPUT_SCHEMA_CONFORMANCE,
                            o.schema().candidateConformance(),
                            src + " + " + o.schema().file(),
                            o.schema().candidateConformingRows() + " of "
                                    + o.schema().candidateRows() + " training candidates conform to the schema ("
                                    + o.schema().conformingRows() + " of "
                                    + o.schema().checkedRows()
                                    + " valid rows, retired-era and rejected rows included)"));
                } else if (o.inferred() != null) {
                    ev.add(Evidence.measured(
                            Measure.OUTPUT_SCHEMA_CONFORMANCE,
                            o.inferred().candidateShare(),
                            src,
                            String.format(
                                    Locale.ROOT,
                                    "%.1f%% of %d training candidates have the dominant output fields {%s} (no schema configured: inferred)",
                                    100 * o.inferred().candidateShare(),
                                    r.candidateRows(),
                                    String.join(
                                            ", ", o.inferred().dominantFields().keySet()))));
                }
            }
        }
        ev.addAll(ConsistencyEvidence.of(r, maxConflictShare, src));
        if (r.leakage() != null) {
            ev.add(Evidence.measured(
                    Measure.LEAKED_GOLDEN_ROWS,
                    r.leakage().leakedRows(),
                    src + " + " + r.leakage().goldenFile(),
                    r.leakage().exactLeaks() + " exact, " + r.leakage().nearLeaks() + " near-duplicate inputs of "
                            + r.leakage().goldenRows() + " golden rows"));
        }
        if (r.tokens() != null && r.tokens().perExample().rows() > 0) {
            AuditReport.Tokens t = r.tokens();
            ev.add(Evidence.measured(
                    Measure.TRAINING_TOKENS,
                    t.billingTokensPerEpoch(),
                    src,
                    t.tokenizer() + "; " + t.epochs() + " epochs by OpenAI's heuristic = " + t.trainingTokens()
                            + " tokens trained"));
            // the user's input only: the cost model adds today's (or the tuned) system prompt itself
            AuditReport.TokenStats user = t.byRole().get("user");
            if (user != null) {
                ev.add(Evidence.measured(
                        Measure.INPUT_TOKENS_PER_CALL,
                        user.p50(),
                        src,
                        "p50 of user tokens per row (" + t.tokenizer() + ")"));
            } else {
                ev.add(Evidence.measured(
                        Measure.INPUT_TOKENS_PER_CALL,
                        t.inputPerCall().p50(),
                        src,
                        "p50 of input tokens per row (" + t.tokenizer() + ")"));
            }
            ev.add(Evidence.measured(
                    Measure.OUTPUT_TOKENS_PER_CALL,
                    t.outputPerCall().p50(),
                    src,
                    "p50 of assistant tokens per row (" + t.tokenizer() + ")"));
            ev.add(Evidence.measured(
                    Measure.SEQUENCE_TOKENS_P95,
                    t.perExample().p95(),
                    src,
                    "p95 of tokens per training example (" + t.tokenizer() + ")"));
        }
        return ev;
    }

    private static List<AnalyzerResult.InputFile> inputs(
            Workspace ws, AuditReport r, AuditRequest request, AnalysisContext context) {
        List<AnalyzerResult.InputFile> in = new ArrayList<>();
        in.add(new AnalyzerResult.InputFile(r.file(), r.sha256()));
        if (r.leakage() != null)
            in.add(new AnalyzerResult.InputFile(
                    r.leakage().goldenFile(), r.leakage().sha256()));
        if (request.outputSchema() != null) {
            in.add(new AnalyzerResult.InputFile(
                    ws.relative(request.outputSchema()), context.digests().sha256(request.outputSchema())));
        }
        return in;
    }

    private static List<String> notes(AuditReport r) {
        List<String> n = new ArrayList<>(r.notes());
        if (r.llmDraftedNotApprovedRows() > 0)
            n.add(r.llmDraftedNotApprovedRows() + " LLM-drafted rows are not approved and are not counted");
        if (r.retiredEraRows() > 0) n.add(r.retiredEraRows() + " rows of a retired era are not counted");
        if (r.leakedGoldenRows() != null && r.leakedGoldenRows() > 0)
            n.add(r.leakedGoldenRows() + " golden rows leak into training (" + r.file() + ")");
        return n;
    }
}
