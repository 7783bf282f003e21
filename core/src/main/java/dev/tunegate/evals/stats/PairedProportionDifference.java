package dev.tunegate.evals.stats;

/**
 * The difference of two paired proportions with Newcombe's hybrid score interval (Newcombe 1998,
 * "Improved confidence intervals for the difference between binomial proportions based on paired
 * data", Statistics in Medicine 17, method 10): Wilson score limits of each marginal proportion
 * combined through the correlation φ of the 2×2 table, with Newcombe's continuity correction of φ
 * (as in Altman et al., "Statistics with Confidence", 2000, and Fagerland, Lydersen and Laake,
 * "Statistical Analysis of Contingency Tables", 2017, ch. 8, "square-and-add"). It keeps its
 * coverage with few discordant pairs, where the Wald interval collapses to a point.
 */
public final class PairedProportionDifference {

    public static final String METHOD = "Newcombe square-and-add (hybrid Wilson score, method 10) 95%, paired";

    private PairedProportionDifference() {}

    /**
     * The interval of {@code p2 - p1} where p1 is the first run's pass rate and p2 the second's.
     *
     * @param bothPass a: both passed
     * @param firstOnly b: only the first passed
     * @param secondOnly c: only the second passed
     * @param neither d: both failed
     */
    public static Interval newcombe(long bothPass, long firstOnly, long secondOnly, long neither) {
        long a = bothPass, b = firstOnly, c = secondOnly, d = neither;
        if (a < 0 || b < 0 || c < 0 || d < 0) throw new IllegalArgumentException("cell counts must be ≥ 0");
        long n = a + b + c + d;
        if (n == 0) return new Interval(0, -1, 1, METHOD);
        double p1 = (double) (a + b) / n;
        double p2 = (double) (a + c) / n;
        Interval w1 = WilsonScore.interval(a + b, n);
        Interval w2 = WilsonScore.interval(a + c, n);
        double l1 = w1.low(), u1 = w1.high(), l2 = w2.low(), u2 = w2.high();
        double denom = Math.sqrt((double) (a + b) * (c + d) * (a + c) * (b + d));
        // Newcombe's correlation with his continuity correction: (ad − bc − n/2) when ad − bc > n/2,
        // 0 when 0 ≤ ad − bc ≤ n/2, ad − bc when negative. Without it, identical runs (b = c = 0)
        // get φ = 1 and a zero-width interval.
        double cross = (double) a * d - (double) b * c;
        double corrected = cross > n / 2.0 ? cross - n / 2.0 : cross >= 0 ? 0 : cross;
        double phi = denom == 0 ? 0 : corrected / denom;
        double diff = p2 - p1;
        // Newcombe defines θ = p1 − p2; for p2 − p1 the roles of the two proportions swap.
        double lower = diff - Math.sqrt(Math.max(0, sq(p2 - l2) - 2 * phi * (p2 - l2) * (u1 - p1) + sq(u1 - p1)));
        double upper = diff + Math.sqrt(Math.max(0, sq(u2 - p2) - 2 * phi * (u2 - p2) * (p1 - l1) + sq(p1 - l1)));
        return new Interval(diff, Math.max(-1, lower), Math.min(1, upper), METHOD);
    }

    private static double sq(double x) {
        return x * x;
    }
}
