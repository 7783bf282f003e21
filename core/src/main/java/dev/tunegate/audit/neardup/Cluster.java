package dev.tunegate.audit.neardup;

import java.util.List;

/**
 * Rows that are near-duplicates of each other (connected by verified pairs).
 *
 * @param rows the rows, ascending
 * @param minEstimatedJaccard the lowest figure of the verified pairs that joined it (each the exact Jaccard of two
 *     short rows, else the MinHash estimate; see {@link NearDuplicateIndex})
 * @param exact whether every pair that joined it was judged by its exact Jaccard (all its rows are short), so that
 *     {@code minEstimatedJaccard} is exact too
 */
public record Cluster(List<Integer> rows, double minEstimatedJaccard, boolean exact) {
    public Cluster {
        rows = List.copyOf(rows);
    }
}
