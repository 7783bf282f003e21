package dev.tunegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.evidence.Measure;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every rule fires at its threshold and not just on the other side of it. */
class RuleThresholdTest {
    private final Policy policy = Policy.standard();
    private final DecisionEngine engine = new DecisionEngine(policy, policy.thresholds(Map.of()));

    private Verdict verdict(RuleId id, Evidences e) {
        return engine.verdicts(e.set()).get(id);
    }

    @Test
    void ftDataFiresAt200ReviewedPairsAndNotAt199() {
        assertThat(verdict(RuleId.FT_DATA, Evidences.of().m(Measure.REVIEWED_PAIRS, 200)))
                .isEqualTo(Verdict.FIRED);
        assertThat(verdict(RuleId.FT_DATA, Evidences.of().m(Measure.REVIEWED_PAIRS, 199)))
                .isEqualTo(Verdict.NOT_FIRED);
        assertThat(verdict(RuleId.FT_DATA, Evidences.of())).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void noDataFiresBelow200WithoutPipelineOnly() {
        assertThat(verdict(
                        RuleId.NO_DATA,
                        Evidences.of().m(Measure.REVIEWED_PAIRS, 199).m(Measure.LABELING_PIPELINE, false)))
                .isEqualTo(Verdict.FIRED);
        assertThat(verdict(
                        RuleId.NO_DATA,
                        Evidences.of().m(Measure.REVIEWED_PAIRS, 200).m(Measure.LABELING_PIPELINE, false)))
                .isEqualTo(Verdict.NOT_FIRED);
        assertThat(verdict(
                        RuleId.NO_DATA,
                        Evidences.of().m(Measure.REVIEWED_PAIRS, 10).m(Measure.LABELING_PIPELINE, true)))
                .isEqualTo(Verdict.NOT_FIRED);
    }

    @Test
    void aKnownFalsePartDecidesAnAndEvenWhenTheOtherPartIsUnknown() {
        // Kleene logic: a labeling pipeline in place means NO-DATA cannot fire, whatever the count
        assertThat(verdict(RuleId.NO_DATA, Evidences.of().m(Measure.LABELING_PIPELINE, true)))
                .isEqualTo(Verdict.NOT_FIRED);
        assertThat(verdict(RuleId.NO_DATA, Evidences.of().m(Measure.LABELING_PIPELINE, false)))
                .isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void ftPlateauNeedsThreeIterationsAndA30PercentRecurringClass() {
        assertThat(verdict(
                        RuleId.FT_PLATEAU,
                        Evidences.of().m(Measure.ITERATIONS_WITHOUT_GAIN, 3).m(Measure.RECURRING_ERROR_SHARE, 0.30)))
                .isEqualTo(Verdict.FIRED);
        assertThat(verdict(
                        RuleId.FT_PLATEAU,
                        Evidences.of().m(Measure.ITERATIONS_WITHOUT_GAIN, 2).m(Measure.RECURRING_ERROR_SHARE, 0.90)))
                .isEqualTo(Verdict.NOT_FIRED);
        assertThat(verdict(
                        RuleId.FT_PLATEAU,
                        Evidences.of().m(Measure.ITERATIONS_WITHOUT_GAIN, 5).m(Measure.RECURRING_ERROR_SHARE, 0.299)))
                .isEqualTo(Verdict.NOT_FIRED);
    }

    @Test
    void ftSchemaNeedsStructuredOutputsConformingAt95Percent() {
        assertThat(verdict(
                        RuleId.FT_SCHEMA,
                        Evidences.of().m(Measure.OUTPUTS_STRUCTURED, true).m(Measure.OUTPUT_SCHEMA_CONFORMANCE, 0.95)))
                .isEqualTo(Verdict.FIRED);
        assertThat(verdict(
                        RuleId.FT_SCHEMA,
                        Evidences.of().m(Measure.OUTPUTS_STRUCTURED, true).m(Measure.OUTPUT_SCHEMA_CONFORMANCE, 0.949)))
                .isEqualTo(Verdict.NOT_FIRED);
        assertThat(verdict(RuleId.FT_SCHEMA, Evidences.of().m(Measure.OUTPUTS_STRUCTURED, false)))
                .isEqualTo(Verdict.NOT_FIRED);
    }

    @Test
    void ftCostFiresWhenBreakEvenIsWithin13WeeksOnceThePromptStoppedImproving() {
        assertThat(verdict(
                        RuleId.FT_COST,
                        Evidences.of().m(Measure.BREAK_EVEN_WEEKS, 13).m(Measure.ITERATIONS_WITHOUT_GAIN, 3)))
                .isEqualTo(Verdict.FIRED);
        assertThat(verdict(
                        RuleId.FT_COST,
                        Evidences.of().m(Measure.BREAK_EVEN_WEEKS, 13.01).m(Measure.ITERATIONS_WITHOUT_GAIN, 3)))
                .isEqualTo(Verdict.NOT_FIRED);
        assertThat(verdict(RuleId.FT_COST, Evidences.of().m(Measure.BREAK_EVEN_WEEKS, Double.POSITIVE_INFINITY)))
                .isEqualTo(Verdict.NOT_FIRED);
        // prompting still improves: cost alone does not fire; without an eval history it is unknown
        assertThat(verdict(
                        RuleId.FT_COST,
                        Evidences.of().m(Measure.BREAK_EVEN_WEEKS, 6).m(Measure.ITERATIONS_WITHOUT_GAIN, 2)))
                .isEqualTo(Verdict.NOT_FIRED);
        assertThat(verdict(RuleId.FT_COST, Evidences.of().m(Measure.BREAK_EVEN_WEEKS, 6)))
                .isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void ftOnPremComparesTheNeededContextWithTheCandidateWindowOr8000() {
        assertThat(verdict(
                        RuleId.FT_ONPREM,
                        Evidences.of().m(Measure.ON_PREM_INFERENCE, true).m(Measure.REQUIRED_CONTEXT_TOKENS, 8001)))
                .isEqualTo(Verdict.FIRED);
        assertThat(verdict(
                        RuleId.FT_ONPREM,
                        Evidences.of().m(Measure.ON_PREM_INFERENCE, true).m(Measure.REQUIRED_CONTEXT_TOKENS, 8000)))
                .isEqualTo(Verdict.NOT_FIRED);
        assertThat(verdict(
                        RuleId.FT_ONPREM,
                        Evidences.of()
                                .m(Measure.ON_PREM_INFERENCE, true)
                                .m(Measure.REQUIRED_CONTEXT_TOKENS, 5000)
                                .m(Measure.CANDIDATE_CONTEXT_WINDOW, 4096)))
                .isEqualTo(Verdict.FIRED);
        assertThat(verdict(
                        RuleId.FT_ONPREM,
                        Evidences.of().m(Measure.ON_PREM_INFERENCE, false).m(Measure.REQUIRED_CONTEXT_TOKENS, 90000)))
                .isEqualTo(Verdict.NOT_APPLICABLE);
    }

    @Test
    void ftTaskNeedsAFineTunableTaskWithAtMost5PercentDisagreement() {
        assertThat(verdict(
                        RuleId.FT_TASK,
                        Evidences.of().m(Measure.TASK_TYPE, "extraction").m(Measure.LABEL_DISAGREEMENT_RATE, 0.05)))
                .isEqualTo(Verdict.FIRED);
        assertThat(verdict(
                        RuleId.FT_TASK,
                        Evidences.of().m(Measure.TASK_TYPE, "extraction").m(Measure.LABEL_DISAGREEMENT_RATE, 0.051)))
                .isEqualTo(Verdict.NOT_FIRED);
        assertThat(verdict(
                        RuleId.FT_TASK,
                        Evidences.of().m(Measure.TASK_TYPE, "generation").m(Measure.LABEL_DISAGREEMENT_RATE, 0.0)))
                .isEqualTo(Verdict.NOT_FIRED);
    }

    @Test
    void noFreshFiresWhenFactsChangeWeeklyOrFaster() {
        assertThat(verdict(RuleId.NO_FRESH, Evidences.of().m(Measure.FACT_CHANGE_INTERVAL_DAYS, 7)))
                .isEqualTo(Verdict.FIRED);
        assertThat(verdict(RuleId.NO_FRESH, Evidences.of().m(Measure.FACT_CHANGE_INTERVAL_DAYS, 7.5)))
                .isEqualTo(Verdict.NOT_FIRED);
    }

    @Test
    void noCiteNoPairsAndNoStructFollowTheirInputs() {
        assertThat(verdict(RuleId.NO_CITE, Evidences.of().m(Measure.CITATIONS_REQUIRED, true)))
                .isEqualTo(Verdict.FIRED);
        assertThat(verdict(RuleId.NO_CITE, Evidences.of().m(Measure.CITATIONS_REQUIRED, false)))
                .isEqualTo(Verdict.NOT_FIRED);
        assertThat(verdict(RuleId.NO_PAIRS, Evidences.of().m(Measure.DESCRIBABLE_AS_PAIRS, false)))
                .isEqualTo(Verdict.FIRED);
        assertThat(verdict(RuleId.NO_PAIRS, Evidences.of().m(Measure.DESCRIBABLE_AS_PAIRS, true)))
                .isEqualTo(Verdict.NOT_FIRED);
        assertThat(verdict(
                        RuleId.NO_STRUCT,
                        Evidences.of()
                                .m(Measure.FORMAT_ERROR_SHARE, 0.5)
                                .m(Measure.STRUCTURED_OUTPUT_CONFIGURED, false)))
                .isEqualTo(Verdict.FIRED);
        assertThat(verdict(
                        RuleId.NO_STRUCT,
                        Evidences.of()
                                .m(Measure.FORMAT_ERROR_SHARE, 0.499)
                                .m(Measure.STRUCTURED_OUTPUT_CONFIGURED, false)))
                .isEqualTo(Verdict.NOT_FIRED);
        assertThat(verdict(
                        RuleId.NO_STRUCT,
                        Evidences.of()
                                .m(Measure.FORMAT_ERROR_SHARE, 0.9)
                                .m(Measure.STRUCTURED_OUTPUT_CONFIGURED, true)))
                .isEqualTo(Verdict.NOT_FIRED);
    }

    @Test
    void fixRecallFiresBelow80PercentAndFixAclOnAnyUngroupedDocumentOrLeak() {
        assertThat(verdict(RuleId.FIX_RECALL, Evidences.of().m(Measure.RECALL_AT_K, 0.799)))
                .isEqualTo(Verdict.FIRED);
        assertThat(verdict(RuleId.FIX_RECALL, Evidences.of().m(Measure.RECALL_AT_K, 0.80)))
                .isEqualTo(Verdict.NOT_FIRED);
        assertThat(verdict(
                        RuleId.FIX_ACL,
                        Evidences.of().m(Measure.DOCS_WITHOUT_GROUPS, 1).m(Measure.ACL_LEAKS, 0)))
                .isEqualTo(Verdict.FIRED);
        assertThat(verdict(
                        RuleId.FIX_ACL,
                        Evidences.of().m(Measure.DOCS_WITHOUT_GROUPS, 0).m(Measure.ACL_LEAKS, 1)))
                .isEqualTo(Verdict.FIRED);
        assertThat(verdict(
                        RuleId.FIX_ACL,
                        Evidences.of().m(Measure.DOCS_WITHOUT_GROUPS, 0).m(Measure.ACL_LEAKS, 0)))
                .isEqualTo(Verdict.NOT_FIRED);
        assertThat(verdict(RuleId.FIX_ACL, Evidences.of().m(Measure.ACL_LEAKS, 3)))
                .isEqualTo(Verdict.FIRED);
    }

    @Test
    void anOverriddenThresholdMovesTheBoundary() {
        DecisionEngine strict =
                new DecisionEngine(policy, policy.thresholds(Map.of("FT-DATA.minReviewedPairs", 500.0)));
        assertThat(strict.verdicts(Evidences.of().m(Measure.REVIEWED_PAIRS, 499).set())
                        .get(RuleId.FT_DATA))
                .isEqualTo(Verdict.NOT_FIRED);
        assertThat(strict.verdicts(Evidences.of().m(Measure.REVIEWED_PAIRS, 500).set())
                        .get(RuleId.FT_DATA))
                .isEqualTo(Verdict.FIRED);
    }

    @Test
    void everyRuleOfTheSpecExistsWithItsSentenceAndThresholds() {
        assertThat(policy.rules()).extracting(Rule::id).containsExactlyInAnyOrder(RuleId.values());
        assertThat(policy.rules()).allSatisfy(r -> assertThat(r.sentence()).isNotBlank());
        assertThat(policy.thresholdDefinitions())
                .containsKeys(
                        "FT-DATA.minReviewedPairs",
                        "FT-PLATEAU.minIterations",
                        "FIX-RECALL.minRecall",
                        "NO-FRESH.maxChangeIntervalDays",
                        "FT-COST.maxBreakEvenWeeks");
    }
}
