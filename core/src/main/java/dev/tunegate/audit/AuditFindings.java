package dev.tunegate.audit;

import dev.tunegate.evidence.Finding;
import java.util.List;
import java.util.Locale;

/**
 * The audit's {@link Finding}s: the kind's key and severity from {@link FindingKind} (public for the spark engine,
 * which must write the local audit's findings byte for byte).
 */
public final class AuditFindings {
    private AuditFindings() {}

    /** A finding about one row. */
    public static Finding row(FindingKind kind, String file, long line, int row, String message) {
        return new Finding(kind.key(), severity(kind), file, line, List.of(row), List.of(), message);
    }

    /** A finding about a group of rows (line 0). */
    public static Finding group(FindingKind kind, String file, List<Integer> rows, String message) {
        return new Finding(kind.key(), severity(kind), file, 0, rows, List.of(), message);
    }

    /**
     * A golden row whose input leaks into training: its exact copies (at most five named) and its near copies (other
     * inputs, most similar first, every one named: export removes the rows a finding names), with the estimate of the
     * nearest. Either list may be empty, not both.
     */
    public static Finding goldenLeak(
            String file, long line, int goldenRow, List<Integer> exact, List<Integer> near, double nearestEstimate) {
        List<Integer> rows = new java.util.ArrayList<>(exact);
        rows.addAll(near);
        String nearText = near.isEmpty()
                ? ""
                : String.format(
                        Locale.ROOT,
                        "a near duplicate (estimated Jaccard %.2f) of training row %d",
                        nearestEstimate,
                        near.get(0));
        String message = exact.isEmpty()
                ? "the input is " + nearText
                : "the input is an exact (normalised) duplicate of training row" + (exact.size() > 1 ? "s " : " ")
                        + String.join(", ", exact.stream().map(String::valueOf).toList())
                        + (near.isEmpty()
                                ? ""
                                : " and " + nearText + (near.size() > 1 ? " (" + near.size() + " rows)" : ""));
        return new Finding(
                FindingKind.GOLDEN_LEAK.key(),
                severity(FindingKind.GOLDEN_LEAK),
                file,
                line,
                List.of(goldenRow),
                List.copyOf(rows),
                message);
    }

    public static String severity(FindingKind kind) {
        return kind.severity().name().toLowerCase(Locale.ROOT);
    }
}
