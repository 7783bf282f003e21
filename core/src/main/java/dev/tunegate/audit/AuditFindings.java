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
     * inputs, most similar first, every one named: export removes the rows a finding names), with the Jaccard figure
     * of the nearest and whether that figure is exact (both texts short, see
     * {@link dev.tunegate.audit.neardup.Match#exact()}) or a MinHash estimate. Either list may be empty, not both.
     */
    public static Finding goldenLeak(
            String file,
            long line,
            int goldenRow,
            List<Integer> exact,
            List<Integer> near,
            double nearestJaccard,
            boolean nearestExact) {
        List<Integer> rows = new java.util.ArrayList<>(exact);
        rows.addAll(near);
        String nearText = near.isEmpty()
                ? ""
                : "a near duplicate (" + jaccard("", nearestJaccard, nearestExact, "both texts are short")
                        + ") of training row " + near.get(0);
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

    /**
     * The message of a near-duplicate cluster: its size and the lowest Jaccard figure of the pairs that joined it,
     * exact when every one of them was (all its rows short, see {@link dev.tunegate.audit.neardup.Cluster#exact()}).
     */
    public static String nearDuplicateCluster(int size, double minJaccard, boolean exact) {
        return size + " near-duplicate examples (" + jaccard("≥ ", minJaccard, exact, "all texts are short") + ")";
    }

    /**
     * "Jaccard 0.86, exact: WHY" for an exact figure, "estimated Jaccard 0.86" for a MinHash estimate: a reader must
     * be able to tell one from the other.
     */
    private static String jaccard(String relation, double figure, boolean exact, String why) {
        String value = String.format(Locale.ROOT, "%s%.2f", relation, figure);
        return exact ? "Jaccard " + value + ", exact: " + why : "estimated Jaccard " + value;
    }

    public static String severity(FindingKind kind) {
        return kind.severity().name().toLowerCase(Locale.ROOT);
    }
}
