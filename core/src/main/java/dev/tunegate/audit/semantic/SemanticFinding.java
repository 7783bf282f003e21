package dev.tunegate.audit.semantic;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One finding of the semantic audit, written to {@code --findings FILE.jsonl} beside the audit's own.
 *
 * @param kind {@code semantic_leak}, {@code semantic_duplicate_cluster} or {@code semantic_conflict}
 * @param severity always {@code warning}
 * @param file the file the finding is about (the golden file for a leak)
 * @param line the 1-based line of the golden row (leaks), else 0
 * @param rows training rows (0-based): the leak's nearest training rows at or above the threshold, or the cluster
 * @param goldenRow for a leak: the 0-based golden row, else null
 * @param cosine for a leak: the cosine to the nearest training row; for a cluster: the lowest linking cosine
 * @param message one line a person acts on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SemanticFinding(
        String kind,
        String severity,
        String file,
        long line,
        List<Integer> rows,
        Integer goldenRow,
        double cosine,
        String message) {
    public static final String LEAK = "semantic_leak";
    public static final String DUPLICATE_CLUSTER = "semantic_duplicate_cluster";
    public static final String CONFLICT = "semantic_conflict";

    public SemanticFinding {
        rows = List.copyOf(rows);
    }
}
