package dev.tunegate.pilot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendTest {
    private static final LocalDate D0 = LocalDate.of(2026, 1, 5);

    private static Trend.Point p(int days, double v) {
        return new Trend.Point(D0.plusDays(days), v);
    }

    @Test
    void aPerfectLineHasItsSlopePerWeekAndAZeroWidthInterval() {
        // y = 1, 3, 5 at weeks 0, 1, 2: slope 2 per week, residuals 0, so the interval is [2, 2]
        Trend t = Trend.of(List.of(p(0, 1), p(7, 3), p(14, 5)), true);
        assertThat(t.slopePerWeek()).isCloseTo(2.0, within(1e-12));
        assertThat(t.low()).isCloseTo(2.0, within(1e-9));
        assertThat(t.high()).isCloseTo(2.0, within(1e-9));
        assertThat(t.direction()).isEqualTo("improving");
        assertThat(t.significant()).isTrue();
    }

    @Test
    void theIntervalUsesStudentTWithNMinusTwoDegreesOfFreedom() {
        // By hand: x = 0, 1, 2 weeks, y = 1, 2, 4. mean x = 1, mean y = 7/3; Sxx = 2; Sxy = (-1)(1-7/3) + (1)(4-7/3) =
        // 3;
        // slope = 1.5; intercept = 7/3 - 1.5 = 5/6; residuals 1/6, -1/3, 1/6, SSE = 1/6; se = sqrt(SSE/(n-2)/Sxx) =
        // sqrt(1/12);
        // t(0.975, 1) = 12.7062047 (tables); half-width = 12.7062047 * 0.2886751 = 3.6679654.
        Trend t = Trend.of(List.of(p(0, 1), p(7, 2), p(14, 4)), false);
        assertThat(t.slopePerWeek()).isCloseTo(1.5, within(1e-12));
        assertThat(t.low()).isCloseTo(1.5 - 3.6679654, within(1e-6));
        assertThat(t.high()).isCloseTo(1.5 + 3.6679654, within(1e-6));
        assertThat(t.significant()).isFalse();
        assertThat(t.direction()).as("a rising KPI that must stay low").isEqualTo("worsening");
    }

    @Test
    void twoPointsGiveASlopeWithoutAnIntervalAndOnePointNoTrend() {
        Trend t = Trend.of(List.of(p(0, 10), p(14, 6)), false);
        assertThat(t.slopePerWeek()).isCloseTo(-2.0, within(1e-12));
        assertThat(t.low()).isNull();
        assertThat(t.direction()).isEqualTo("improving");
        assertThat(Trend.of(List.of(p(0, 1)), true)).isNull();
    }
}
