package dev.tunegate.pilot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.evals.RegressionReport;
import dev.tunegate.evals.Verdict;
import dev.tunegate.evals.stats.Interval;
import dev.tunegate.testing.Gen;
import dev.tunegate.workspace.PilotSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PilotJudgeTest {
    static final PilotSettings SETTINGS =
            new PilotSettings(6, 10_000, 0.85, 0.6, 800.0, 0.002, "minutes", 5.0, true, 0.01);

    static RegressionReport regression(Verdict v, double low, double est, double high, double candidateAccuracy) {
        return new RegressionReport(
                v,
                "test",
                "baseline",
                "candidate",
                0.01,
                200,
                List.of(),
                List.of(),
                List.of(),
                new Interval(
                        candidateAccuracy - est,
                        candidateAccuracy - est - 0.05,
                        candidateAccuracy - est + 0.05,
                        "Wilson"),
                new Interval(candidateAccuracy, candidateAccuracy - 0.05, candidateAccuracy + 0.04, "Wilson score 95%"),
                new Interval(est, low, high, "Newcombe"),
                0.01,
                0.005,
                null,
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    static Checkpoint cp(String date, long calls, double adoption, double latency, double cost, double minutes) {
        return new Checkpoint(date, 1, calls, adoption, latency, cost, minutes);
    }

    static Checkpoints healthy() {
        return new Checkpoints(
                "pilot/cp.jsonl",
                List.of(
                        cp("2026-01-05", 4000, 0.50, 700, 0.0015, 6.0),
                        cp("2026-01-12", 4000, 0.58, 680, 0.0014, 5.2),
                        cp("2026-01-19", 4000, 0.64, 650, 0.0013, 4.6)),
                List.of());
    }

    static PilotCondition cond(PilotJudgement j, String id) {
        return j.conditions().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void scalesWhenQualityIsNonInferiorAndOnTargetAndEveryKpiIsWithinItsTarget() {
        PilotJudgement j = new PilotJudge(SETTINGS)
                .judge("router", healthy(), regression(Verdict.PASS, 0.02, 0.06, 0.10, 0.88), null, null);
        assertThat(j.verdict()).isEqualTo(PilotVerdict.SCALE);
        assertThat(j.conditions())
                .extracting(PilotCondition::id)
                .containsExactly(
                        "quality-not-worse",
                        "payback",
                        "quality-non-inferior",
                        "quality-target",
                        "latency-p95",
                        "unit-cost",
                        "volume",
                        "adoption",
                        "process-kpi");
        assertThat(cond(j, "payback").met())
                .as("break-even unknown: said so, does not block")
                .isNull();
        assertThat(cond(j, "volume").measured()).isEqualTo(12_000.0);
        assertThat(cond(j, "latency-p95").measured())
                .as("the latest checkpoint")
                .isEqualTo(650.0);
        assertThat(j.reasons()).hasSize(3);
        assertThat(j.summary()).startsWith("Scale router:");
    }

    @Test
    void stopsWhenTheCandidateIsSignificantlyWorseThanTheBaseline() {
        PilotJudgement j = new PilotJudge(SETTINGS)
                .judge("router", healthy(), regression(Verdict.REGRESSION, -0.12, -0.07, -0.02, 0.80), null, null);
        assertThat(j.verdict()).isEqualTo(PilotVerdict.STOP);
        PilotCondition c = cond(j, "quality-not-worse");
        assertThat(c.met()).isFalse();
        assertThat(c.measured()).isEqualTo(-0.02);
        assertThat(c.gapText()).isEqualTo("the upper bound is 2.0 points below 0");
        assertThat(j.summary())
                .isEqualTo("Stop the router pilot: golden-set quality is significantly worse than the baseline.");
    }

    @Test
    void stopsWhenTheEconomicsNeverPayBackAndSaysUnknownWhenThereIsNoCostModel() {
        PilotJudgement never = new PilotJudge(SETTINGS)
                .judge(
                        "router",
                        healthy(),
                        regression(Verdict.PASS, 0.02, 0.06, 0.10, 0.88),
                        Double.POSITIVE_INFINITY,
                        "cost");
        assertThat(never.verdict()).isEqualTo(PilotVerdict.STOP);
        assertThat(cond(never, "payback").measuredText()).isEqualTo("never breaks even");
        PilotJudgement late = new PilotJudge(SETTINGS)
                .judge("router", healthy(), regression(Verdict.PASS, 0.02, 0.06, 0.10, 0.88), 9.5, "cost");
        assertThat(cond(late, "payback").gap()).isEqualTo(3.5);
        assertThat(late.verdict()).isEqualTo(PilotVerdict.STOP);
        PilotJudgement soon = new PilotJudge(SETTINGS)
                .judge("router", healthy(), regression(Verdict.PASS, 0.02, 0.06, 0.10, 0.88), 4.0, "cost");
        assertThat(soon.verdict()).isEqualTo(PilotVerdict.SCALE);
    }

    @Test
    void improveNamesEachMissByHowMuchAndItsTrend() {
        Checkpoints slow = new Checkpoints(
                "cp.csv",
                List.of(
                        cp("2026-01-05", 4000, 0.30, 900, 0.0015, 7.0),
                        cp("2026-01-12", 4000, 0.34, 880, 0.0015, 6.6),
                        cp("2026-01-19", 4000, 0.38, 860, 0.0015, 6.2)),
                List.of());
        PilotJudgement j = new PilotJudge(SETTINGS)
                .judge("router", slow, regression(Verdict.PASS, 0.0, 0.03, 0.06, 0.86), null, null);
        assertThat(j.verdict()).isEqualTo(PilotVerdict.IMPROVE);
        assertThat(j.summary())
                .isEqualTo(
                        "Keep improving router before scaling: 3 of 7 scale conditions miss (latency-p95, adoption, process-kpi).");
        // adoption 0.38 vs 0.60: 22 points short; slope (0.38-0.30)/2 weeks = +4 points per week, residuals 0
        assertThat(j.misses())
                .contains(
                        "adoption at its target: 38.0 % is 22.0 points below the target 60.0 %; trend +4.00 points per week, "
                                + "improving, significant (95 % interval +4.00 points to +4.00 points) over 3 checkpoints");
        assertThat(cond(j, "latency-p95").gap()).isEqualTo(60.0);
        assertThat(cond(j, "latency-p95").trend().slopePerWeek()).isEqualTo(-20.0);
        assertThat(cond(j, "process-kpi").gapText()).isEqualTo("6.20 is 1.20 above the target 5");
    }

    @Test
    void missingEvidenceIsUnknownNotMetAndKeepsThePilotFromScaling() {
        PilotJudgement j = new PilotJudge(SETTINGS).judge("router", null, null, null, null);
        assertThat(j.verdict()).isEqualTo(PilotVerdict.IMPROVE);
        assertThat(j.conditions()).allSatisfy(c -> assertThat(c.met()).isNull());
        assertThat(cond(j, "volume").source()).isEqualTo("pilot.checkpoints (dated KPI measurements)");
        assertThat(j.wouldChange()).anyMatch(s -> s.contains("supply evals.baseline and evals.candidate"));
    }

    @Test
    void anInconclusiveRegressionIsNotNonInferiorAndSaysHowManyItemsWouldSettleIt() {
        RegressionReport r = regression(Verdict.INCONCLUSIVE, -0.04, 0.0, 0.04, 0.88);
        r = new RegressionReport(
                r.verdict(),
                r.reason(),
                r.baseline(),
                r.candidate(),
                r.margin(),
                r.sharedItems(),
                r.improved(),
                r.regressed(),
                r.unchanged(),
                r.baselineAccuracy(),
                r.candidateAccuracy(),
                r.difference(),
                r.mcnemarP(),
                r.mcnemarMidP(),
                new RegressionReport.SampleSize(900, 700, "test"),
                r.byErrorClass(),
                r.bySlice(),
                r.baselineOnly(),
                r.candidateOnly(),
                r.missingFromBoth(),
                r.findings());
        PilotJudgement j = new PilotJudge(SETTINGS).judge("router", healthy(), r, null, null);
        assertThat(j.verdict()).isEqualTo(PilotVerdict.IMPROVE);
        assertThat(cond(j, "quality-not-worse").met()).isTrue();
        assertThat(cond(j, "quality-non-inferior").gapText())
                .isEqualTo(
                        "the lower bound -4.0 points is 3.0 points short of −1.0; about 700 more paired golden items would settle it");
    }

    static Stream<Long> seeds() {
        return Gen.seeds(200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theVerdictFollowsTheGates(long seed) {
        Gen g = new Gen(seed);
        double adoption = g.doubleIn(0, 1);
        int calls = g.intIn(0, 30_000);
        double latency = g.doubleIn(100, 2000);
        int verdict = g.intIn(0, 2);
        double breakEven = g.doubleIn(0, 20);
        Verdict v = Verdict.values()[verdict];
        RegressionReport r = v == Verdict.REGRESSION
                ? regression(v, -0.1, -0.05, -0.01, 0.86)
                : v == Verdict.PASS ? regression(v, 0.0, 0.02, 0.04, 0.86) : regression(v, -0.05, 0.0, 0.05, 0.86);
        Checkpoints cps =
                new Checkpoints("cp", List.of(cp("2026-01-05", calls, adoption, latency, 0.001, 4.0)), List.of());
        PilotJudgement j = new PilotJudge(SETTINGS).judge("x", cps, r, breakEven, "cost");
        List<PilotCondition> stopUnmet = new ArrayList<>(), scaleNotMet = new ArrayList<>();
        for (PilotCondition c : j.conditions()) {
            if (c.gate().equals("STOP") && Boolean.FALSE.equals(c.met())) stopUnmet.add(c);
            if (c.gate().equals("SCALE") && !Boolean.TRUE.equals(c.met())) scaleNotMet.add(c);
        }
        PilotVerdict expected = !stopUnmet.isEmpty()
                ? PilotVerdict.STOP
                : scaleNotMet.isEmpty() ? PilotVerdict.SCALE : PilotVerdict.IMPROVE;
        assertThat(j.verdict()).isEqualTo(expected);
        assertThat(new PilotJudge(SETTINGS).judge("x", cps, r, breakEven, "cost"))
                .as("deterministic")
                .isEqualTo(j);
        if (j.verdict() == PilotVerdict.SCALE) {
            assertThat(calls).isGreaterThanOrEqualTo(10_000);
            assertThat(latency).isLessThanOrEqualTo(800);
            assertThat(v).isEqualTo(Verdict.PASS);
        }
    }
}
