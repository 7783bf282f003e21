package dev.tunegate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.testing.Gen;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TokenHistogramTest {

    static Stream<Long> seeds() {
        return Gen.seeds(1000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void quantilesEqualTheNearestRankOfTheSortedCounts(long seed) {
        List<Integer> counts = new Gen(seed).ints(1, 300, 0, 200_000);
        TokenHistogram h = new TokenHistogram();
        counts.forEach(h::add);
        int[] sorted = counts.stream().mapToInt(Integer::intValue).sorted().toArray();
        for (double p : new double[] {0.5, 0.9, 0.95, 1.0}) {
            int rank = (int) Math.max(1, Math.ceil(p * sorted.length)); // nearest rank, 1-based
            assertThat(h.quantile(p))
                    .as("p=%s of %s", p, Arrays.toString(sorted))
                    .isEqualTo(sorted[rank - 1]);
        }
    }

    @Test
    void aMergedHistogramEqualsOneFilledRowByRow() {
        // the spark engine merges (tokens → rows) counts; the stats must be those of the rows added one by one
        TokenHistogram rows = new TokenHistogram(), merged = new TokenHistogram();
        java.util.Map<Integer, Long> counts = new java.util.TreeMap<>();
        for (int v : new int[] {7, 7, 3, 70_000, 7, 12, 3, 70_000, 1}) {
            rows.add(v);
            counts.merge(v, 1L, Long::sum);
        }
        counts.forEach(merged::add);
        merged.add(5, 0); // no rows: no effect
        assertThat(merged.stats()).isEqualTo(rows.stats());
        assertThat(merged.count()).isEqualTo(9);
    }

    @Test
    void statsOfAHandCountedSample() {
        TokenHistogram h = new TokenHistogram();
        for (int v : new int[] {5, 1, 3, 2, 4, 100_000}) h.add(v);
        // sorted: 1 2 3 4 5 100000; p50 rank ceil(3) = 3 → 3; p90 rank ceil(5.4) = 6 → 100000
        var s = h.stats();
        assertThat(s).isEqualTo(new AuditReport.TokenStats(6, 1, 3, 100_000, 100_000, 100_000, 100_015));
    }

    @Test
    void epochsFollowOpenAisDataPrepHeuristic() {
        // n·3 < 100 → min(25, 100 // n); n·3 > 25000 → max(1, 25000 // n); else 3
        assertThat(TrainingAccumulator.epochs(1)).isEqualTo(25);
        assertThat(TrainingAccumulator.epochs(10)).isEqualTo(10);
        assertThat(TrainingAccumulator.epochs(33)).isEqualTo(3);
        assertThat(TrainingAccumulator.epochs(34)).isEqualTo(3);
        assertThat(TrainingAccumulator.epochs(8_333)).isEqualTo(3);
        assertThat(TrainingAccumulator.epochs(10_003)).isEqualTo(2);
        assertThat(TrainingAccumulator.epochs(1_000_000)).isEqualTo(1);
    }
}
