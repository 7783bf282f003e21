package dev.tunegate.retrieval;

import java.util.List;
import java.util.Map;

/**
 * Per-question ranking metrics with trec_eval's definitions (usnistgov/trec_eval, relevance level 1):
 * <ul>
 * <li>{@code recall_k}: relevant documents in the top k ÷ all judged relevant documents (grade ≥ 1);</li>
 * <li>{@code recip_rank}: 1 ÷ the rank of the first relevant document, 0 when none is retrieved;</li>
 * <li>{@code ndcg_cut_k}: DCG over the top k with gain = the judged grade (grades ≤ 0 add nothing)
 *     and trec_eval's discount log2(r + 1) for rank r (current {@code m_ndcg_cut.c}:
 *     {@code gain / log2(i + 2)} with 0-based i; older releases left ranks 1 and 2 both undiscounted) —
 *     divided by the same DCG of the ideal ranking of all judged documents (grades sorted descending).</li>
 * </ul>
 * A question without any relevant judgment has no value (trec_eval skips it); callers exclude it.
 */
public final class RankingMetrics {
    private RankingMetrics() {}

    /** Judged relevant documents (grade ≥ 1). */
    public static long relevantCount(Map<String, Integer> judgments) {
        return judgments.values().stream().filter(g -> g >= 1).count();
    }

    /** recall@k; NaN when nothing is relevant. */
    public static double recallAt(List<String> ranked, Map<String, Integer> judgments, int k) {
        long total = relevantCount(judgments);
        if (total == 0) return Double.NaN;
        long hit = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            Integer g = judgments.get(ranked.get(i));
            if (g != null && g >= 1) hit++;
        }
        return (double) hit / total;
    }

    /** Reciprocal rank of the first relevant document; 0 when none; NaN when nothing is relevant. */
    public static double reciprocalRank(List<String> ranked, Map<String, Integer> judgments) {
        if (relevantCount(judgments) == 0) return Double.NaN;
        for (int i = 0; i < ranked.size(); i++) {
            Integer g = judgments.get(ranked.get(i));
            if (g != null && g >= 1) return 1.0 / (i + 1);
        }
        return 0.0;
    }

    /** nDCG@k as trec_eval's {@code ndcg_cut}; NaN when nothing is relevant. */
    public static double ndcgAt(List<String> ranked, Map<String, Integer> judgments, int k) {
        if (relevantCount(judgments) == 0) return Double.NaN;
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            Integer g = judgments.get(ranked.get(i));
            if (g != null && g > 0) dcg += discounted(g, i);
        }
        int[] ideal = judgments.values().stream()
                .filter(g -> g > 0)
                .mapToInt(Integer::intValue)
                .boxed()
                .sorted(java.util.Comparator.reverseOrder())
                .mapToInt(Integer::intValue)
                .toArray();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.length); i++) idcg += discounted(ideal[i], i);
        return idcg > 0 ? dcg / idcg : 0.0;
    }

    /** trec_eval's discounted gain at 0-based position i: gain / log2(i + 2). */
    private static double discounted(double gain, int i) {
        return gain / (Math.log(i + 2) / Math.log(2));
    }
}
