package dev.tunegate.audit.neardup;

/**
 * A row of the index similar to a queried signature.
 *
 * @param row the row
 * @param estimatedJaccard the figure the pair was verified by: the exact Jaccard when {@code exact}, else the
 *     (corrected, possibly capped) MinHash estimate (see {@link NearDuplicateIndex})
 * @param exact whether {@code estimatedJaccard} is the exact Jaccard of the two shingle sets: both texts are short
 *     (at most {@link MinHasher#SHORT} distinct shingles)
 */
public record Match(int row, double estimatedJaccard, boolean exact) {}
