package dev.tunegate.audit.neardup;

import java.util.Arrays;

/** A MinHash signature: one minimum hash value per permutation. */
public record Signature(long[] values) {
    public Signature {
        values = values.clone();
    }

    /** The share of positions where two signatures agree: an unbiased estimate of their Jaccard similarity. */
    public double estimateJaccard(Signature other) {
        if (other.values.length != values.length) throw new IllegalArgumentException("signatures of different lengths cannot be compared");
        int eq = 0;
        for (int i = 0; i < values.length; i++) if (values[i] == other.values[i]) eq++;
        return (double) eq / values.length;
    }

    @Override
    public boolean equals(Object o) { return o instanceof Signature s && Arrays.equals(values, s.values); }

    @Override
    public int hashCode() { return Arrays.hashCode(values); }

    @Override
    public String toString() { return "Signature" + Arrays.toString(Arrays.copyOf(values, Math.min(4, values.length))) + "…"; }
}
