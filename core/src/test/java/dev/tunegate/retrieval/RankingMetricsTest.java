package dev.tunegate.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tunegate.testing.Gen;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RankingMetricsTest {
    // ranked d1 d2 d3 d4; judged d2 = 1, d4 = 2, d9 = 1 (d9 never retrieved), d1 = 0 (judged not relevant)
    private static final List<String> RANKED = List.of("d1", "d2", "d3", "d4");
    private static final Map<String, Integer> JUDGED = ordered("d2", 1, "d4", 2, "d9", 1, "d1", 0);

    @Test
    void recallCountsRelevantDocumentsInTheTopKOverAllJudgedRelevantOnes() {
        // 3 relevant (grade ≥ 1): d2, d4, d9. Top 1 = {d1}: 0/3; top 3 = {d1,d2,d3}: 1/3; top 5 = all four: d2, d4 →
        // 2/3
        assertThat(RankingMetrics.recallAt(RANKED, JUDGED, 1)).isEqualTo(0.0);
        assertThat(RankingMetrics.recallAt(RANKED, JUDGED, 3)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(RankingMetrics.recallAt(RANKED, JUDGED, 5)).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void reciprocalRankIsOneOverTheRankOfTheFirstRelevantDocument() {
        // d1 is judged 0 (not relevant), d2 at rank 2 is the first relevant: 1/2
        assertThat(RankingMetrics.reciprocalRank(RANKED, JUDGED)).isEqualTo(0.5);
        assertThat(RankingMetrics.reciprocalRank(List.of("x", "y"), JUDGED)).isEqualTo(0.0);
    }

    @Test
    void ndcgUsesGradesAsGainsAndLog2OfRankPlusOneAsDiscount() {
        // DCG = 1/log2(2+1) [d2 at rank 2] + 2/log2(4+1) [d4 at rank 4] = 0.630930 + 0.861353 = 1.492283
        // ideal: grades 2, 1, 1 at ranks 1..3 = 2/log2(2) + 1/log2(3) + 1/log2(4) = 2 + 0.630930 + 0.5 = 3.130930
        // nDCG@10 = 1.492283 / 3.130930 = 0.476626 (computed with Python's math.log2)
        assertThat(RankingMetrics.ndcgAt(RANKED, JUDGED, 10)).isCloseTo(0.47662611018851303, within(1e-12));
    }

    @Test
    void ndcgOfAWrongOrderOfTwoGradedDocuments() {
        // ranked x (grade 1), y (grade 3): DCG = 1/log2(2) + 3/log2(3) = 2.892789; ideal y, x = 3 + 1/log2(3) =
        // 3.630930 → 0.796708
        assertThat(RankingMetrics.ndcgAt(List.of("x", "y"), ordered("x", 1, "y", 3), 10))
                .isCloseTo(0.7967075809905066, within(1e-12));
    }

    @Test
    void theCutoffLimitsBothTheRankingAndTheIdealList() {
        // cutoff 1: DCG = 0 (d1 is not relevant), so nDCG@1 = 0 whatever the ideal
        assertThat(RankingMetrics.ndcgAt(RANKED, JUDGED, 1)).isEqualTo(0.0);
        // cutoff 2: DCG = 1/log2(3) = 0.630930; ideal top 2 = 2 + 1/log2(3) = 2.630930 → 0.239815
        assertThat(RankingMetrics.ndcgAt(RANKED, JUDGED, 2))
                .isCloseTo((1 / log2(3)) / (2 + 1 / log2(3)), within(1e-12));
    }

    @Test
    void aQuestionWithoutRelevantJudgmentsHasNoValue() {
        Map<String, Integer> none = ordered("d1", 0);
        assertThat(RankingMetrics.recallAt(RANKED, none, 5)).isNaN();
        assertThat(RankingMetrics.reciprocalRank(RANKED, none)).isNaN();
        assertThat(RankingMetrics.ndcgAt(RANKED, none, 10)).isNaN();
    }

    static Stream<Long> seeds() {
        return Gen.seeds(1000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void metricsStayBetweenZeroAndOneAndRecallGrowsWithK(long seed) {
        Gen g = new Gen(seed);
        List<Integer> ranking = g.ints(0, 12, 0, 15);
        List<Integer> relevant = g.ints(1, 6, 0, 15);
        List<String> ranked = ranking.stream().distinct().map(i -> "d" + i).toList();
        Map<String, Integer> judged = new LinkedHashMap<>();
        relevant.forEach(i -> judged.put("d" + i, 1 + i % 3));
        double previous = 0;
        for (int k = 1; k <= 12; k++) {
            double r = RankingMetrics.recallAt(ranked, judged, k);
            assertThat(r).isBetween(previous, 1.0);
            previous = r;
        }
        assertThat(RankingMetrics.ndcgAt(ranked, judged, 10)).isBetween(0.0, 1.0 + 1e-12);
        assertThat(RankingMetrics.reciprocalRank(ranked, judged)).isBetween(0.0, 1.0);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theIdealRankingScoresOne(long seed) {
        List<Integer> grades = new Gen(seed).ints(1, 8, 1, 4);
        Map<String, Integer> judged = new LinkedHashMap<>();
        for (int i = 0; i < grades.size(); i++) judged.put("d" + i, grades.get(i));
        List<String> ideal = new ArrayList<>(judged.keySet());
        ideal.sort((a, b) -> judged.get(b) - judged.get(a));
        assertThat(RankingMetrics.ndcgAt(ideal, judged, 10)).isCloseTo(1.0, within(1e-12));
        assertThat(RankingMetrics.recallAt(ideal, judged, grades.size())).isEqualTo(1.0);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static Map<String, Integer> ordered(Object... kv) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Integer) kv[i + 1]);
        return m;
    }
}
