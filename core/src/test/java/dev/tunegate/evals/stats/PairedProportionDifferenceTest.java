package dev.tunegate.evals.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tunegate.testing.Gen;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PairedProportionDifferenceTest {

    @Test
    void the_cavo_2012_table_matches_the_published_square_and_add_interval() {
        // Fagerland, Lydersen & Laake (2017), ch. 8, Cavo et al. 2012: n = [[59, 6], [16, 80]];
        // Newcombe square-and-add: estimate −0.0621 (95% CI −0.1186 to −0.0046) for p1 − p2.
        // Here the difference is second − first, so the signs flip.
        Interval d = PairedProportionDifference.newcombe(59, 6, 16, 80);
        assertThat(d.estimate()).isCloseTo(10.0 / 161, within(1e-12));
        assertThat(d.low()).isCloseTo(0.0046, within(5e-5));
        assertThat(d.high()).isCloseTo(0.1186, within(5e-5));
    }

    @Test
    void identical_runs_get_a_symmetric_interval_of_nonzero_width() {
        // a = 10, d = 10, no discordance: Wilson half-width for 10/20 is 0.200713 on each side;
        // ad − bc = 100 > n/2 = 10, so φ = (100 − 10)/100 = 0.9; width √(2·0.200713²·(1 − 0.9)) = 0.0897567.
        Interval d = PairedProportionDifference.newcombe(10, 0, 0, 10);
        assertThat(d.estimate()).isZero();
        assertThat(d.low()).isCloseTo(-0.0897567, within(1e-6));
        assertThat(d.high()).isCloseTo(0.0897567, within(1e-6));
    }

    @Test
    void all_items_discordant_against_the_second_run_reach_minus_one() {
        // b = 5 only: p1 = 1, p2 = 0; φ = 0 (zero margins); lower = −1 − √(0 + 0) = −1;
        // upper = −1 + √(u2² + (1 − l1)²) with u2 = 1 − l1 = z²/(5 + z²) = 0.434521 → −1 + 0.614451 = −0.385549.
        Interval d = PairedProportionDifference.newcombe(0, 5, 0, 0);
        assertThat(d.estimate()).isEqualTo(-1.0);
        assertThat(d.low()).isEqualTo(-1.0);
        assertThat(d.high()).isCloseTo(-0.3855490, within(1e-6));
    }

    @Test
    void one_item_leaves_the_difference_almost_unknown() {
        // a = 1: p1 = p2 = 1, l = 1/(1 + z²) = 0.206549; φ = 0 (zero margins): ±(1 − l)·√2 = ±0.793451.
        Interval d = PairedProportionDifference.newcombe(1, 0, 0, 0);
        assertThat(d.low()).isCloseTo(-0.7934507, within(1e-6));
        assertThat(d.high()).isCloseTo(0.7934507, within(1e-6));
    }

    @Test
    void no_items_give_the_whole_range() {
        Interval d = PairedProportionDifference.newcombe(0, 0, 0, 0);
        assertThat(d.low()).isEqualTo(-1.0);
        assertThat(d.high()).isEqualTo(1.0);
    }

    static Stream<Long> seeds() {
        return Gen.seeds(1000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void the_interval_holds_the_estimate_and_stays_in_range(long seed) {
        Gen g = new Gen(seed);
        int a = g.intIn(0, 60), b = g.intIn(0, 60), c = g.intIn(0, 60), d = g.intIn(0, 60);
        Interval i = PairedProportionDifference.newcombe(a, b, c, d);
        assertThat(i.low()).isGreaterThanOrEqualTo(-1.0).isLessThanOrEqualTo(i.estimate() + 1e-12);
        assertThat(i.high()).isLessThanOrEqualTo(1.0).isGreaterThanOrEqualTo(i.estimate() - 1e-12);
    }
}
