package dev.tunegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.evidence.Measure;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionEngineTest {
    private final Policy policy = Policy.standard();
    private final DecisionEngine engine = new DecisionEngine(policy, policy.thresholds(Map.of()));

    @Test
    void aPlateauOnStableLabelsWithEnoughReviewedPairsFineTunesWithLora() {
        Decision d = engine.decide(Evidences.fineTuneCase().set());
        assertThat(d.label()).isEqualTo("FINE_TUNE(LORA)");
        assertThat(d.deciding()).startsWith(RuleId.FT_PLATEAU, RuleId.FT_DATA, RuleId.FT_TASK);
        assertThat(d.reasons()).hasSize(3);
    }

    @Test
    void tooFewReviewedPairsCollectsDataAndTheCounterfactualSaysHowManyMore() {
        Decision d = engine.decide(Evidences.fineTuneCase().m(Measure.REVIEWED_PAIRS, 113).set());
        assertThat(d.kind()).isEqualTo(DecisionKind.COLLECT_DATA);
        // 200 − 113 = 87 more reviewed pairs flip FT-DATA and the decision
        assertThat(d.counterfactuals()).anySatisfy(c -> {
            assertThat(c.rule()).isEqualTo(RuleId.FT_DATA);
            assertThat(c.change()).contains("200 pairs instead of 113 pairs (+87)");
            assertThat(c.decision()).isEqualTo(DecisionKind.FINE_TUNE);
            assertThat(c.method()).isEqualTo(Method.LORA);
        });
    }

    @Test
    void weeklyFactsAndCitationsMeanRagAndAPlateauAddsHybrid() {
        Decision rag = engine.decide(Evidences.fineTuneCase().m(Measure.FACT_CHANGE_INTERVAL_DAYS, 7).m(Measure.REVIEWED_PAIRS, 50).set());
        assertThat(rag.kind()).isEqualTo(DecisionKind.USE_RAG);
        Decision hybrid = engine.decide(Evidences.fineTuneCase().m(Measure.FACT_CHANGE_INTERVAL_DAYS, 7).set());
        assertThat(hybrid.label()).isEqualTo("HYBRID(LORA)");
    }

    @Test
    void blockersComeFirstInLadderOrder() {
        assertThat(engine.decide(Evidences.fineTuneCase().m(Measure.ACL_LEAKS, 2).m(Measure.RECALL_AT_K, 0.5).set()).kind())
                .isEqualTo(DecisionKind.FIX_ACCESS_CONTROL);
        assertThat(engine.decide(Evidences.fineTuneCase().m(Measure.RECALL_AT_K, 0.5).set()).kind()).isEqualTo(DecisionKind.FIX_RETRIEVAL);
        assertThat(engine.decide(Evidences.fineTuneCase().m(Measure.DESCRIBABLE_AS_PAIRS, false).m(Measure.ACL_LEAKS, 2).set()).kind())
                .isEqualTo(DecisionKind.NOT_READY);
        assertThat(engine.decide(Evidences.fineTuneCase().m(Measure.FORMAT_ERROR_SHARE, 0.7).m(Measure.STRUCTURED_OUTPUT_CONFIGURED, false).set()).kind())
                .isEqualTo(DecisionKind.CONFIGURE_STRUCTURED_OUTPUT);
    }

    @Test
    void withoutAnyReasonToFineTuneTheAdviceIsToKeepPrompting() {
        Decision d = engine.decide(Evidences.fineTuneCase().m(Measure.ITERATIONS_WITHOUT_GAIN, 1).set());
        assertThat(d.kind()).isEqualTo(DecisionKind.IMPROVE_PROMPT);
        assertThat(d.counterfactuals()).anySatisfy(c -> assertThat(c.rule()).isEqualTo(RuleId.FT_PLATEAU));
    }

    @Test
    void anUnknownRuleThatCouldChangeTheDecisionNamesItsArtifact() {
        Decision d = engine.decide(Evidences.fineTuneCase().set());
        assertThat(d.unsettled()).anySatisfy(u -> {
            assertThat(u.rule()).isEqualTo(RuleId.FIX_RECALL);
            assertThat(u.settledBy()).contains("retrieval.corpus and retrieval.golden");
            assertThat(u.ifFired()).isEqualTo(DecisionKind.FIX_RETRIEVAL);
        });
    }

    @Test
    void theMethodFollowsPerimeterModelSizeAndStakes() {
        assertThat(engine.decide(Evidences.fineTuneCase().m(Measure.DATA_MAY_LEAVE_PERIMETER, true).set()).method()).isEqualTo(Method.PROVIDER_API);
        assertThat(engine.decide(Evidences.fineTuneCase().m(Measure.DATA_MAY_LEAVE_PERIMETER, true)
                .m(Measure.PROVIDER_FINE_TUNING_OFFERED, false).set()).method()).isEqualTo(Method.LORA);
        assertThat(engine.decide(Evidences.fineTuneCase().m(Measure.CANDIDATE_PARAMS_B, 70).set()).method()).isEqualTo(Method.QLORA);
        assertThat(engine.decide(Evidences.fineTuneCase().m(Measure.REVIEWED_PAIRS, 6000).m(Measure.COST_OF_FAILURE, "high").set()).method())
                .isEqualTo(Method.FULL);
    }
}
