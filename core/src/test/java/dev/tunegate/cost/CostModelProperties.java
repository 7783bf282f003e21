package dev.tunegate.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants of the cost model over generated inputs (jqwik prints the seed of any failure). */
class CostModelProperties {
    private final CostModel model = new CostModel();

    private static CostInputs inputs(double calls, long todayPrompt, long tuned, double growth, int cadence, boolean selfHostedOnly) {
        return new CostInputs(todayPrompt, tuned, 0L, 200L, 20L, 500_000.0, 1000L, calls, growth, CostModelTest.provider(),
                CostModelTest.candidate(8), 3, cadence, new BigDecimal("0.5"), new BigDecimal("200"), null, 0.35,
                selfHostedOnly, false, !selfHostedOnly, List.of(CostModelTest.gpu()));
    }

    @Property
    void moreTrafficNeverLengthensBreakEven(@ForAll @DoubleRange(min = 0, max = 1e6) double calls,
                                            @ForAll @DoubleRange(min = 0, max = 1e6) double more,
                                            @ForAll @LongRange(min = 0, max = 20_000) long todayPrompt,
                                            @ForAll @LongRange(min = 0, max = 2_000) long tuned,
                                            @ForAll @DoubleRange(min = -0.5, max = 0.5) double growth,
                                            @ForAll @IntRange(min = 1, max = 52) int cadence,
                                            @ForAll boolean selfHostedOnly) {
        double before = model.breakEvenWeeks(inputs(calls, todayPrompt, tuned, growth, cadence, selfHostedOnly));
        double after = model.breakEvenWeeks(inputs(calls + more, todayPrompt, tuned, growth, cadence, selfHostedOnly));
        // With growth the break-even is the root of s·(e^{kt}−1)/k − r·t = u found by bisection in doubles; a rounding
        // of ε in the net cost moves the root by ε·u/net'(t): 1e-9 relative covers it.
        assertThat(after).isLessThanOrEqualTo(before + 1e-9 * Math.max(1, before)); // +∞ ≤ +∞ holds
    }

    @Property(tries = 300) // each try computes two full reports, sensitivity included
    void aLongerSavedPromptNeverLowersSavings(@ForAll @DoubleRange(min = 0, max = 1e6) double calls,
                                              @ForAll @LongRange(min = 0, max = 20_000) long todayPrompt,
                                              @ForAll @LongRange(min = 0, max = 20_000) long longer,
                                              @ForAll @LongRange(min = 0, max = 2_000) long tuned,
                                              @ForAll boolean selfHostedOnly) {
        CostReport a = model.compute(inputs(calls, todayPrompt, tuned, 0, 13, selfHostedOnly), 13, LocalDate.of(2025, 1, 1));
        CostReport b = model.compute(inputs(calls, todayPrompt + longer, tuned, 0, 13, selfHostedOnly), 13, LocalDate.of(2025, 1, 1));
        for (int i = 0; i < a.methods().size(); i++) {
            BigDecimal sa = a.methods().get(i).savingsUsdPerWeek();
            BigDecimal sb = b.methods().get(i).savingsUsdPerWeek();
            if (sa != null) assertThat(sb).isGreaterThanOrEqualTo(sa);
        }
    }

    @Property(tries = 300)
    void breakEvenIsNeverNegative(@ForAll @DoubleRange(min = 0, max = 1e6) double calls,
                                  @ForAll @LongRange(min = 0, max = 20_000) long todayPrompt,
                                  @ForAll @DoubleRange(min = -0.5, max = 0.5) double growth) {
        double weeks = model.breakEvenWeeks(inputs(calls, todayPrompt, 100, growth, 13, false));
        assertThat(weeks).isGreaterThanOrEqualTo(0);
    }
}
