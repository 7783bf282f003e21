package dev.tunegate.evals.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void a_constant_sample_has_a_zero_width_interval() {
        Interval i = Bootstrap.meanInterval(new double[] {0.7, 0.7, 0.7}, 1, 500);
        assertThat(i.estimate()).isCloseTo(0.7, within(1e-12));
        assertThat(i.low()).isCloseTo(0.7, within(1e-12));
        assertThat(i.high()).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void a_half_passing_sample_of_400_matches_the_normal_approximation() {
        // 200 ones and 200 zeros: mean 0.5, sd 0.5, standard error 0.5/√400 = 0.025, so the
        // percentile interval should be close to 0.5 ± 1.96·0.025 = [0.451, 0.549]; Monte Carlo
        // error with 4000 resamples is well below the 0.006 tolerance.
        double[] v = new double[400];
        for (int i = 0; i < 200; i++) v[i] = 1;
        Interval i = Bootstrap.meanInterval(v, 42, 4000);
        assertThat(i.estimate()).isEqualTo(0.5);
        assertThat(i.low()).isCloseTo(0.451, within(0.006));
        assertThat(i.high()).isCloseTo(0.549, within(0.006));
        assertThat(i.method()).contains("seed 42").contains("4000 resamples");
    }

    @Test
    void the_same_seed_replays_the_same_interval_and_another_seed_need_not() {
        double[] v = {0.1, 0.4, 0.35, 0.8, 0.9, 0.2, 0.55};
        assertThat(Bootstrap.meanInterval(v, 7, 1000)).isEqualTo(Bootstrap.meanInterval(v, 7, 1000));
    }

    @Test
    void one_value_is_its_own_interval() {
        Interval i = Bootstrap.meanInterval(new double[] {0.3}, 3, 100);
        assertThat(i.low()).isEqualTo(0.3);
        assertThat(i.high()).isEqualTo(0.3);
    }

    @Test
    void no_values_are_refused() {
        assertThatThrownBy(() -> Bootstrap.meanInterval(new double[0], 1, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
