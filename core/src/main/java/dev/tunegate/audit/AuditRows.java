package dev.tunegate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import dev.tunegate.audit.neardup.MinHasher;
import dev.tunegate.audit.neardup.NearDuplicateParams;
import dev.tunegate.audit.read.RawRow;
import dev.tunegate.audit.read.RowParser;
import dev.tunegate.io.OutputSchemaFile;
import dev.tunegate.tokens.TokenCounter;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The audit's per-row work and its end-of-run arithmetic, for an engine that distributes the rows
 * (the {@code spark} module): the very {@link RowAnalysis} {@link DatasetAudit} runs, so a row gives
 * the same fingerprints, MinHash signatures, token counts and findings on every engine, and the same
 * token statistics and label-consistency figures from the merged counts.
 */
public final class AuditRows {
    /** The first findings of each kind a report keeps ({@code findings}); the rest go to {@code --findings}. */
    public static final int SAMPLES_PER_KIND = FindingCollector.SAMPLES_PER_KIND;

    /** Distinct labels above which outputs are not classification-like. */
    public static final int MAX_LABELS = TrainingAccumulator.MAX_LABELS;

    /** Distinct output field sets tracked (in order of first appearance); the others count as drifting. */
    public static final int MAX_FIELD_SETS = TrainingAccumulator.MAX_FIELD_SETS;

    private AuditRows() {}

    /** The near-duplicate parameters of a request (threshold, seed; banding chosen for the threshold). */
    public static NearDuplicateParams params(AuditRequest request) {
        return NearDuplicateParams.forThreshold(request.threshold(), request.seed());
    }

    /**
     * The per-row analysis of the training file: parse, normalise, fingerprint, sign, tokenize, scan
     * for PII, check the output. Not thread-safe to share across threads' scratch beyond what
     * {@link DatasetAudit} does; make one per task.
     *
     * @param file the file's name as findings show it
     */
    public static Function<RawRow, RowResult> training(AuditRequest request, String file, RowParser parser) {
        ObjectMapper mapper = new ObjectMapper();
        TokenCounter encoding = request.runs(AuditCheck.TOKENS) ? TokenCounter.forEncoding(request.tokenizer()) : null;
        JsonSchema schema = request.outputSchema() != null && request.runs(AuditCheck.SCHEMA)
                ? OutputSchemaFile.load(
                        request.outputSchema(), request.outputSchema().toString())
                : null;
        RowAnalysis a = new RowAnalysis(
                file,
                parser,
                request.checks(),
                new MinHasher(params(request)),
                encoding,
                request.contextLimit(),
                mapper,
                schema);
        return a::analyze;
    }

    /** The per-row analysis of the golden file (the leakage check only), as {@link DatasetAudit} runs it. */
    public static Function<RawRow, RowResult> golden(AuditRequest request, String file, RowParser parser) {
        RowAnalysis a = new RowAnalysis(
                file,
                parser,
                EnumSet.of(AuditCheck.LEAKAGE),
                new MinHasher(params(request)),
                null,
                request.contextLimit(),
                new ObjectMapper(),
                null);
        return a::analyze;
    }

    /**
     * Token statistics from merged histograms (token count → rows), as {@link TrainingAccumulator}
     * reports them.
     *
     * @param byRole the content tokens of system, user, assistant and tool messages (rows that have the role)
     * @param perExample the tokens of each example as the fine-tuning API counts them
     * @param inputPerCall system + user tokens per row
     * @param outputPerCall assistant tokens per row
     * @param overLimit rows over the context limit
     * @param billing Σ min(contextLimit, example tokens)
     * @param validRows valid rows (for the epoch heuristic)
     */
    public static AuditReport.Tokens tokens(
            AuditRequest request,
            List<Map<Integer, Long>> byRole,
            Map<Integer, Long> perExample,
            Map<Integer, Long> inputPerCall,
            Map<Integer, Long> outputPerCall,
            long overLimit,
            long billing,
            long validRows) {
        Map<String, AuditReport.TokenStats> roles = new java.util.LinkedHashMap<>();
        String[] names = {"system", "user", "assistant", "tool"};
        for (int k = 0; k < 4; k++) {
            TokenHistogram h = histogram(byRole.get(k));
            if (h.count() > 0) roles.put(names[k], h.stats());
        }
        TokenHistogram ex = histogram(perExample);
        int epochs = TrainingAccumulator.epochs(validRows);
        return new AuditReport.Tokens(
                request.tokenizer(),
                ex.total(),
                roles,
                ex.stats(),
                histogram(inputPerCall).stats(),
                histogram(outputPerCall).stats(),
                request.contextLimit(),
                overLimit,
                billing,
                epochs,
                billing * epochs,
                "exact nearest-rank quantiles from a histogram of per-row counts; example tokens = Σ(content + role + 3 per message) + 3");
    }

    private static TokenHistogram histogram(Map<Integer, Long> counts) {
        TokenHistogram h = new TokenHistogram();
        if (counts != null) counts.forEach(h::add);
        return h;
    }

    /**
     * Label consistency from the conflict groups of approved current-era rows, as the local audit
     * computes it.
     */
    public static AuditReport.Consistency consistency(
            long approvedRows,
            List<List<Integer>> eligibleConflictGroups,
            long candidateRows,
            long candidatesInConflict) {
        return AuditReport.Consistency.of(approvedRows, eligibleConflictGroups, candidateRows, candidatesInConflict);
    }
}
