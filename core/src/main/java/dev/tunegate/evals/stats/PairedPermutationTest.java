package dev.tunegate.evals.stats;

import org.apache.commons.math3.random.Well19937c;

/**
 * The paired sign-flip permutation test of a mean difference: under the null hypothesis that the
 * two runs are exchangeable on each item, each paired difference is as likely to carry either sign.
 * The statistic is |mean difference|; the two-sided p-value is the share of sign assignments at
 * least as extreme. With at most {@value #EXACT_LIMIT} non-zero differences every assignment is
 * enumerated (exact); above that, {@code resamples} seeded random assignments estimate it with the
 * add-one correction {@code (1 + hits) / (1 + resamples)}, which never reports p = 0.
 *
 * @param pairs paired items compared
 * @param meanDifference mean of (second − first)
 * @param pValue two-sided p-value
 * @param exact whether all sign assignments were enumerated
 * @param resamples random assignments drawn (0 when exact)
 * @param seed the seed of the random assignments
 */
public record PairedPermutationTest(
        int pairs, double meanDifference, double pValue, boolean exact, int resamples, long seed) {

    /** Non-zero differences up to which the test enumerates every sign assignment. */
    public static final int EXACT_LIMIT = 16;

    public static final int DEFAULT_RESAMPLES = 10_000;

    /** A description of the method for reports. */
    public String method() {
        return exact
                ? "paired sign-flip permutation, exact (all 2^n assignments)"
                : "paired sign-flip permutation, " + resamples + " seeded assignments, seed " + seed;
    }

    /**
     * Tests {@code second[i] - first[i]} for a mean of zero.
     *
     * @throws IllegalArgumentException when the arrays differ in length
     */
    public static PairedPermutationTest test(double[] first, double[] second, long seed, int resamples) {
        if (first.length != second.length)
            throw new IllegalArgumentException(
                    "paired arrays differ in length: " + first.length + " vs " + second.length);
        int n = first.length;
        if (n == 0) return new PairedPermutationTest(0, 0, 1, true, 0, seed);
        double[] d = new double[n];
        double sum = 0;
        int nonZero = 0;
        for (int i = 0; i < n; i++) {
            d[i] = second[i] - first[i];
            sum += d[i];
            if (d[i] != 0) nonZero++;
        }
        double mean = sum / n;
        if (nonZero == 0) return new PairedPermutationTest(n, 0, 1, true, 0, seed);
        double[] nz = new double[nonZero];
        int j = 0;
        for (double x : d) if (x != 0) nz[j++] = x;
        double observed = Math.abs(sum);
        // Tolerance for floating-point ties between the observed sum and a permuted one.
        double tol = 1e-9 * Math.max(1, observed);
        if (nonZero <= EXACT_LIMIT) {
            long total = 1L << nonZero;
            long hits = 0;
            for (long mask = 0; mask < total; mask++) {
                double s = 0;
                for (int i = 0; i < nonZero; i++) s += ((mask >>> i) & 1) == 1 ? -nz[i] : nz[i];
                if (Math.abs(s) >= observed - tol) hits++;
            }
            return new PairedPermutationTest(n, mean, (double) hits / total, true, 0, seed);
        }
        Well19937c rng = new Well19937c(seed);
        long hits = 0;
        for (int r = 0; r < resamples; r++) {
            double s = 0;
            for (double x : nz) s += rng.nextBoolean() ? -x : x;
            if (Math.abs(s) >= observed - tol) hits++;
        }
        return new PairedPermutationTest(n, mean, (1.0 + hits) / (1.0 + resamples), false, resamples, seed);
    }
}
