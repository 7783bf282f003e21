package dev.tunegate.evals.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tunegate.testing.Gen;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class McNemarTestTest {

    @Test
    void one_against_nine_discordant_pairs_matches_the_binomial_tail_by_hand() {
        // X ~ Bin(10, 1/2): P(X ≤ 1) = (1 + 10) / 1024; two-sided p = 22/1024 = 0.021484375.
        // mid-p = 2 (P(X ≤ 1) − P(X = 1)/2) = 2 (11 − 5)/1024 = 12/1024 = 0.01171875.
        McNemarTest t = McNemarTest.exact(1, 9);
        assertThat(t.pValue()).isCloseTo(22.0 / 1024, within(1e-12));
        assertThat(t.midP()).isCloseTo(12.0 / 1024, within(1e-12));
        assertThat(t.discordant()).isEqualTo(10);
    }

    @Test
    void seven_against_eighteen_matches_scipy_binomtest() {
        // scipy.stats.binomtest(7, 25, 0.5).pvalue = 0.043285250663757324;
        // mid-p 2 (cdf(7) − pmf(7)/2) = 0.028959274291992184.
        McNemarTest t = McNemarTest.exact(7, 18);
        assertThat(t.pValue()).isCloseTo(0.043285250663757324, within(1e-12));
        assertThat(t.midP()).isCloseTo(0.028959274291992184, within(1e-12));
    }

    @Test
    void zero_discordant_pairs_give_p_one() {
        McNemarTest t = McNemarTest.exact(0, 0);
        assertThat(t.pValue()).isEqualTo(1.0);
        assertThat(t.midP()).isEqualTo(1.0);
    }

    @Test
    void all_five_pairs_discordant_one_way_give_p_one_sixteenth() {
        // P(X = 0) = 1/32 for Bin(5, 1/2); two-sided 2/32 = 0.0625; mid-p = 2 (1/32 − 1/64) = 1/32.
        McNemarTest t = McNemarTest.exact(0, 5);
        assertThat(t.pValue()).isCloseTo(0.0625, within(1e-12));
        assertThat(t.midP()).isCloseTo(1.0 / 32, within(1e-12));
    }

    @Test
    void a_single_discordant_item_is_never_significant() {
        // Bin(1, 1/2): P(X ≤ 0) = 1/2, doubled = 1; mid-p = 2 (1/2 − 1/4) = 1/2.
        McNemarTest t = McNemarTest.exact(0, 1);
        assertThat(t.pValue()).isEqualTo(1.0);
        assertThat(t.midP()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void balanced_discordance_caps_at_one() {
        // Bin(6, 1/2): P(X ≤ 3) = 42/64, doubled 1.3125 → 1; mid-p 2 (42 − 10)/64 = 1.
        McNemarTest t = McNemarTest.exact(3, 3);
        assertThat(t.pValue()).isEqualTo(1.0);
        assertThat(t.midP()).isCloseTo(1.0, within(1e-12));
    }

    static Stream<Long> seeds() {
        return Gen.seeds(1000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void the_test_is_symmetric_and_a_probability(long seed) {
        Gen g = new Gen(seed);
        int b = g.intIn(0, 400), c = g.intIn(0, 400);
        McNemarTest t = McNemarTest.exact(b, c);
        McNemarTest u = McNemarTest.exact(c, b);
        assertThat(t.pValue()).isEqualTo(u.pValue()).isBetween(0.0, 1.0);
        assertThat(t.midP()).isBetween(0.0, t.pValue());
    }
}
