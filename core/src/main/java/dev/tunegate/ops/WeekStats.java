package dev.tunegate.ops;

import dev.tunegate.evals.stats.Interval;
import dev.tunegate.evals.stats.WilsonScore;
import dev.tunegate.ops.read.Call;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** The running KPI sums of one ISO week of calls (one thread). */
final class WeekStats {
    static final String QUANTILE_METHOD = "order-statistic (binomial) 95%, distribution-free";
    static final String MEAN_METHOD = "normal approximation 95% (mean ± 1.96·sd/√n)";

    long calls;
    long refused;
    long lowScore;
    /** Calls whose log records the retrieved documents: the low-score rate's denominator. */
    long withRetrieval;

    long up;
    long down;
    final Set<String> users = new HashSet<>();
    private float[] latencies = new float[1024];
    private int latencyCount;
    private double costSum;
    private double costSq;
    private long costN;

    void add(Call c, boolean low) {
        calls++;
        if (c.refused()) refused++;
        if (low) lowScore++;
        if (c.retrieved() != null) withRetrieval++;
        if (c.feedback() == Call.Feedback.UP) up++;
        else if (c.feedback() == Call.Feedback.DOWN) down++;
        if (c.user() != null) users.add(c.user());
        if (c.latencyMs() != null) {
            if (latencyCount == latencies.length) latencies = Arrays.copyOf(latencies, latencyCount * 2);
            latencies[latencyCount++] = c.latencyMs().floatValue();
        }
        if (c.costUsd() != null) {
            costSum += c.costUsd();
            costSq += c.costUsd() * c.costUsd();
            costN++;
        }
    }

    /** The week's KPIs. */
    WeeklyReport.WeekKpis kpis(String week, Long eligibleUsers) {
        Interval quality = up + down == 0 ? null : WilsonScore.interval(up, up + down);
        Interval adoption = eligibleUsers == null || eligibleUsers == 0
                ? null
                : WilsonScore.interval(Math.min(users.size(), eligibleUsers), eligibleUsers);
        float[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        Interval cost = null;
        if (costN > 0) {
            double mean = costSum / costN;
            double var = costN > 1 ? Math.max(0, (costSq - costN * mean * mean) / (costN - 1)) : 0;
            double half = WilsonScore.Z95 * Math.sqrt(var / costN);
            cost = new Interval(mean, Math.max(0, mean - half), mean + half, MEAN_METHOD);
        }
        return new WeeklyReport.WeekKpis(
                week,
                calls,
                refused,
                WilsonScore.interval(refused, calls),
                lowScore,
                withRetrieval,
                withRetrieval == 0 ? null : WilsonScore.interval(lowScore, withRetrieval),
                up,
                down,
                quality,
                users.size(),
                adoption,
                quantile(sorted, 0.5),
                quantile(sorted, 0.95),
                cost);
    }

    /**
     * The q-quantile (nearest rank) with the distribution-free interval from the order statistics whose
     * ranks are {@code nq ± 1.96·√(nq(1-q))} (the normal approximation of the binomial count below the
     * true quantile); null without data.
     */
    static Interval quantile(float[] sorted, double q) {
        int n = sorted.length;
        if (n == 0) return null;
        int rank = Math.max(1, (int) Math.ceil(q * n));
        double half = WilsonScore.Z95 * Math.sqrt(n * q * (1 - q));
        int lo = Math.max(1, (int) Math.floor(n * q - half));
        int hi = Math.min(n, (int) Math.ceil(n * q + half) + 1);
        return new Interval(sorted[rank - 1], sorted[lo - 1], sorted[hi - 1], QUANTILE_METHOD);
    }
}
