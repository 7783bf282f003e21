package dev.tunegate.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.InvalidInputException;
import java.util.List;
import java.util.Map;

/**
 * The result of a dataset audit; its JSON form ({@code tunegate audit --format json}) is the
 * versioned contract documented in {@code docs/formats/audit-report.md}. Fields of checks that did
 * not run ({@code --only}) are absent.
 *
 * @param schemaVersion version of this JSON contract ({@value #SCHEMA_VERSION})
 * @param file the training file
 * @param sha256 its SHA-256
 * @param format the format read (detected or given)
 * @param compression none, gzip or zstd
 * @param layout jsonl, json-array, csv or tsv
 * @param checks the checks that ran
 * @param rows rows read (every non-blank line or array element or record)
 * @param validRows rows without format errors
 * @param approvedRows rows with review status approved
 * @param goldRows rows with provenance gold
 * @param llmDraftedApprovedRows LLM-drafted rows a human approved
 * @param llmDraftedNotApprovedRows LLM-drafted rows nobody approved (never usable)
 * @param retiredEraRows rows of a retired era (never usable)
 * @param rowsWithoutReviewMetadata valid rows with neither provenance nor status
 * @param byProvenance valid rows by provenance ({@code (none)} when absent)
 * @param byStatus valid rows by review status
 * @param byEra valid rows by era
 * @param usableRows reviewed pairs usable for training: valid, approved or gold, current era, no unfilled placeholder,
 *                   not in a conflict group, exact and near duplicates collapsed to one (needs exact-duplicates,
 *                   near-duplicates and conflicts)
 * @param exactDuplicateGroups groups of rows with the same normalised input and output
 * @param rowsInExactDuplicateGroups rows in those groups
 * @param exactDuplicateInputGroups groups of rows with the same normalised input
 * @param nearDuplicateClusters clusters of near-duplicate whole examples (exact duplicates included)
 * @param rowsInNearDuplicateClusters rows in those clusters
 * @param largestClusters the largest clusters with sample rows
 * @param nearDuplicateParams the parameters of near-duplicate detection
 * @param repeatedInputGroups groups of rows with the same or near-duplicate inputs
 * @param conflictGroups those groups whose outputs differ
 * @param rowsInConflictGroups rows in conflict groups
 * @param labelDisagreementRate conflictGroups / repeatedInputGroups (0 when no input repeats)
 * @param outputs output schema and labels
 * @param tokens token counts
 * @param pii personal data
 * @param leakage golden-set leakage (when a golden file is given)
 * @param leakedGoldenRows golden rows whose input is an exact or near duplicate of a training input
 * @param findingsByKind every finding counted by kind
 * @param findings the first findings of each kind (all of them go to {@code --findings})
 * @param notes what a person should know about how the audit ran
 * @param consistency label consistency of the rows a fine-tune would train on (FT-CONSISTENT, FT-TASK); null when conflicts do not run
 * @param partial the files read only up to damage ({@code --allow-partial}); absent when every file was read whole
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "schemaVersion",
    "file",
    "sha256",
    "format",
    "compression",
    "layout",
    "checks",
    "rows",
    "validRows",
    "approvedRows",
    "goldRows",
    "usableRows"
})
public record AuditReport(
        int schemaVersion,
        String file,
        String sha256,
        String format,
        String compression,
        String layout,
        List<String> checks,
        long rows,
        long validRows,
        long approvedRows,
        long goldRows,
        long llmDraftedApprovedRows,
        long llmDraftedNotApprovedRows,
        long retiredEraRows,
        long rowsWithoutReviewMetadata,
        Map<String, Long> byProvenance,
        Map<String, Long> byStatus,
        Map<String, Long> byEra,
        Long usableRows,
        Long exactDuplicateGroups,
        Long rowsInExactDuplicateGroups,
        Long exactDuplicateInputGroups,
        Long nearDuplicateClusters,
        Long rowsInNearDuplicateClusters,
        List<ClusterSample> largestClusters,
        NearDuplicateSettings nearDuplicateParams,
        Long repeatedInputGroups,
        Long conflictGroups,
        Long rowsInConflictGroups,
        Double labelDisagreementRate,
        long candidateRows,
        Long candidateRepeatedInputGroups,
        Long candidateConflictGroups,
        Double candidateLabelDisagreementRate,
        Outputs outputs,
        Tokens tokens,
        Pii pii,
        Leakage leakage,
        Long leakedGoldenRows,
        Memory memory,
        Map<String, Long> findingsByKind,
        List<Finding> findings,
        List<String> notes,
        Consistency consistency,
        List<Partial> partial) {

    /**
     * A file read only up to the damage ({@code --allow-partial}): the figures of the report are of its
     * rows before that point.
     *
     * @param file the file
     * @param line the 1-based line where the damage starts
     * @param byteOffset the byte offset of that line in the (decompressed) content, -1 when unknown
     * @param rowsRead the rows before it, the only ones audited
     * @param damage what is damaged ("the gzip stream is truncated or corrupt", …)
     */
    public record Partial(String file, long line, long byteOffset, long rowsRead, String damage) {}

    /** The version of the JSON contract. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * Throws when the training file, or the golden file, has rows and none of them is valid: an audit that could read
     * nothing is invalid input (exit 3), not a clean run, so a CI gate does not pass a dataset it could not read. The
     * report is printed first (both engines), so the reader sees what was found.
     */
    public void requireValidRows() {
        if (rows > 0 && validRows == 0)
            throw new InvalidInputException(
                    file,
                    0,
                    "none of the " + rows + " rows is valid as " + format + firstError(file)
                            + ". Is the format right? Set it with --data-format and --column (data.format, data.columns)");
        if (leakage != null && leakage.goldenRows() > 0 && leakage.validGoldenRows() == 0)
            throw new InvalidInputException(
                    leakage.goldenFile(),
                    0,
                    "none of the " + leakage.goldenRows() + " golden rows is valid, so leakage was not checked"
                            + firstError(leakage.goldenFile())
                            + ". Is the format right? The golden file's format is detected from the file; its CSV"
                            + " columns are those of --column");
    }

    /** "; the first error, at line L: kind: message" of the earliest error finding the report samples in {@code f}. */
    private String firstError(String f) {
        return findings.stream()
                .filter(x -> f.equals(x.file()) && x.severity().equals("error"))
                .min(java.util.Comparator.comparingLong(Finding::line))
                .map(x -> "; the first error, at line " + x.line() + ": " + x.kind() + ": " + x.message())
                .orElse("");
    }

    /**
     * Label consistency, over rows (not over repeated inputs): a conflict group is a set of rows with the same or a
     * near-duplicate input and more than one distinct output.
     *
     * @param approvedRows approved or gold, current-era rows (the rows a fine-tune would train on)
     * @param conflictGroups conflict groups among those rows
     * @param rowsInConflict those rows that sit in a conflict group
     * @param conflictShare rowsInConflict ÷ approvedRows (0 when there are none): FT-CONSISTENT's measure
     * @param candidateRows current-era rows that are not rejected
     * @param candidateRowsInConflict those rows that sit in a conflict group among candidates
     * @param candidateConflictShare candidateRowsInConflict ÷ candidateRows: FT-TASK's disagreement
     * @param groups each conflict group's row indices (0-based, file order), largest first; not in the JSON
     */
    public record Consistency(
            long approvedRows,
            long conflictGroups,
            long rowsInConflict,
            double conflictShare,
            long candidateRows,
            long candidateRowsInConflict,
            double candidateConflictShare,
            @com.fasterxml.jackson.annotation.JsonIgnore List<List<Integer>> groups) {
        public Consistency {
            groups = groups.stream().map(List::copyOf).toList();
        }

        static Consistency of(long approved, List<List<Integer>> groups, long candidates, long candidatesInConflict) {
            List<List<Integer>> sorted = new java.util.ArrayList<>(groups);
            sorted.sort(java.util.Comparator.comparingInt((List<Integer> g) -> -g.size())
                    .thenComparing(g -> g.get(0)));
            long rows = sorted.stream().mapToLong(List::size).sum();
            return new Consistency(
                    approved,
                    sorted.size(),
                    rows,
                    approved == 0 ? 0 : (double) rows / approved,
                    candidates,
                    candidatesInConflict,
                    candidates == 0 ? 0 : (double) candidatesInConflict / candidates,
                    sorted);
        }

        /** The fewest groups to resolve, largest first, for the share in conflict to reach at most {@code maxShare}. */
        public int groupsToResolve(double maxShare) {
            long left = rowsInConflict;
            int k = 0;
            while (approvedRows > 0 && (double) left / approvedRows > maxShare && k < groups.size())
                left -= groups.get(k++).size();
            return k;
        }
    }

    /**
     * A near-duplicate cluster.
     *
     * @param size rows in it
     * @param minEstimatedJaccard the smallest figure of the pairs that joined it: exact when all its rows are short
     *     (its {@code near_duplicate_cluster} finding says so), else a MinHash estimate
     * @param exact whether {@code minEstimatedJaccard} is exact (every row of the cluster short), so that a program
     *     reading the report can tell, as a reader of the finding can
     * @param sampleRows its first rows (at most 5)
     */
    public record ClusterSample(int size, double minEstimatedJaccard, boolean exact, List<Integer> sampleRows) {
        public ClusterSample {
            sampleRows = List.copyOf(sampleRows);
        }
    }

    /**
     * How near-duplicates were found (MinHash + LSH banding; a pair is a near-duplicate when its
     * estimated Jaccard similarity of shingle sets reaches the threshold).
     *
     * @param seed seed of the hash functions
     * @param permutations signature length
     * @param bands LSH bands
     * @param threshold Jaccard threshold
     * @param shingles words or characters
     * @param shingleSize tokens per shingle
     * @param indexBytes bytes used by the whole-example index
     * @param indexBytesPerRow indexBytes / indexed rows
     * @param estimateStandardError standard error of a Jaccard estimate at the threshold: sqrt(t(1−t)/permutations)
     */
    public record NearDuplicateSettings(
            long seed,
            int permutations,
            int bands,
            double threshold,
            String shingles,
            int shingleSize,
            long indexBytes,
            double indexBytesPerRow,
            double estimateStandardError) {

        /**
         * The settings of a run of {@code request} (either engine), or null when none of its checks compared
         * signatures: absent then, as every field of a check that did not run is (docs/formats/audit-report.md). The
         * standard error is that of an estimate at the threshold, sqrt(J(1−J)/permutations).
         */
        public static NearDuplicateSettings of(
                AuditRequest request,
                dev.tunegate.audit.neardup.NearDuplicateParams params,
                long indexBytes,
                long validRows) {
            if (!request.comparesSignatures()) return null;
            return new NearDuplicateSettings(
                    params.seed(),
                    params.permutations(),
                    params.bands(),
                    params.threshold(),
                    params.mode().name().toLowerCase(java.util.Locale.ROOT),
                    params.shingleSize(),
                    indexBytes,
                    validRows == 0 ? 0 : (double) indexBytes / validRows,
                    Math.sqrt(params.threshold() * (1 - params.threshold()) / params.permutations()));
        }
    }

    /**
     * Outputs: JSON parse rate, schema conformance or inferred schema, classification labels.
     *
     * @param jsonRows valid rows whose output parses as JSON
     * @param jsonParseRate jsonRows / valid rows
     * @param structured whether outputs are structured: parse rate ≥ 90 % or a schema is given
     * @param schema conformance to the given JSON Schema (null without one)
     * @param inferred the dominant field set of JSON-object outputs and the rows drifting from it (null when outputs are not JSON objects)
     * @param classification labels of classification-like data (null when not classification-like)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outputs(
            long jsonRows,
            double jsonParseRate,
            boolean structured,
            SchemaConformance schema,
            InferredSchema inferred,
            Classification classification) {}

    /**
     * @param file the schema file
     * @param checkedRows valid rows checked
     * @param conformingRows rows that conform
     * @param conformance conformingRows / checkedRows
     * @param candidateRows training candidates (see {@link AuditReport#candidateRows()})
     * @param candidateConformingRows of which conform
     * @param candidateConformance candidateConformingRows / candidateRows: the figure the policy reads
     * @param topViolations the most frequent violation messages
     */
    public record SchemaConformance(
            String file,
            long checkedRows,
            long conformingRows,
            double conformance,
            long candidateRows,
            long candidateConformingRows,
            double candidateConformance,
            List<Counted> topViolations) {
        public SchemaConformance {
            topViolations = List.copyOf(topViolations);
        }
    }

    /**
     * @param dominantFields the most frequent top-level field set, name → JSON type
     * @param dominantRows rows with exactly that field set
     * @param objectRows rows whose output is a JSON object
     * @param dominantShare dominantRows / objectRows
     * @param candidateShare training candidates with the dominant field set / training candidates: the figure the policy reads
     * @param driftingRows JSON-object rows with another field set
     * @param distinctFieldSets how many field sets occur
     * @param otherFieldSets the next most frequent field sets
     */
    public record InferredSchema(
            Map<String, String> dominantFields,
            long dominantRows,
            long objectRows,
            double dominantShare,
            double candidateShare,
            long driftingRows,
            long distinctFieldSets,
            List<Counted> otherFieldSets) {}

    /**
     * @param labelCount distinct labels
     * @param labels every label with its count and share, most frequent first
     * @param rareLabels labels with fewer rows than a tenth of the mean class size (or fewer than 2)
     * @param labelsSeenOnce labels of exactly one row
     * @param imbalanceRatio rows of the largest class / rows of the smallest
     */
    public record Classification(
            int labelCount,
            List<LabelCount> labels,
            List<String> rareLabels,
            List<String> labelsSeenOnce,
            double imbalanceRatio) {}

    /**
     * Memory held for the whole run (everything else is per batch and released).
     *
     * @param perRowStateBytes fingerprints, line numbers and field-set ids of every row
     * @param wholeIndexBytes the near-duplicate index of whole examples
     * @param inputIndexBytes the near-duplicate index of inputs (conflicts and leakage)
     * @param bytesPerRow the sum divided by the rows
     */
    public record Memory(long perRowStateBytes, long wholeIndexBytes, long inputIndexBytes, double bytesPerRow) {}

    /** A label and how often it occurs. */
    public record LabelCount(String label, long rows, double share) {}

    /** A text (violation message, field set) and its count. */
    public record Counted(String text, long count) {}

    /**
     * Statistics of a token count (nearest-rank quantiles from an exact histogram).
     *
     * @param rows rows counted
     */
    public record TokenStats(long rows, long min, long p50, long p90, long p95, long max, long total) {}

    /**
     * Tokens, counted with a real tokenizer.
     *
     * @param tokenizer o200k_base or cl100k_base
     * @param total tokens of all valid examples as the fine-tuning API counts them (content + 3 per message + role + 3 per example)
     * @param byRole content tokens per role (rows that have the role)
     * @param perExample tokens per example
     * @param inputPerCall system + user tokens per row
     * @param outputPerCall assistant tokens per row
     * @param contextLimit tokens per example above which a row is truncated
     * @param rowsOverContextLimit rows above it
     * @param billingTokensPerEpoch Σ min(contextLimit, example tokens)
     * @param epochs the epoch count of OpenAI's data-prep heuristic (target 3, at least 100 and at most 25,000 examples seen, 1–25 epochs)
     * @param trainingTokens epochs × billingTokensPerEpoch
     * @param method how quantiles are computed
     */
    public record Tokens(
            String tokenizer,
            long total,
            Map<String, TokenStats> byRole,
            TokenStats perExample,
            TokenStats inputPerCall,
            TokenStats outputPerCall,
            int contextLimit,
            long rowsOverContextLimit,
            long billingTokensPerEpoch,
            int epochs,
            long trainingTokens,
            String method) {}

    /**
     * Personal data (values are never printed whole: see the findings' masked samples).
     *
     * @param byKind occurrences by kind
     * @param rowsByKind rows with at least one occurrence, by kind
     * @param rowsWithPii rows with any
     * @param sampleRows first rows per kind (at most 10)
     */
    public record Pii(
            Map<String, Long> byKind,
            Map<String, Long> rowsByKind,
            long rowsWithPii,
            Map<String, List<Integer>> sampleRows) {}

    /**
     * Golden-set leakage into training.
     *
     * @param goldenFile the golden file
     * @param goldenRows its rows
     * @param validGoldenRows rows read without errors
     * @param leakedRows golden rows whose input is an exact or near duplicate of a training input
     * @param exactLeaks of which exact (normalised) duplicates
     * @param nearLeaks of which near-duplicates only
     * @param sampleGoldenRows first leaked golden rows (at most 20)
     */
    public record Leakage(
            String goldenFile,
            String sha256,
            long goldenRows,
            long validGoldenRows,
            long leakedRows,
            long exactLeaks,
            long nearLeaks,
            List<Integer> sampleGoldenRows) {}
}
