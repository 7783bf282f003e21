package dev.tunegate.evals.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairedPermutationTestTest {

    @Test
    void three_equal_gains_are_matched_by_two_of_eight_sign_assignments() {
        // Differences (1, 1, 1): 2³ = 8 sign assignments, |sum| ≥ 3 only for +++ and −−− → p = 2/8.
        PairedPermutationTest t = PairedPermutationTest.test(new double[] {0, 0, 0}, new double[] {1, 1, 1}, 1, 100);
        assertThat(t.exact()).isTrue();
        assertThat(t.pValue()).isCloseTo(0.25, within(1e-12));
        assertThat(t.meanDifference()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void unequal_gains_count_sums_at_least_as_extreme() {
        // Differences (1, 2, 3), sum 6; the 8 signed sums are ±6, ±4, ±2, 0, 0 → |s| ≥ 6 twice → p = 0.25.
        // Differences (1, 2, 4), sum 7: ±7, ±5, ±3, ±1 → p = 0.25 too; with (3, 1, 1): ±5, ±3, ±3, ±1 → p = 0.25.
        PairedPermutationTest t = PairedPermutationTest.test(new double[] {0, 0, 0}, new double[] {1, 2, 3}, 1, 100);
        assertThat(t.pValue()).isCloseTo(0.25, within(1e-12));
        // Differences (2, 2, −1, 1): sum 4; signed sums reaching |s| ≥ 4: (±2 ±2 ±1 ±1) → 6 or 4 in magnitude when both
        // 2s
        // share a sign and the ±1s do not cancel against them: ++ with (+,+),(+,−),(−,+) → 6,4,4 and mirrored → 6 of
        // 16.
        PairedPermutationTest u =
                PairedPermutationTest.test(new double[] {0, 0, 1, 0}, new double[] {2, 2, 0, 1}, 1, 100);
        assertThat(u.pValue()).isCloseTo(6.0 / 16, within(1e-12));
    }

    @Test
    void identical_runs_give_p_one() {
        double[] a = {0.2, 0.5, 0.9};
        PairedPermutationTest t = PairedPermutationTest.test(a, a.clone(), 1, 100);
        assertThat(t.pValue()).isEqualTo(1.0);
        assertThat(t.meanDifference()).isZero();
    }

    @Test
    void one_item_is_never_significant() {
        // One non-zero difference: 2 assignments, both as extreme → p = 1.
        PairedPermutationTest t = PairedPermutationTest.test(new double[] {0.1}, new double[] {0.9}, 1, 100);
        assertThat(t.pValue()).isEqualTo(1.0);
    }

    @Test
    void forty_consistent_gains_are_significant_by_monte_carlo_with_the_add_one_floor() {
        // 40 differences of +1: exact p = 2/2^40; the Monte Carlo estimate is (1 + hits)/(1 + R), almost surely
        // 1/10001.
        double[] a = new double[40], b = new double[40];
        java.util.Arrays.fill(b, 1);
        PairedPermutationTest t = PairedPermutationTest.test(a, b, 42, 10_000);
        assertThat(t.exact()).isFalse();
        assertThat(t.pValue()).isCloseTo(1.0 / 10_001, within(1e-9));
        assertThat(t.method()).contains("seed 42");
    }
}
