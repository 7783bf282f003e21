package dev.tunegate.evals.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NonInferioritySampleSizeTest {

    @Test
    void equal_runs_with_ten_percent_discordance_need_about_7849_items_for_a_one_point_margin() {
        // (1.959964 + 0.841621)² · 0.1 / 0.01² = 7.848880 · 1000 = 7848.88 → 7849 (scipy norm.ppf for the quantiles).
        assertThat(NonInferioritySampleSize.of(0, 0.10, 0.01, 500).requiredItems())
                .isEqualTo(7849);
    }

    @Test
    void a_two_point_gain_with_six_percent_discordance_needs_520_items() {
        // 7.848880 · (0.06 − 0.02²) / (0.02 + 0.01)² = 7.848880 · 0.0596 / 0.0009 = 519.77 → 520.
        assertThat(NonInferioritySampleSize.of(0.02, 0.06, 0.01, 100).requiredItems())
                .isEqualTo(520);
    }

    @Test
    void a_difference_at_or_below_minus_the_margin_can_never_show_non_inferiority() {
        assertThat(NonInferioritySampleSize.of(-0.02, 0.06, 0.01, 100).requiredItems())
                .isEqualTo(-1);
    }

    @Test
    void zero_observed_discordance_plans_on_one_discordant_pair() {
        // ψ floored to 1/200 = 0.005: 7.848880 · 0.005 / 0.0001 = 392.44 → 393.
        NonInferioritySampleSize s = NonInferioritySampleSize.of(0, 0, 0.01, 200);
        assertThat(s.requiredItems()).isEqualTo(393);
        assertThat(s.method()).contains("Connor");
    }
}
