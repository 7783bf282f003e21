package dev.tunegate.audit.neardup;

import java.util.List;

/**
 * Rows that are near-duplicates of each other (connected by verified pairs).
 *
 * @param rows the rows, ascending
 * @param minEstimatedJaccard the lowest estimated Jaccard of the verified pairs that joined it
 */
public record Cluster(List<Integer> rows, double minEstimatedJaccard) {
    public Cluster {
        rows = List.copyOf(rows);
    }
}
