package dev.tunegate.audit;

import dev.tunegate.audit.neardup.Signature;
import dev.tunegate.audit.read.RowMetadata;
import dev.tunegate.evidence.Finding;
import java.util.List;

/**
 * What a worker thread computed for one row: fixed-size facts (hashes, signatures, token counts)
 * the single-threaded accumulators merge in row order. The row's text is not kept.
 *
 * @param index 0-based row index
 * @param line 1-based line
 * @param bytes bytes of the file the row spans
 * @param valid whether the row is a usable example
 * @param formatError whether the row has an error-severity format problem (counts towards --max-errors)
 * @param findings row-level findings (format problems, placeholders, PII, over-length, schema violations)
 * @param metadata provenance, status, reviewer, era (NONE when absent or invalid)
 * @param inputHash fingerprint of the normalised input (0 when not valid)
 * @param outputHash fingerprint of the normalised output
 * @param pairHash fingerprint of the normalised input and output together
 * @param wholeSignature MinHash signature of the whole example (null unless near-duplicates run)
 * @param inputSignature MinHash signature of the input (null unless conflicts or leakage run)
 * @param roleTokens tokens of the message contents by role: system, user, assistant, tool (null unless tokens run)
 * @param rowTokens tokens of the example as the fine-tuning API counts them (OpenAI notebook)
 * @param output facts about the output (null unless schema runs)
 * @param pii personal data kinds found (values masked)
 * @param placeholder whether a {{placeholder}} was left unfilled
 */
public record RowResult(
        int index,
        long line,
        long bytes,
        boolean valid,
        boolean formatError,
        List<Finding> findings,
        RowMetadata metadata,
        long inputHash,
        long outputHash,
        long pairHash,
        Signature wholeSignature,
        Signature inputSignature,
        int[] roleTokens,
        int rowTokens,
        OutputFacts output,
        List<PiiHit> pii,
        boolean placeholder) {

    /**
     * Facts about a row's output.
     *
     * @param json whether it parses as JSON (an object or an array)
     * @param fields for a JSON object: its sorted {@code name:type} list, else null
     * @param violations schema violations (first few), empty when it conforms or no schema is set
     * @param schemaChecked whether a schema was checked
     * @param label the trimmed output when short enough to be a class label (≤ 100 characters), else null
     */
    public record OutputFacts(
            boolean json, String fields, List<String> violations, boolean schemaChecked, String label) {
        public OutputFacts {
            violations = List.copyOf(violations);
        }
    }
}
