package dev.tunegate.audit.neardup;

import java.util.Arrays;

/**
 * A MinHash signature: one value per bin ({@link MinHasher} makes 32-bit values, or all
 * {@link MinHasher#EMPTY} for a text without shingles).
 *
 * @param values the bin values (copied)
 */
public record Signature(long[] values) {
    public Signature {
        values = values.clone();
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
        return o instanceof Signature s && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Signature" + Arrays.toString(Arrays.copyOf(values, Math.min(4, values.length))) + "…";
    }
}
