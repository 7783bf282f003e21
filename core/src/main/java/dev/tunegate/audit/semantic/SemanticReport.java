package dev.tunegate.audit.semantic;

import java.util.List;

/**
 * The semantic audit's report: the {@code semantic} object of {@code tunegate audit --semantic --format json}
 * (docs/formats/audit-report.md).
 *
 * @param model the model id (name and the first bytes of the model file's SHA-256)
 * @param threshold the leakage threshold (cosine)
 * @param duplicateThreshold the near-duplicate threshold (cosine)
 * @param leakedGoldenRows golden rows whose input's nearest training input is at or above {@code threshold} and that the
 *        exact/MinHash check did not flag (all of them when it did not run; null without a golden file)
 * @param alsoLexicalLeaks golden rows above the threshold that the exact/MinHash check flagged as well (null without a
 *        golden file, or when that check did not run: {@code leakedGoldenRows} then counts every golden row above)
 * @param goldenRows valid golden rows compared
 * @param leaks the first leaks (at most 20), with both texts
 * @param nearDuplicateClusters clusters of training rows whose input + output are at or above {@code duplicateThreshold}
 * @param rowsInNearDuplicateClusters rows in them
 * @param nearDuplicateShare those rows' share of the valid training rows
 * @param largestClusters the largest clusters' rows (at most 5 clusters, 20 rows each)
 * @param conflictGroups groups of semantically near-duplicate inputs with different outputs
 * @param rowsInConflictGroups rows in them
 * @param histogram nearest-neighbour cosines, to see where the dense region starts
 * @param run how it ran: texts embedded and cached, search method, seconds, memory
 */
public record SemanticReport(
        String model,
        double threshold,
        double duplicateThreshold,
        Long leakedGoldenRows,
        Long alsoLexicalLeaks,
        Long goldenRows,
        List<Leak> leaks,
        long nearDuplicateClusters,
        long rowsInNearDuplicateClusters,
        double nearDuplicateShare,
        List<List<Integer>> largestClusters,
        long conflictGroups,
        long rowsInConflictGroups,
        Histogram histogram,
        Run run) {

    /**
     * One paraphrase leak.
     *
     * @param goldenRow 0-based golden row
     * @param trainingRow 0-based nearest training row
     * @param cosine their cosine
     * @param goldenText the golden input (first 300 characters)
     * @param trainingText the training input (first 300 characters)
     */
    public record Leak(int goldenRow, int trainingRow, double cosine, String goldenText, String trainingText) {}

    /**
     * Counts of nearest-neighbour cosines in bins of {@code width} from {@code from} up to 1.
     *
     * @param training each valid training row's nearest other training row (input + output)
     * @param golden each valid golden row's nearest training row (inputs), empty without a golden file
     */
    public record Histogram(double from, double width, List<Long> training, List<Long> golden) {}

    /**
     * @param texts texts the audit needed vectors for
     * @param embedded of which embedded in this run
     * @param cached of which read from the cache
     * @param cacheFile the cache file, or null
     * @param search {@code exact} or {@code hnsw-int8}
     * @param embedSeconds seconds spent embedding
     * @param textsPerSecond embedding throughput (texts embedded / embedSeconds)
     * @param vectorBytesPerRow bytes of vectors held per training row (float16)
     */
    public record Run(
            long texts,
            long embedded,
            long cached,
            String cacheFile,
            String search,
            double embedSeconds,
            double textsPerSecond,
            long vectorBytesPerRow) {}
}
