package dev.tunegate.dataops.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.io.Digests;
import dev.tunegate.testing.Gen;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SplitTest {

    private static List<Split.Item> items(Map<String, Integer> sizes) {
        List<Split.Item> out = new ArrayList<>();
        sizes.forEach((label, n) -> {
            for (int i = 0; i < n; i++) out.add(new Split.Item(Digests.sha256(label + i), label));
        });
        return out;
    }

    private static Map<String, Integer> validationByLabel(List<Split.Item> items, Split.Result r) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < items.size(); i++)
            if (r.validation()[i]) m.merge(items.get(i).label(), 1, Integer::sum);
        return m;
    }

    @Test
    void eachLabelGivesItsLargestRemainderShare() {
        // 100 rows at 10 %: quotas a 6.0, b 2.5, c 1.5 → floors 6, 2, 1 (9); one more for the largest remainder
        // (b and c tie at 0.5; the tie goes to the label first in order, b) → a 6, b 3, c 1 = round(100 × 0.1) = 10.
        List<Split.Item> items = items(Map.of("a", 60, "b", 25, "c", 15));
        Split.Result r = Split.split(items, 0.1, 42, true);
        assertThat(validationByLabel(items, r))
                .containsEntry("a", 6)
                .containsEntry("b", 3)
                .containsEntry("c", 1);
        assertThat(r.strata()).isEqualTo(3);
    }

    static Stream<Long> seeds() {
        return Gen.seeds(200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyStratumIsWithinOneRowOfItsShareAndTheTotalIsRounded(long caseSeed) {
        Gen g = new Gen(caseSeed);
        int a = g.intIn(1, 60), b = g.intIn(1, 60), c = g.intIn(1, 60);
        double f = g.doubleIn(0, 0.5);
        long seed = g.anyLong();
        Map<String, Integer> sizes = Map.of("a", a, "b", b, "c", c);
        List<Split.Item> items = items(sizes);
        Split.Result r = Split.split(items, f, seed, true);
        Map<String, Integer> val = validationByLabel(items, r);
        int total = val.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(total).isEqualTo((int) Math.round(items.size() * f));
        sizes.forEach((label, n) -> assertThat(Math.abs(val.getOrDefault(label, 0) - n * f))
                .as(label)
                .isLessThan(1.0 + 1e-9));
    }

    @Test
    void theSeedChoosesTheRowsAndTheSameSeedChoosesTheSameRows() {
        List<Split.Item> items = items(Map.of("a", 50));
        assertThat(Split.split(items, 0.2, 1, false).validation())
                .isEqualTo(Split.split(items, 0.2, 1, false).validation());
        assertThat(Split.split(items, 0.2, 1, false).validation())
                .isNotEqualTo(Split.split(items, 0.2, 2, false).validation());
    }
}
