package dev.tunegate.audit.neardup;

/**
 * Parameters of near-duplicate detection; reported with every result so it can be reproduced.
 *
 * @param threshold Jaccard similarity at or above which two documents are near-duplicates
 * @param permutations signature length (number of hash values)
 * @param bands LSH bands; {@code permutations / bands} rows each
 * @param seed seed of the hash functions
 * @param mode word or character shingles
 * @param shingleSize words (or characters) per shingle
 */
public record NearDuplicateParams(double threshold, int permutations, int bands, long seed, ShingleMode mode, int shingleSize) {
    public NearDuplicateParams {
        if (threshold <= 0 || threshold > 1) throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        if (permutations < 1) throw new IllegalArgumentException("permutations must be ≥ 1");
        if (bands < 1 || permutations % bands != 0) throw new IllegalArgumentException("bands must divide permutations: " + bands + " / " + permutations);
        if (shingleSize < 1) throw new IllegalArgumentException("shingleSize must be ≥ 1");
    }

    /** Rows per band. */
    public int rows() { return permutations / bands; }

    /** 128 hash values, banding chosen for the threshold, word 5-shingles. */
    public static NearDuplicateParams forThreshold(double threshold, long seed) {
        int perms = 128;
        return new NearDuplicateParams(threshold, perms, LshBanding.optimalBands(threshold, perms), seed, ShingleMode.WORDS, 5);
    }

    public static NearDuplicateParams defaults() { return forThreshold(0.8, 42); }
}
