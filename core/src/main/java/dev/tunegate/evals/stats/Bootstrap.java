package dev.tunegate.evals.stats;

import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;

/**
 * The seeded percentile bootstrap interval of a mean (Efron 1979): resample the values with
 * replacement, take the mean of each resample, and read the 2.5th and 97.5th percentiles of those
 * means. The generator is Commons Math's {@code Well19937c}, fully specified, so a seed replays the
 * same interval on any JVM.
 */
public final class Bootstrap {

    /** Resamples used when the caller does not choose. */
    public static final int DEFAULT_RESAMPLES = 2000;

    private Bootstrap() {}

    /** The method name as reports state it. */
    public static String method(int resamples, long seed) {
        return "percentile bootstrap 95%, " + resamples + " resamples, seed " + seed;
    }

    /**
     * The mean of {@code values} with its 95 % percentile bootstrap interval.
     *
     * @throws IllegalArgumentException when there are no values
     */
    public static Interval meanInterval(double[] values, long seed, int resamples) {
        if (values.length == 0) throw new IllegalArgumentException("the mean of no values is undefined");
        if (resamples < 1) throw new IllegalArgumentException("resamples must be ≥ 1, got " + resamples);
        double mean = mean(values);
        int n = values.length;
        Well19937c rng = new Well19937c(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += values[rng.nextInt(n)];
            means[r] = sum / n;
        }
        Arrays.sort(means);
        double low = percentile(means, 0.025);
        double high = percentile(means, 0.975);
        return new Interval(mean, Math.min(low, mean), Math.max(high, mean), method(resamples, seed));
    }

    static double mean(double[] values) {
        double s = 0;
        for (double v : values) s += v;
        return s / values.length;
    }

    /** The percentile of sorted values with linear interpolation between closest ranks (R type 7). */
    static double percentile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
