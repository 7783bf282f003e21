package dev.tunegate.audit.neardup;

import java.util.Arrays;

/**
 * A MinHash signature: one value per bin ({@link MinHasher} makes 32-bit values, or all
 * {@link MinHasher#EMPTY} for a text without shingles), with what the signer knows of the text's
 * shingle set: how many distinct shingles it has and, for a short text, the shingles themselves.
 *
 * <p>One-permutation hashing loses a shingle when another one falls into its bin with a smaller
 * value; a text of a handful of shingles then has the signature of a subset of itself, and a pair of
 * Jaccard 0.5 can agree in every bin. {@link NearDuplicateIndex} therefore compares short texts by
 * the exact Jaccard of their {@link #shingles()} and bounds a short text against a long one by
 * {@code |short| / |long|}.
 *
 * @param values the bin values (copied)
 * @param distinctShingles the number of distinct shingles of the text: exact when {@code shingles}
 *     is given and when the text has at most {@value MinHasher#EXACT_COUNT} shingles (repeats
 *     included); otherwise a lower bound of it (the bins a shingle fell into), at least
 *     {@value MinHasher#SHORT} + 1; -1 when unknown (a signature made from its values alone)
 * @param shingles the text's distinct shingle hashes in increasing order when it has at most
 *     {@value MinHasher#SHORT} (copied), else null
 */
public record Signature(long[] values, int distinctShingles, long[] shingles) {
    public Signature {
        values = values.clone();
        if (shingles != null) {
            shingles = shingles.clone();
            if (shingles.length != distinctShingles)
                throw new IllegalArgumentException(
                        "distinctShingles " + distinctShingles + " but " + shingles.length + " shingles given");
            for (int i = 1; i < shingles.length; i++)
                if (shingles[i - 1] >= shingles[i])
                    throw new IllegalArgumentException("shingles must be distinct and in increasing order");
        } else if (distinctShingles < -1) {
            throw new IllegalArgumentException("distinctShingles must be ≥ -1, got " + distinctShingles);
        }
    }

    /** A signature of these values alone, its shingles unknown: compared by its estimate only. */
    public Signature(long[] values) {
        this(values, -1, null);
    }

    @Override
    public long[] values() {
        return values.clone();
    }

    @Override
    public long[] shingles() {
        return shingles == null ? null : shingles.clone();
    }

    /** The values without a copy (for the index). */
    long[] valuesView() {
        return values;
    }

    /** The short text's shingles without a copy, or null (for the index). */
    long[] shinglesView() {
        return shingles;
    }

    /**
     * The share of bins where two signatures agree. With one-permutation hashing and optimal
     * densification each bin agrees with probability equal to the Jaccard similarity J (plus the
     * {@code 2^-32·(1-J)} chance that two different 32-bit minima are equal), so this is an unbiased
     * estimate of J with standard error about {@code sqrt(J(1-J)/k)} for k bins (somewhat more when
     * the texts have fewer shingles than bins, as densified bins are correlated).
     */
    public double estimateJaccard(Signature other) {
        if (other.values.length != values.length)
            throw new IllegalArgumentException("signatures of different lengths cannot be compared");
        int eq = 0;
        for (int i = 0; i < values.length; i++) if (values[i] == other.values[i]) eq++;
        return (double) eq / values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature s
                && Arrays.equals(values, s.values)
                && distinctShingles == s.distinctShingles
                && Arrays.equals(shingles, s.shingles);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + distinctShingles;
    }

    @Override
    public String toString() {
        return "Signature" + Arrays.toString(Arrays.copyOf(values, Math.min(4, values.length))) + "…, "
                + distinctShingles + " shingles";
    }
}
