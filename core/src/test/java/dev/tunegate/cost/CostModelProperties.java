package dev.tunegate.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.testing.Gen;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Invariants of the cost model over generated inputs (seeded generated cases: a failure names its seed). */
class CostModelProperties {
    private final CostModel model = new CostModel();

    private static CostInputs inputs(
            double calls, long todayPrompt, long tuned, double growth, int cadence, boolean selfHostedOnly) {
        return new CostInputs(
                todayPrompt,
                tuned,
                0L,
                200L,
                20L,
                500_000.0,
                1000L,
                calls,
                growth,
                CostModelTest.provider(),
                CostModelTest.candidate(8),
                3,
                cadence,
                new BigDecimal("0.5"),
                new BigDecimal("200"),
                null,
                0.35,
                selfHostedOnly,
                false,
                !selfHostedOnly,
                List.of(CostModelTest.gpu()),
                null,
                CostModelTest.RUN_OVERHEAD_HOURS);
    }

    static Stream<Long> seeds() {
        return Gen.seeds(1000);
    }

    static Stream<Long> fewerSeeds() {
        return Gen.seeds(300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void moreTrafficNeverLengthensBreakEven(long seed) {
        Gen g = new Gen(seed);
        double calls = g.doubleIn(0, 1e6), more = g.doubleIn(0, 1e6);
        long todayPrompt = g.longIn(0, 20_000), tuned = g.longIn(0, 2_000);
        double growth = g.doubleIn(-0.5, 0.5);
        int cadence = g.intIn(1, 52);
        boolean selfHostedOnly = g.bool();
        double before = model.breakEvenWeeks(inputs(calls, todayPrompt, tuned, growth, cadence, selfHostedOnly));
        double after = model.breakEvenWeeks(inputs(calls + more, todayPrompt, tuned, growth, cadence, selfHostedOnly));
        // With growth the break-even is the root of s·(e^{kt}−1)/k − r·t = u found by bisection in doubles; a rounding
        // of ε in the net cost moves the root by ε·u/net'(t): 1e-9 relative covers it.
        assertThat(after).isLessThanOrEqualTo(before + 1e-9 * Math.max(1, before)); // +∞ ≤ +∞ holds
    }

    @ParameterizedTest(name = "seed {0}") // each case computes two full reports, sensitivity included
    @MethodSource("fewerSeeds")
    void aLongerSavedPromptNeverLowersSavings(long seed) {
        Gen g = new Gen(seed);
        double calls = g.doubleIn(0, 1e6);
        long todayPrompt = g.longIn(0, 20_000), longer = g.longIn(0, 20_000), tuned = g.longIn(0, 2_000);
        boolean selfHostedOnly = g.bool();
        CostReport a =
                model.compute(inputs(calls, todayPrompt, tuned, 0, 13, selfHostedOnly), 13, LocalDate.of(2025, 1, 1));
        CostReport b = model.compute(
                inputs(calls, todayPrompt + longer, tuned, 0, 13, selfHostedOnly), 13, LocalDate.of(2025, 1, 1));
        for (int i = 0; i < a.methods().size(); i++) {
            BigDecimal sa = a.methods().get(i).savingsUsdPerWeek();
            BigDecimal sb = b.methods().get(i).savingsUsdPerWeek();
            if (sa != null) assertThat(sb).isGreaterThanOrEqualTo(sa);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fewerSeeds")
    void breakEvenIsNeverNegative(long seed) {
        Gen g = new Gen(seed);
        double calls = g.doubleIn(0, 1e6);
        long todayPrompt = g.longIn(0, 20_000);
        double growth = g.doubleIn(-0.5, 0.5);
        double weeks = model.breakEvenWeeks(inputs(calls, todayPrompt, 100, growth, 13, false));
        assertThat(weeks).isGreaterThanOrEqualTo(0);
    }
}
