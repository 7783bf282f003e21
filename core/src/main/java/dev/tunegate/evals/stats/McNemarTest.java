package dev.tunegate.evals.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The exact McNemar test for paired pass/fail outcomes: under the null hypothesis the discordant
 * pairs split evenly, so the count of one kind is Binomial(b + c, 1/2). The two-sided p-value
 * doubles the smaller tail (capped at 1); the mid-p variant subtracts half the probability of the
 * observed count (Fagerland, Lydersen and Laake 2013 recommend it as less conservative).
 *
 * @param firstOnly discordant pairs where only the first run passed (b)
 * @param secondOnly discordant pairs where only the second run passed (c)
 * @param pValue the exact two-sided p-value
 * @param midP the two-sided mid-p value
 */
public record McNemarTest(long firstOnly, long secondOnly, double pValue, double midP) {

    public static final String METHOD = "exact McNemar (two-sided binomial on discordant pairs)";

    /** Tests the discordant counts {@code b} (first only) and {@code c} (second only). */
    public static McNemarTest exact(long b, long c) {
        if (b < 0 || c < 0) throw new IllegalArgumentException("discordant counts must be ≥ 0, got " + b + ", " + c);
        long n = b + c;
        if (n == 0) return new McNemarTest(b, c, 1.0, 1.0);
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("too many discordant pairs: " + n);
        BinomialDistribution dist = new BinomialDistribution(null, (int) n, 0.5);
        int k = (int) Math.min(b, c);
        double tail = dist.cumulativeProbability(k);
        double p = Math.min(1.0, 2 * tail);
        double mid = Math.max(0.0, Math.min(1.0, 2 * (tail - 0.5 * dist.probability(k))));
        return new McNemarTest(b, c, p, mid);
    }

    /** Discordant pairs in all. */
    public long discordant() {
        return firstOnly + secondOnly;
    }
}
