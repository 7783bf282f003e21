package dev.tunegate.audit.neardup;

/**
 * Chooses LSH banding for a Jaccard threshold the way datasketch does: the (bands × rows) split of
 * the signature minimising the integrated false-positive plus false-negative probability.
 */
final class LshBanding {
    private LshBanding() {}

    /** Probability that two documents of Jaccard {@code s} share at least one band. */
    static double collision(double s, int bands, int rows) {
        return 1 - Math.pow(1 - Math.pow(s, rows), bands);
    }

    static int optimalBands(double threshold, int permutations) {
        int best = 1;
        double bestError = Double.MAX_VALUE;
        for (int b = 1; b <= permutations; b++) {
            if (permutations % b != 0) continue;
            int r = permutations / b;
            double fp = integrate(threshold, 0, threshold, b, r, true);
            double fn = integrate(threshold, threshold, 1, b, r, false);
            double err = fp + fn;
            if (err < bestError) {
                bestError = err;
                best = b;
            }
        }
        return best;
    }

    private static double integrate(double t, double lo, double hi, int b, int r, boolean falsePositive) {
        int steps = 200;
        double h = (hi - lo) / steps;
        double sum = 0;
        for (int i = 0; i < steps; i++) {
            double s = lo + (i + 0.5) * h;
            double p = collision(s, b, r);
            sum += (falsePositive ? p : 1 - p) * h;
        }
        return sum;
    }
}
