package dev.tunegate.evals.stats;

/**
 * A point estimate with its two-sided 95 % interval and how the interval was computed.
 *
 * @param estimate the point estimate
 * @param low the lower bound
 * @param high the upper bound
 * @param method the method, e.g. {@code Wilson score 95%}
 */
public record Interval(double estimate, double low, double high, String method) {
    public Interval {
        if (Double.isNaN(estimate) || Double.isNaN(low) || Double.isNaN(high)) {
            throw new IllegalArgumentException(
                    "an interval needs numbers, got " + estimate + " [" + low + ", " + high + "]");
        }
        if (low > high) throw new IllegalArgumentException("low " + low + " above high " + high);
    }

    /** Whether {@code x} lies inside the closed interval. */
    public boolean contains(double x) {
        return x >= low && x <= high;
    }
}
