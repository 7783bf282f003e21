package dev.tunegate.audit;

import java.util.Map;
import java.util.TreeMap;

/**
 * Exact quantiles of token counts in fixed memory: a dense histogram of counts below 65,536 and a
 * sparse one above (rare, and at most one entry per distinct count). Quantiles use the
 * nearest-rank method: the p-quantile is the smallest count c with at least ⌈p·n⌉ rows ≤ c.
 */
final class TokenHistogram {
    private static final int DENSE = 1 << 16;
    private final long[] dense = new long[DENSE];
    private final TreeMap<Integer, Long> sparse = new TreeMap<>();
    private long n;
    private long total;
    private int min = Integer.MAX_VALUE;
    private int max;

    void add(int tokens) {
        add(tokens, 1);
    }

    /** Adds {@code times} rows of {@code tokens} tokens (a merged histogram). */
    void add(int tokens, long times) {
        if (times <= 0) return;
        if (tokens < DENSE) dense[tokens] += times;
        else sparse.merge(tokens, times, Long::sum);
        n += times;
        total += (long) tokens * times;
        min = Math.min(min, tokens);
        max = Math.max(max, tokens);
    }

    long count() {
        return n;
    }

    long total() {
        return total;
    }

    /** Nearest-rank quantile, 0 when empty. */
    long quantile(double p) {
        if (n == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(p * n));
        long seen = 0;
        for (int i = 0; i < DENSE; i++) {
            seen += dense[i];
            if (seen >= rank) return i;
        }
        for (Map.Entry<Integer, Long> e : sparse.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) return e.getKey();
        }
        return max;
    }

    AuditReport.TokenStats stats() {
        if (n == 0) return new AuditReport.TokenStats(0, 0, 0, 0, 0, 0, 0);
        return new AuditReport.TokenStats(n, min, quantile(0.5), quantile(0.9), quantile(0.95), max, total);
    }
}
