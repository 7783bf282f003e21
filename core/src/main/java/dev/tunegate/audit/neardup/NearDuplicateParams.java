package dev.tunegate.audit.neardup;

/**
 * Parameters of near-duplicate detection; reported with every result so it can be reproduced.
 *
 * @param threshold Jaccard similarity at or above which two documents are near-duplicates
 * @param permutations signature length: the number of one-permutation-hashing bins (hash values)
 * @param bands LSH bands; {@code permutations / bands} rows each
 * @param seed seed of the hash functions
 * @param mode word or character shingles
 * @param shingleSize words (or characters) per shingle
 * @param bits bits of each hash value the index keeps (b-bit MinHash: 1, 2, 4, 8, 16 or 32); the
 *     index corrects its Jaccard estimates for the chance agreement {@code 2^-bits} of the kept bits
 */
public record NearDuplicateParams(
        double threshold, int permutations, int bands, long seed, ShingleMode mode, int shingleSize, int bits) {
    /** Bits per hash value kept by the index unless said otherwise. */
    public static final int DEFAULT_BITS = 4;
    /** Signature length of {@link #forThreshold}. */
    public static final int DEFAULT_PERMUTATIONS = 256;

    public NearDuplicateParams {
        if (!(threshold > 0 && threshold <= 1))
            throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        if (permutations < 1) throw new IllegalArgumentException("permutations must be ≥ 1, got " + permutations);
        if (bands < 1 || permutations % bands != 0)
            throw new IllegalArgumentException("bands must divide permutations: " + bands + " / " + permutations);
        if (shingleSize < 1) throw new IllegalArgumentException("shingleSize must be ≥ 1, got " + shingleSize);
        if (mode == null) throw new IllegalArgumentException("mode must be given");
        if (bits < 1 || bits > 32 || Integer.bitCount(bits) != 1)
            throw new IllegalArgumentException("bits must be 1, 2, 4, 8, 16 or 32, got " + bits);
    }

    /** The parameters with {@link #DEFAULT_BITS} bits per value kept by the index. */
    public NearDuplicateParams(
            double threshold, int permutations, int bands, long seed, ShingleMode mode, int shingleSize) {
        this(threshold, permutations, bands, seed, mode, shingleSize, DEFAULT_BITS);
    }

    /** Rows per band. */
    public int rows() {
        return permutations / bands;
    }

    /**
     * 256 one-permutation-hashing bins kept at 4 bits each, word 5-shingles, and the banding with the
     * most rows per band whose probability of making a pair at exactly the threshold a candidate is
     * at least {@value LshBanding#TARGET_RECALL} (see {@link LshBanding}); for 0.8 that is 32 bands of 8.
     */
    public static NearDuplicateParams forThreshold(double threshold, long seed) {
        return forThreshold(threshold, seed, ShingleMode.WORDS, 5);
    }

    /** As {@link #forThreshold(double, long)} with another shingle mode or size. */
    public static NearDuplicateParams forThreshold(double threshold, long seed, ShingleMode mode, int shingleSize) {
        if (!(threshold > 0 && threshold <= 1))
            throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        int perms = DEFAULT_PERMUTATIONS;
        int bands = LshBanding.bandsFor(threshold, perms, DEFAULT_BITS);
        return new NearDuplicateParams(threshold, perms, bands, seed, mode, shingleSize, DEFAULT_BITS);
    }

    /**
     * The same threshold, seed and shingles with another signature length and bits per value, and
     * the banding {@link #forThreshold} would choose for them.
     */
    public NearDuplicateParams withSignature(int permutations, int bits) {
        if (permutations < 1) throw new IllegalArgumentException("permutations must be ≥ 1, got " + permutations);
        int chosen = LshBanding.bandsFor(threshold, permutations, bits);
        return new NearDuplicateParams(threshold, permutations, chosen, seed, mode, shingleSize, bits);
    }

    /** The same parameters with another number of bands (it must divide the permutations). */
    public NearDuplicateParams withBands(int bands) {
        return new NearDuplicateParams(threshold, permutations, bands, seed, mode, shingleSize, bits);
    }

    /** Threshold 0.8, seed 42. */
    public static NearDuplicateParams defaults() {
        return forThreshold(0.8, 42);
    }
}
