package dev.tunegate.evals.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tunegate.testing.Gen;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WilsonScoreTest {

    @Test
    void eight_of_ten_matches_the_hand_computed_interval() {
        // p = 0.8, z = 1.959964, z² = 3.841459; denominator 1 + z²/n = 1.3841459;
        // centre (0.8 + 0.1920729) / 1.3841459 = 0.716838; half-width
        // z·√(0.016 + 0.00960365) / 1.3841459 = 0.226478 → [0.490162, 0.943318] (scipy-free, by hand).
        Interval w = WilsonScore.interval(8, 10);
        assertThat(w.estimate()).isEqualTo(0.8);
        assertThat(w.low()).isCloseTo(0.4901625, within(1e-6));
        assertThat(w.high()).isCloseTo(0.9433178, within(1e-6));
        assertThat(w.method()).contains("Wilson");
    }

    @Test
    void zero_successes_give_a_lower_bound_of_zero_and_an_upper_bound_of_z2_over_n_plus_z2() {
        // With k = 0 the upper bound simplifies to z² / (n + z²) = 3.841459 / 13.841459 = 0.277533.
        Interval w = WilsonScore.interval(0, 10);
        assertThat(w.low()).isZero();
        assertThat(w.high()).isCloseTo(0.2775328, within(1e-6));
    }

    @Test
    void no_trials_mean_an_unknown_proportion() {
        Interval w = WilsonScore.interval(0, 0);
        assertThat(w.low()).isZero();
        assertThat(w.high()).isEqualTo(1.0);
    }

    @Test
    void the_banking77_plain_prompt_accuracy_has_an_interval_of_about_four_points() {
        // 311 of 500 (the published plain-prompt result): reference computed with the closed form in Python,
        // [0.5787205, 0.6634193].
        Interval w = WilsonScore.interval(311, 500);
        assertThat(w.low()).isCloseTo(0.5787205, within(1e-6));
        assertThat(w.high()).isCloseTo(0.6634193, within(1e-6));
    }

    static Stream<Long> seeds() {
        return Gen.seeds(1000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void the_interval_lies_in_the_unit_range_and_holds_the_estimate(long seed) {
        Gen g = new Gen(seed);
        int n = g.intIn(1, 5000), k = g.intIn(0, 5000);
        int successes = Math.min(k, n);
        Interval w = WilsonScore.interval(successes, n);
        assertThat(w.low()).isBetween(0.0, w.estimate());
        assertThat(w.high()).isBetween(w.estimate(), 1.0);
    }
}
