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

/**
 * The dataset audit as an analyzer: runs when {@code data.train} is configured and turns the
 * {@link AuditReport} into the dataset measures the policy reads (FT-DATA, NO-DATA, FT-SCHEMA,
 * FT-TASK, leakage, and the token counts the cost model uses).
 */
public final class AuditAnalyzer implements Analyzer {
    /** Share of outputs that must parse as JSON for outputs to count as structured. */
    static final double STRUCTURED_SHARE = 0.9;

    @Override
    public String name() { return "audit"; }

    @Override
    public boolean applies(Workspace workspace) { return workspace.path("data.train").isPresent(); }

    @Override
    public AnalyzerResult analyze(Workspace ws, AnalysisContext context) {
        AuditRequest request = request(ws);
        AuditReport r = DatasetAudit.run(request, context.progress(), context.threads(), FindingSink.NONE, ws::relative);
        List<Evidence> ev = evidence(r);
        List<String> notes = notes(r);
        List<AnalyzerResult.InputFile> in = inputs(ws, r, request);
        return new AnalyzerResult(name(), ev, in, r, notes);
    }

    /** The audit request a workspace configures: the training file, golden set, schema, format and eras. */
    public static AuditRequest request(Workspace ws) {
        return AuditRequest.of(ws.data());
    }

    /** The measures of a full report. */
    static List<Evidence> evidence(AuditReport r) {
        List<Evidence> ev = new ArrayList<>();
        String src = "audit: " + r.file();
        ev.add(Evidence.measured(Measure.DATASET_ROWS, r.rows(), src, r.validRows() + " valid"));
        if (r.usableRows() != null) {
            ev.add(Evidence.measured(Measure.REVIEWED_PAIRS, r.usableRows(), src, String.format(Locale.ROOT,
                    "approved or gold (%d approved, %d gold), current era, exact and near duplicates collapsed, %d rows in conflict groups excluded",
                    r.approvedRows(), r.goldRows(), r.rowsInConflictGroups() == null ? 0 : r.rowsInConflictGroups())));
        }
        ev.add(Evidence.measured(Measure.GOLD_ROWS, r.goldRows(), src, "rows with metadata.provenance = gold"));
        if (r.outputs() != null) {
            AuditReport.Outputs o = r.outputs();
            ev.add(Evidence.measured(Measure.OUTPUTS_STRUCTURED, o.structured(), src, String.format(Locale.ROOT,
                    "%.1f%% of outputs parse as JSON%s", 100 * o.jsonParseRate(), o.schema() != null ? "; an output schema is configured" : "")));
            if (o.structured()) {
                if (o.schema() != null) {
                    ev.add(Evidence.measured(Measure.OUTPUT_SCHEMA_CONFORMANCE, o.schema().candidateConformance(), src + " + " + o.schema().file(),
                            o.schema().candidateConformingRows() + " of " + o.schema().candidateRows() + " training candidates conform to the schema ("
                                    + o.schema().conformingRows() + " of " + o.schema().checkedRows() + " valid rows, retired-era and rejected rows included)"));
                } else if (o.inferred() != null) {
                    ev.add(Evidence.measured(Measure.OUTPUT_SCHEMA_CONFORMANCE, o.inferred().candidateShare(), src, String.format(Locale.ROOT,
                            "%.1f%% of %d training candidates have the dominant output fields {%s} (no schema configured: inferred)",
                            100 * o.inferred().candidateShare(), r.candidateRows(), String.join(", ", o.inferred().dominantFields().keySet()))));
                }
            }
        }
        if (r.candidateLabelDisagreementRate() != null) {
            ev.add(Evidence.measured(Measure.LABEL_DISAGREEMENT_RATE, r.candidateLabelDisagreementRate(), src,
                    r.candidateConflictGroups() + " of " + r.candidateRepeatedInputGroups()
                            + " groups of repeated or near-duplicate inputs among training candidates have different outputs (all rows: "
                            + r.conflictGroups() + " of " + r.repeatedInputGroups() + ")"));
        }
        if (r.leakage() != null) {
            ev.add(Evidence.measured(Measure.LEAKED_GOLDEN_ROWS, r.leakage().leakedRows(), src + " + " + r.leakage().goldenFile(),
                    r.leakage().exactLeaks() + " exact, " + r.leakage().nearLeaks() + " near-duplicate inputs of " + r.leakage().goldenRows() + " golden rows"));
        }
        if (r.tokens() != null && r.tokens().perExample().rows() > 0) {
            AuditReport.Tokens t = r.tokens();
            ev.add(Evidence.measured(Measure.TRAINING_TOKENS, t.billingTokensPerEpoch(), src, t.tokenizer() + "; "
                    + t.epochs() + " epochs by OpenAI's heuristic = " + t.trainingTokens() + " tokens trained"));
            // the user's input only: the cost model adds today's (or the tuned) system prompt itself
            AuditReport.TokenStats user = t.byRole().get("user");
            if (user != null) {
                ev.add(Evidence.measured(Measure.INPUT_TOKENS_PER_CALL, user.p50(), src, "p50 of user tokens per row (" + t.tokenizer() + ")"));
            } else {
                ev.add(Evidence.measured(Measure.INPUT_TOKENS_PER_CALL, t.inputPerCall().p50(), src, "p50 of input tokens per row (" + t.tokenizer() + ")"));
            }
            ev.add(Evidence.measured(Measure.OUTPUT_TOKENS_PER_CALL, t.outputPerCall().p50(), src, "p50 of assistant tokens per row (" + t.tokenizer() + ")"));
        }
        return ev;
    }

    private static List<AnalyzerResult.InputFile> inputs(Workspace ws, AuditReport r, AuditRequest request) {
        List<AnalyzerResult.InputFile> in = new ArrayList<>();
        in.add(new AnalyzerResult.InputFile(r.file(), r.sha256()));
        if (r.leakage() != null) in.add(new AnalyzerResult.InputFile(r.leakage().goldenFile(), r.leakage().sha256()));
        if (request.outputSchema() != null) {
            in.add(new AnalyzerResult.InputFile(ws.relative(request.outputSchema()), dev.tunegate.io.Digests.sha256(request.outputSchema())));
        }
        return in;
    }

    private static List<String> notes(AuditReport r) {
        List<String> n = new ArrayList<>(r.notes());
        if (r.llmDraftedNotApprovedRows() > 0) n.add(r.llmDraftedNotApprovedRows() + " LLM-drafted rows are not approved and are not counted");
        if (r.retiredEraRows() > 0) n.add(r.retiredEraRows() + " rows of a retired era are not counted");
        if (r.leakedGoldenRows() != null && r.leakedGoldenRows() > 0) n.add(r.leakedGoldenRows() + " golden rows leak into training (" + r.file() + ")");
        return n;
    }
}
