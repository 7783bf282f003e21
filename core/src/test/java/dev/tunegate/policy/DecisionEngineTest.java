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
        Decision d = engine.decide(
                Evidences.fineTuneCase().m(Measure.REVIEWED_PAIRS, 113).set());
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
        Decision rag = engine.decide(Evidences.fineTuneCase()
                .m(Measure.FACT_CHANGE_INTERVAL_DAYS, 7)
                .m(Measure.REVIEWED_PAIRS, 50)
                .set());
        assertThat(rag.kind()).isEqualTo(DecisionKind.USE_RAG);
        Decision hybrid = engine.decide(
                Evidences.fineTuneCase().m(Measure.FACT_CHANGE_INTERVAL_DAYS, 7).set());
        assertThat(hybrid.label()).isEqualTo("HYBRID(LORA)");
    }

    @Test
    void blockersComeFirstInLadderOrder() {
        assertThat(engine.decide(Evidences.fineTuneCase()
                                .m(Measure.ACL_LEAKS, 2)
                                .m(Measure.RECALL_AT_K, 0.5)
                                .set())
                        .kind())
                .isEqualTo(DecisionKind.FIX_ACCESS_CONTROL);
        assertThat(engine.decide(Evidences.fineTuneCase()
                                .m(Measure.RECALL_AT_K, 0.5)
                                .set())
                        .kind())
                .isEqualTo(DecisionKind.FIX_RETRIEVAL);
        assertThat(engine.decide(Evidences.fineTuneCase()
                                .m(Measure.DESCRIBABLE_AS_PAIRS, false)
                                .m(Measure.ACL_LEAKS, 2)
                                .set())
                        .kind())
                .isEqualTo(DecisionKind.NOT_READY);
        assertThat(engine.decide(Evidences.fineTuneCase()
                                .m(Measure.FORMAT_ERROR_SHARE, 0.7)
                                .m(Measure.STRUCTURED_OUTPUT_CONFIGURED, false)
                                .set())
                        .kind())
                .isEqualTo(DecisionKind.CONFIGURE_STRUCTURED_OUTPUT);
    }

    @Test
    void withoutAnyReasonToFineTuneTheAdviceIsToKeepPrompting() {
        Decision d = engine.decide(
                Evidences.fineTuneCase().m(Measure.ITERATIONS_WITHOUT_GAIN, 1).set());
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
        assertThat(engine.decide(Evidences.fineTuneCase()
                                .m(Measure.DATA_MAY_LEAVE_PERIMETER, true)
                                .set())
                        .method())
                .isEqualTo(Method.PROVIDER_API);
        assertThat(engine.decide(Evidences.fineTuneCase()
                                .m(Measure.DATA_MAY_LEAVE_PERIMETER, true)
                                .m(Measure.PROVIDER_FINE_TUNING_OFFERED, false)
                                .set())
                        .method())
                .isEqualTo(Method.LORA);
        assertThat(engine.decide(Evidences.fineTuneCase()
                                .m(Measure.CANDIDATE_PARAMS_B, 70)
                                .set())
                        .method())
                .isEqualTo(Method.QLORA);
        assertThat(engine.decide(Evidences.fineTuneCase()
                                .m(Measure.TRAINING_ITERATION, "rapid")
                                .set())
                        .method())
                .isEqualTo(Method.QLORA);
        assertThat(engine.decide(Evidences.fineTuneCase()
                                .m(Measure.REVIEWED_PAIRS, 6000)
                                .m(Measure.COST_OF_FAILURE, "high")
                                .set())
                        .method())
                .isEqualTo(Method.FULL);
    }

    @Test
    void costAloneNeverFineTunesWhilePromptingImproves() {
        Decision d = engine.decide(Evidences.fineTuneCase()
                .m(Measure.ITERATIONS_WITHOUT_GAIN, 0)
                .m(Measure.BREAK_EVEN_WEEKS, 6)
                .set());
        assertThat(d.kind()).isEqualTo(DecisionKind.IMPROVE_PROMPT);
        assertThat(d.rule(RuleId.FT_COST).verdict()).isEqualTo(Verdict.NOT_FIRED);
        assertThat(String.join(" ", d.reasons()))
                .contains("6 weeks (needs ≤ 13 weeks), but prompting still improves: 0 iterations");
    }

    @Test
    void withoutAnEvalHistoryCostNamesTheHistoryAsWhatSettlesIt() {
        Decision d = engine.decide(Evidences.fineTuneCase()
                .m(Measure.BREAK_EVEN_WEEKS, 6)
                .set()
                .without(Measure.ITERATIONS_WITHOUT_GAIN)
                .without(Measure.RECURRING_ERROR_SHARE));
        assertThat(d.kind()).isEqualTo(DecisionKind.IMPROVE_PROMPT);
        assertThat(d.unsettled()).anySatisfy(u -> {
            assertThat(u.rule()).isEqualTo(RuleId.FT_COST);
            assertThat(u.settledBy()).containsExactly("evals.history (eval runs of prompt iterations)");
            assertThat(u.ifFired()).isEqualTo(DecisionKind.FINE_TUNE);
        });
    }

    @Test
    void anUnmeasuredPaybackIsSaidToBeUnmeasuredWhilePromptingImproves() {
        Decision d = engine.decide(Evidences.fineTuneCase()
                .m(Measure.ITERATIONS_WITHOUT_GAIN, 0)
                .set()
                .without(Measure.BREAK_EVEN_WEEKS));
        assertThat(d.rule(RuleId.FT_COST).verdict()).isEqualTo(Verdict.NOT_FIRED);
        // it used to read "repay training in an unknown weeks until prompt savings repay training"
        assertThat(String.join(" ", d.reasons()))
                .contains("Whether shorter prompts would repay training is not measured, and prompting still improves: "
                        + "0 iterations without a significant gain (needs 3) (FT-COST)")
                .doesNotContain("an unknown");
    }

    @Test
    void hybridNeedsABehaviourReasonNotCost() {
        Decision d = engine.decide(Evidences.fineTuneCase()
                .m(Measure.FACT_CHANGE_INTERVAL_DAYS, 7)
                .m(Measure.RECURRING_ERROR_SHARE, 0.1)
                .m(Measure.BREAK_EVEN_WEEKS, 6)
                .set());
        assertThat(d.rule(RuleId.FT_COST).verdict()).isEqualTo(Verdict.FIRED);
        assertThat(d.label()).isEqualTo("USE_RAG");
    }

    @Test
    void conflictingLabelsCollectDataAndTheCounterfactualSaysHowManyGroupsToResolve() {
        Decision d = engine.decide(Evidences.fineTuneCase()
                .m(Measure.CONFLICT_ROW_SHARE, 0.3)
                .m(Measure.CONFLICT_GROUPS, 120)
                .m(Measure.CONFLICT_ROWS, 240)
                .m(Measure.CONFLICT_GROUPS_TO_RESOLVE, 100)
                .set());
        assertThat(d.kind()).isEqualTo(DecisionKind.COLLECT_DATA);
        assertThat(d.reasons().get(0)).contains("120 conflict groups, 240 rows");
        assertThat(d.counterfactuals()).anySatisfy(c -> {
            assertThat(c.rule()).isEqualTo(RuleId.FT_CONSISTENT);
            assertThat(c.change()).startsWith("you resolve 100 conflict groups of 120");
            // the groups are offered to reviewers side by side by the review command
            assertThat(c.change()).contains("tunegate review DIR --conflicts");
            assertThat(c.decision()).isEqualTo(DecisionKind.FINE_TUNE);
        });
    }

    @Test
    void aRuleWithoutItsSubjectIsNotApplicableAndNeverUnsettled() {
        Decision d = engine.decide(
                Evidences.fineTuneCase().m(Measure.RETRIEVAL_IN_USE, false).set());
        assertThat(d.rule(RuleId.FIX_ACL).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(d.rule(RuleId.FT_ONPREM).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(d.unsettled())
                .noneSatisfy(u -> assertThat(u.rule()).isIn(RuleId.FIX_ACL, RuleId.FIX_RECALL, RuleId.FT_ONPREM));
    }

    @Test
    void theMethodFollowsHardwareAndBudgetAndTheCounterfactualNamesTheMemoryThatChangesIt() {
        // LoRA needs 20 GB, QLoRA 7.6 GB; a 16 GB GPU holds only QLoRA
        Evidences e = Evidences.fineTuneCase()
                .m(Measure.LORA_PEAK_MEMORY_GB, 20.0)
                .m(Measure.QLORA_PEAK_MEMORY_GB, 7.6)
                .m(Measure.FULL_PEAK_MEMORY_GB, 142.0)
                .m(Measure.LORA_RUN_USD, 300.0)
                .m(Measure.QLORA_RUN_USD, 120.0)
                .m(Measure.FULL_RUN_USD, 900.0);
        Decision small = engine.decide(e.m(Measure.TRAINING_MEMORY_GB, 16).set());
        assertThat(small.method()).isEqualTo(Method.QLORA);
        assertThat(small.methodReason()).contains("LoRA needs 20.0 GB and the hardware has 16.0 GB");
        // 16 → 20 GB is the smallest change that brings LoRA back
        assertThat(small.counterfactuals()).anySatisfy(c -> {
            assertThat(c.rule()).isNull();
            assertThat(c.change()).isEqualTo("GPU memory the team can train on were 20 GB instead of 16 GB");
            assertThat(c.method()).isEqualTo(Method.LORA);
        });
        Decision budget = engine.decide(Evidences.fineTuneCase()
                .m(Measure.LORA_PEAK_MEMORY_GB, 20.0)
                .m(Measure.QLORA_PEAK_MEMORY_GB, 7.6)
                .m(Measure.LORA_RUN_USD, 300.0)
                .m(Measure.QLORA_RUN_USD, 120.0)
                .m(Measure.TRAINING_MEMORY_GB, 80)
                .m(Measure.MAX_BUDGET_USD, 200)
                .set());
        assertThat(budget.method()).isEqualTo(Method.QLORA);
        assertThat(budget.methodReason()).contains("costs $300.00 a run, over the $200.00 budget");
        assertThat(budget.methodOptions())
                .extracting(MethodOption::withinBudget)
                .containsExactly(null, false, true);
    }
}
