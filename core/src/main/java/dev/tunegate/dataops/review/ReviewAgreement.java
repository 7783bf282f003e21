package dev.tunegate.dataops.review;

import dev.tunegate.evals.stats.Interval;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Agreement between reviewers on the rows two of them decided: Cohen's kappa on "lets the row into
 * training" (approve or edit) versus reject, the first two reviewers of each row as rater A and rater B,
 * with a seeded percentile-bootstrap interval over rows.
 *
 * @param rows rows decided by two different reviewers
 * @param agreed rows on which both said the same
 * @param kappa Cohen's kappa with its 95 % interval, or null with fewer than two such rows or when chance agreement is total
 */
public record ReviewAgreement(int rows, int agreed, Interval kappa) {
    public static final int RESAMPLES = 2000;

    /** Agreement over every row's decisions (log order). */
    public static ReviewAgreement of(Map<String, List<ReviewLog.Entry>> decisions, long seed) {
        List<boolean[]> pairs = new ArrayList<>();
        for (List<ReviewLog.Entry> es : decisions.values()) {
            if (es.isEmpty()) continue;
            ReviewLog.Entry a = es.get(0);
            for (ReviewLog.Entry b : es) {
                if (!b.reviewer().equals(a.reviewer())) {
                    pairs.add(new boolean[] {a.approves(), b.approves()});
                    break;
                }
            }
        }
        int n = pairs.size();
        int agreed = (int) pairs.stream().filter(p -> p[0] == p[1]).count();
        double k = kappa(pairs, null);
        if (n < 2 || Double.isNaN(k)) return new ReviewAgreement(n, agreed, null);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] boots = new double[RESAMPLES];
        int m = 0;
        int[] pick = new int[n];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < n; i++) pick[i] = rnd.nextInt(n);
            double v = kappa(pairs, pick);
            if (!Double.isNaN(v)) boots[m++] = v;
        }
        double[] sorted = Arrays.copyOf(boots, m);
        Arrays.sort(sorted);
        double lo = m == 0 ? k : sorted[(int) Math.floor(0.025 * (m - 1))];
        double hi = m == 0 ? k : sorted[(int) Math.ceil(0.975 * (m - 1))];
        return new ReviewAgreement(
                n,
                agreed,
                new Interval(
                        k,
                        Math.min(lo, k),
                        Math.max(hi, k),
                        "Cohen's kappa; 95 % percentile bootstrap over rows, " + RESAMPLES + " resamples, seed "
                                + seed));
    }

    /** Kappa of the pairs (or of the resample {@code pick}); NaN when chance agreement is 1. */
    static double kappa(List<boolean[]> pairs, int[] pick) {
        int n = pick == null ? pairs.size() : pick.length;
        if (n == 0) return Double.NaN;
        double both = 0, aYes = 0, bYes = 0, same = 0;
        for (int i = 0; i < n; i++) {
            boolean[] p = pairs.get(pick == null ? i : pick[i]);
            if (p[0]) aYes++;
            if (p[1]) bYes++;
            if (p[0] == p[1]) same++;
            if (p[0] && p[1]) both++;
        }
        double po = same / n;
        double pe = (aYes / n) * (bYes / n) + (1 - aYes / n) * (1 - bYes / n);
        return pe >= 1 ? Double.NaN : (po - pe) / (1 - pe);
    }
}
