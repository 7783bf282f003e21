package dev.tunegate.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tunegate.policy.Method;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostModelTest {
    /**
     * The fixed hours of every GPU training run ({@code training.runOverheadHours}'s schema default, docs/formats/cost.md);
     * the derivations in the comments below add it by hand.
     */
    static final double RUN_OVERHEAD_HOURS = 0.5;

    static final LocalDate RUN = LocalDate.of(2025, 1, 1);

    /** A provider model with round prices: $2.50 / $10 per MTok, fine-tuning $25 per MTok, tuned $3.75 / $15. */
    static ModelPrice provider() {
        return new ModelPrice(
                "p",
                ModelPrice.Hosting.PROVIDER,
                "acme",
                new BigDecimal("2.50"),
                new BigDecimal("10"),
                null,
                128_000L,
                new FineTuningPrice(
                        FineTuningStatus.OFFERED,
                        new BigDecimal("25"),
                        new BigDecimal("3.75"),
                        new BigDecimal("15"),
                        ""),
                LocalDate.of(2024, 11, 20),
                "test",
                "test:1");
    }

    /** One GPU type with round figures: 80 GB, 100 TFLOPS, $2 per hour. */
    static GpuPrice gpu() {
        return new GpuPrice("g", 80, 100, new BigDecimal("2"), LocalDate.of(2024, 11, 20), "test", "test:2");
    }

    static ModelPrice candidate(double paramsB) {
        return new ModelPrice(
                "c",
                ModelPrice.Hosting.SELF_HOSTED,
                "",
                null,
                null,
                paramsB,
                8192L,
                null,
                LocalDate.of(2024, 7, 23),
                "test",
                "test:3");
    }

    /**
     * Today: 4,000 prompt tokens, tuned 100, no RAG, 200 input, 20 output; 10,000 calls a day;
     * 500,000 training tokens per epoch, 3 epochs, 1,000 rows at $0.50, evaluation $200, retrain every 13 weeks.
     */
    static CostInputs scenario() {
        return new CostInputs(
                4000L,
                100L,
                0L,
                200L,
                20L,
                500_000.0,
                1000L,
                10_000.0,
                0,
                provider(),
                null,
                3,
                13,
                new BigDecimal("0.50"),
                new BigDecimal("200"),
                null,
                0.5,
                false,
                false,
                true,
                List.of(gpu()),
                null,
                RUN_OVERHEAD_HOURS);
    }

    @Test
    void providerCostPerCallIsPrefillTimesInputPricePlusOutputTimesOutputPrice() {
        // 4,120 × $0.15/MTok + 20 × $0.60/MTok = $0.000618 + $0.000012 = $0.000630
        assertThat(CostModel.providerPerCall(4120, 20, new BigDecimal("0.15"), new BigDecimal("0.60")))
                .isEqualByComparingTo("0.000630");
    }

    @Test
    void epochsFollowTheDataPrepHeuristic() {
        assertThat(CostModel.heuristicEpochs(10)).isEqualTo(10); // 10 × 3 < 100 → 100 // 10
        assertThat(CostModel.heuristicEpochs(20)).isEqualTo(5); // 60 < 100 → 100 // 20
        assertThat(CostModel.heuristicEpochs(1000)).isEqualTo(3); // 3,000 in [100, 25,000]
        assertThat(CostModel.heuristicEpochs(10_000)).isEqualTo(2); // 30,000 > 25,000 → 25,000 // 10,000
        assertThat(CostModel.heuristicEpochs(2)).isEqualTo(25); // 100 // 2 = 50, capped at 25
    }

    @Test
    void peakMemoryCountsWeightsAdaptersOptimizerStatesAndActivationsAtTheExampleLength() {
        CostModel m = new CostModel();
        // By hand, for N = 4096³ × 12 / 128 = 6,442,450,944 params (so h = ∛(N·128/12) = 4096 exactly and L = h/128 =
        // 32)
        // and s = 1,000 tokens: activations = s·h·(2L + 34) = 1000 × 4096 × 98 = 401,408,000 bytes = 0.401408 GB.
        double n = 6.442450944;
        assertThat(CostModel.activationGb(n, 1000)).isCloseTo(0.401408, within(1e-9));
        // full: (16 × 6.442450944 + 0.401408) × 1.1 = (103.079215104 + 0.401408) × 1.1 = 113.8286854144 GB
        assertThat(m.peakMemoryGb(Method.FULL, n, 1000)).isCloseTo(113.8286854144, within(1e-9));
        // LoRA: (2N + 0.005·N·16 + act) × 1.1 = (12.884901888 + 0.51539607552 + 0.401408) × 1.1 = 13.80170596352 × 1.1
        // = 15.181876559872 GB
        assertThat(m.peakMemoryGb(Method.LORA, n, 1000)).isCloseTo(15.181876559872, within(1e-9));
        // QLoRA: (0.55·N + adapters + act) × 1.1 = (3.5433480192 + 0.51539607552 + 0.401408) × 1.1 = 4.46015209472 ×
        // 1.1 = 4.906167304192 GB
        assertThat(m.peakMemoryGb(Method.QLORA, n, 1000)).isCloseTo(4.906167304192, within(1e-9));
        // a longer example needs more memory, linearly in s: 2,000 tokens add exactly another 0.401408 × 1.1 GB
        assertThat(m.peakMemoryGb(Method.LORA, n, 2000) - m.peakMemoryGb(Method.LORA, n, 1000))
                .isCloseTo(0.4415488, within(1e-9));
    }

    @Test
    void gpuMethodsCostFlopsOverThroughputAtMfuTimesTheHourlyPrice() {
        CostInputs in = new CostInputs(
                4000L,
                100L,
                0L,
                200L,
                20L,
                1_000_000.0,
                1000L,
                10_000.0,
                0,
                provider(),
                candidate(8),
                3,
                13,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                null,
                0.5,
                false,
                false,
                true,
                List.of(gpu()),
                null,
                RUN_OVERHEAD_HOURS);
        CostReport r = new CostModel().compute(in, 13, RUN);
        CostReport.MethodCost lora = r.method(Method.LORA).orElseThrow();
        // 4 × 8e9 × 3e6 tokens = 9.6e16 FLOPs; ÷ (100e12 × 0.5) = 1,920 s = 0.5333 GPU-h of token passes; plus the
        // default fixed overhead of 0.5 h per run on its 1 GPU = 0.5 GPU-h ($1.00): 1.0333 GPU-h × $2 = $2.07
        assertThat(lora.trainingFlops()).isCloseTo(9.6e16, within(1e6));
        assertThat(lora.gpuHours()).isCloseTo(0.5333, within(1e-4));
        assertThat(lora.overheadGpuHours()).isCloseTo(0.5, within(1e-9));
        assertThat(lora.overheadUsd()).isEqualByComparingTo("1.00");
        assertThat(lora.trainingCostUsd()).isEqualByComparingTo("2.07");
        assertThat(lora.gpuCount()).isEqualTo(1);
        assertThat(lora.withinSeedBand()).isFalse();
        assertThat(lora.seedBandNote()).startsWith("below the seed's band $100–1,000");
        CostReport.MethodCost qlora = r.method(Method.QLORA).orElseThrow();
        // QLoRA = LoRA × 1.4: 1.3440e17 FLOPs → 0.7467 GPU-h, + 0.5 GPU-h overhead = 1.2467 GPU-h × $2 = $2.49
        assertThat(qlora.trainingCostUsd()).isEqualByComparingTo("2.49");
        CostReport.MethodCost full = r.method(Method.FULL).orElseThrow();
        // 6 × 8e9 × 3e6 = 1.44e17 FLOPs → 0.8 GPU-h; 141.9 GB → 2 × 80 GB, so the 0.5 h overhead is billed on both
        // GPUs: 0.8 + 2 × 0.5 = 1.8 GPU-h × $2 = $3.60
        assertThat(full.trainingCostUsd()).isEqualByComparingTo("3.60");
        assertThat(full.overheadGpuHours()).isCloseTo(1.0, within(1e-9));
        assertThat(full.gpuCount()).isEqualTo(2);
        assertThat(full.wallClockHours()).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void selfHostedInferenceCostsGpuSecondsPerCallAtServingUtilisation() {
        CostInputs in = new CostInputs(
                4000L,
                100L,
                0L,
                200L,
                20L,
                1_000_000.0,
                1000L,
                10_000.0,
                0,
                provider(),
                candidate(8),
                3,
                13,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                null,
                0.5,
                false,
                false,
                true,
                List.of(gpu()),
                null,
                RUN_OVERHEAD_HOURS);
        CostReport.MethodCost lora =
                new CostModel().compute(in, 13, RUN).method(Method.LORA).orElseThrow();
        // after: 100 + 0 + 200 prefill + 20 output = 320 tokens × 2 × 8e9 = 5.12e12 FLOPs ÷ (100e12 × 0.25) = 0.2048
        // GPU-s
        // × $2/h ÷ 3600 = $0.000113778 per call; × 70,000 calls a week = $7.96
        assertThat(lora.afterUsdPerCall()).isEqualByComparingTo("0.000114");
        assertThat(lora.afterUsdPerWeek()).isEqualByComparingTo("7.96");
    }

    @Test
    void breakEvenIsUpfrontCostOverWeeklySavingsLessAmortisedRetraining() {
        CostReport r = new CostModel().compute(scenario(), 13, RUN);
        // before: (4,200 × $2.50 + 20 × $10) / 1e6 = $0.0107 per call; × 70,000 = $749.00 a week
        assertThat(r.inference().beforeUsdPerCall()).isEqualByComparingTo("0.010700");
        assertThat(r.inference().beforeUsdPerWeek()).isEqualByComparingTo("749.00");
        // after (provider fine-tune): (300 × $3.75 + 20 × $15) / 1e6 = $0.001425; × 70,000 = $99.75
        assertThat(r.inference().afterUsdPerWeek()).isEqualByComparingTo("99.75");
        CostReport.MethodCost api = r.method(Method.PROVIDER_API).orElseThrow();
        // training: 500,000 × 3 = 1.5M tokens × $25/MTok = $37.50; upfront = 37.50 + 200 + 1,000 × 0.50 = $737.50
        assertThat(api.trainingCostUsd()).isEqualByComparingTo("37.50");
        assertThat(api.upfrontUsd()).isEqualByComparingTo("737.50");
        // retraining: (37.50 + 200) / 13 = $18.2692 a week; savings 749 − 99.75 = $649.25
        // break-even = 737.50 / (649.25 − 18.2692) = 1.1688 weeks
        assertThat(api.retrainUsdPerWeek()).isEqualByComparingTo("18.27");
        assertThat(api.savingsUsdPerWeek()).isEqualByComparingTo("649.25");
        assertThat(r.breakEvenWeeks()).isCloseTo(1.17, within(1e-9));
        assertThat(r.breakEvenStatus()).isEqualTo("weeks");
        assertThat(r.breakEvenMethod()).isEqualTo(Method.PROVIDER_API);
        assertThat(r.tokens().savedPrefillTokensPerCall()).isEqualTo(3900);
        assertThat(r.tokens().requiredContextTokens()).isEqualTo(4220);
    }

    @Test
    void breakEvenIsNeverWhenTheTunedCallSavesNothing() {
        CostInputs in =
                scenario().withTodayPromptTokens(100); // tuned prompt as long as today's: tuned prices are higher
        CostReport r = new CostModel().compute(in, 13, RUN);
        assertThat(r.breakEvenStatus()).isEqualTo("never");
        assertThat(r.breakEvenWeeks()).isNull();
        assertThat(new CostModel().breakEvenWeeks(in)).isInfinite();
    }

    @Test
    void breakEvenIsNeverWhenRetrainingEatsTheSavings() {
        // savings $70 a week (0.001 × 70,000) against retraining $1,300 / 13 = $100 a week
        assertThat(CostModel.solveBreakEven(
                        new BigDecimal("1000"), new BigDecimal("100"), new BigDecimal("0.001"), 10_000, 0))
                .isInfinite();
        // savings $70 a week, retraining $10: 1,000 / 60 = 16.667 weeks
        assertThat(CostModel.solveBreakEven(
                        new BigDecimal("1000"), new BigDecimal("10"), new BigDecimal("0.001"), 10_000, 0))
                .isCloseTo(16.6667, within(1e-4));
    }

    @Test
    void growthSolvesTheCumulativeSavingsEquation() {
        double weeks = CostModel.solveBreakEven(
                new BigDecimal("1000"), new BigDecimal("10"), new BigDecimal("0.001"), 10_000, 0.10);
        // Independent check: integrate s(u) = 70 × 1.1^(u / (52/12)) − 10 by the midpoint rule up to the solution.
        double total = 0;
        int steps = 200_000;
        double h = weeks / steps;
        for (int i = 0; i < steps; i++) {
            double u = (i + 0.5) * h;
            total += (70 * Math.pow(1.1, u / (52.0 / 12)) - 10) * h;
        }
        assertThat(total).isCloseTo(1000, within(1e-3));
        assertThat(weeks).isLessThan(1000 / 60.0); // growth shortens the no-growth 16.67 weeks
    }

    @Test
    void unknownInputsMakeFiguresUnknownAndNameWhatSettlesThem() {
        CostInputs in = new CostInputs(
                4000L,
                null,
                0L,
                200L,
                20L,
                null,
                null,
                10_000.0,
                0,
                provider(),
                null,
                null,
                13,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                null,
                0.35,
                false,
                false,
                true,
                List.of(gpu()),
                null,
                RUN_OVERHEAD_HOURS);
        CostReport r = new CostModel().compute(in, 13, RUN);
        assertThat(r.breakEvenStatus()).isEqualTo("unknown");
        assertThat(r.breakEvenWeeks()).isNull();
        assertThat(r.inference().afterUsdPerWeek()).isNull();
        assertThat(r.unknowns())
                .extracting(CostReport.Unknown::settledBy)
                .contains("prompts.tuned", "data.train (the audit's training tokens)");
        assertThat(r.sensitivity()).isEmpty();
    }

    @Test
    void providerThatWithdrewFineTuningIsNeverOffered() {
        ModelPrice p = provider();
        ModelPrice withdrawn = new ModelPrice(
                p.id(),
                p.hosting(),
                p.provider(),
                p.inputPerMTok(),
                p.outputPerMTok(),
                null,
                null,
                new FineTuningPrice(FineTuningStatus.WITHDRAWN, null, null, null, "stopped in May 2025"),
                p.asOf(),
                p.source(),
                p.origin());
        CostReport r = new CostModel().compute(scenario().withCurrent(withdrawn), 13, RUN);
        CostReport.MethodCost api = r.method(Method.PROVIDER_API).orElseThrow();
        assertThat(api.applicable()).isFalse();
        assertThat(api.notApplicableReason()).contains("withdrawn").contains("May 2025");
        assertThat(api.trainingCostUsd()).isNull();
    }

    @Test
    void sensitivitySolvesTheTrafficAtWhichTheVerdictFlips() {
        CostReport r = new CostModel().compute(scenario(), 13, RUN);
        CostReport.Sensitivity traffic = r.sensitivity().stream()
                .filter(s -> s.input().equals("traffic.callsPerDay"))
                .findFirst()
                .orElseThrow();
        // break-even ≤ 13 ⇔ x·7·(0.0107 − 0.001425) − 18.2692 ≥ 737.50/13 ⇔ x ≥ 75.0 / 0.064925 = 1,155.18 calls a day:
        // at 1,155 it is 13.003 weeks (no longer fires), at 1,156 it fires.
        assertThat(traffic.flipValue()).isEqualTo(1155.0);
        assertThat(traffic.flipsWhen()).isEqualTo("FT-COST stops firing at or below");
        // at 5,000 calls a day: 737.50 / (5,000 × 0.064925 − 18.2692) = 737.50 / 306.3558 = 2.4073 weeks
        assertThat(traffic.breakEvenAtMinus50()).isCloseTo(2.41, within(1e-9));
    }

    @Test
    void seriesStartAtTheUpfrontCostAndAddRetrainingAtTheCadence() {
        CostReport r = new CostModel().compute(scenario(), 13, RUN);
        CostReport.Line api = r.series().lines().stream()
                .filter(l -> l.name().equals("provider_api"))
                .findFirst()
                .orElseThrow();
        CostReport.Line today = r.series().lines().stream()
                .filter(l -> l.name().equals("today"))
                .findFirst()
                .orElseThrow();
        assertThat(api.cumulativeUsd().get(0)).isEqualByComparingTo("737.50");
        assertThat(today.cumulativeUsd().get(0)).isEqualByComparingTo("0.00");
        assertThat(today.cumulativeUsd().get(1)).isEqualByComparingTo("749.00");
        // week 13: 737.50 + 13 × 99.75 + (37.50 + 200) retraining = 2,271.75
        assertThat(api.cumulativeUsd().get(13)).isEqualByComparingTo("2271.75");
        assertThat(r.series().weeks()).hasSize(53);
    }
}
