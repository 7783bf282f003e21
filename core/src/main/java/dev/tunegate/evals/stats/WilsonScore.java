package dev.tunegate.evals.stats;

/**
 * The Wilson score interval for a binomial proportion (Wilson 1927): unlike the Wald interval it
 * stays inside [0, 1] and keeps its coverage near 0 and 1 and for small samples.
 */
public final class WilsonScore {
    /** The 97.5th percentile of the standard normal distribution (two-sided 95 %). */
    public static final double Z95 = 1.959963984540054;

    public static final String METHOD = "Wilson score 95%";

    private WilsonScore() {}

    /**
     * The 95 % interval of {@code successes / n}. With {@code n = 0} the proportion is unknown: the
     * estimate is 0 and the interval is [0, 1].
     */
    public static Interval interval(long successes, long n) {
        return interval(successes, n, Z95);
    }

    /** The interval for a given normal quantile {@code z}. */
    public static Interval interval(long successes, long n, double z) {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("need 0 ≤ successes ≤ n, got " + successes + " of " + n);
        }
        if (n == 0) return new Interval(0, 0, 1, METHOD);
        double p = (double) successes / n;
        double z2 = z * z;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
        double low = successes == 0 ? 0 : Math.max(0, centre - half);
        double high = successes == n ? 1 : Math.min(1, centre + half);
        return new Interval(p, low, high, METHOD);
    }
}
