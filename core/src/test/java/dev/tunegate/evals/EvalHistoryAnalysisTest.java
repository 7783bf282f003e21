package dev.tunegate.evals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tunegate.evals.EvalsReport.Comparison;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class EvalHistoryAnalysisTest {

    /** Most failures confuse billing with account; the rest answer "technical" (a wrong label) or free text. */
    private static final IntFunction<String> MOSTLY_BILLING_AS_ACCOUNT =
            j -> Runs.expected(j).equals("billing")
                    ? "account"
                    : Runs.expected(j).equals("technical") ? "shipping" : "I think it is shipping";

    private static EvalsReport analyze(List<EvalRun> runs) {
        return new EvalHistoryAnalysis(EvalSettings.defaults(), null).analyze(runs, List.of("h.jsonl"), new Findings());
    }

    @Test
    void a_history_whose_last_three_iterations_gain_nothing_plateaus() {
        // 200 items; passes are nested (item j passes when j < k), so every discordant pair favours the
        // better run. k = 120, 150, 160, 161, 160, 161. Window 3: best earlier is iteration 2 (160);
        // deltas +0.5, 0, +0.5 points with 1, 0, 1 discordant pairs → McNemar p = 1, none above 1 point.
        // Window 4: best earlier is iteration 1 (150); iteration 2 gains 5 points (10 discordant, p = 2/1024).
        List<EvalRun> runs = List.of(
                Runs.labelled("v0", 0, 200, 120, MOSTLY_BILLING_AS_ACCOUNT),
                Runs.labelled("v1", 1, 200, 150, MOSTLY_BILLING_AS_ACCOUNT),
                Runs.labelled("v2", 2, 200, 160, MOSTLY_BILLING_AS_ACCOUNT),
                Runs.labelled("v3", 3, 200, 161, MOSTLY_BILLING_AS_ACCOUNT),
                Runs.labelled("v4", 4, 200, 160, MOSTLY_BILLING_AS_ACCOUNT),
                Runs.labelled("v5", 5, 200, 161, MOSTLY_BILLING_AS_ACCOUNT));
        EvalsReport r = analyze(runs);

        assertThat(r.plateau()).isTrue();
        assertThat(r.plateauEvidence().iterationsWithoutGain()).isEqualTo(3);
        List<Comparison> cmp = r.plateauEvidence().comparisons();
        assertThat(cmp).extracting(Comparison::bestEarlier).containsOnly("v2");
        assertThat(cmp).extracting(Comparison::iteration).containsExactly("v3", "v4", "v5");
        assertThat(cmp).extracting(Comparison::itemsCompared).containsOnly(200);
        assertThat(cmp.get(0).delta()).isCloseTo(0.005, within(1e-12));
        assertThat(cmp.get(0).pValue()).isEqualTo(1.0);
        assertThat(cmp).noneMatch(Comparison::gain);
        assertThat(r.iterations().get(5).accuracy()).isCloseTo(161 / 200.0, within(1e-12));
        assertThat(r.iterations().get(5).sharedWithPrevious()).isEqualTo(200);
        assertThat(r.labelSource()).isEqualTo("inferred");
    }

    @Test
    void the_confusion_that_tops_every_recent_iteration_is_the_recurring_error_class() {
        // Failures of v3 are items 161..199 (39 items); labels cycle billing, account, technical, shipping
        // from j mod 4. Items ≡ 0 (mod 4) are billing → account: j = 164..196 step 4 → 9 items, plus 161? 161 mod 4 =
        // 1.
        // Failing items by class: billing→account j ≡ 0: 164,168,...,196 = 9; account (j ≡ 1) → free text
        // "I think it is shipping" (LABEL_OUTSIDE_SET): 161,...,197 = 10; technical→shipping (j ≡ 2): 162..198 = 10;
        // shipping (j ≡ 3) → free text: 163..199 = 10. Free text is one class LABEL_OUTSIDE_SET with 20 errors,
        // so it tops with 20/39 = 0.513 in v3 (and similarly in v4, v5).
        List<EvalRun> runs = List.of(
                Runs.labelled("v0", 0, 200, 120, MOSTLY_BILLING_AS_ACCOUNT),
                Runs.labelled("v1", 1, 200, 150, MOSTLY_BILLING_AS_ACCOUNT),
                Runs.labelled("v2", 2, 200, 160, MOSTLY_BILLING_AS_ACCOUNT),
                Runs.labelled("v3", 3, 200, 161, MOSTLY_BILLING_AS_ACCOUNT),
                Runs.labelled("v4", 4, 200, 160, MOSTLY_BILLING_AS_ACCOUNT),
                Runs.labelled("v5", 5, 200, 161, MOSTLY_BILLING_AS_ACCOUNT));
        EvalsReport r = analyze(runs);
        assertThat(r.recurringErrorClass()).isNotNull();
        assertThat(r.recurringErrorClass().name()).isEqualTo("LABEL_OUTSIDE_SET");
        assertThat(r.recurringErrorClass().sharePerIteration().get(0)).isCloseTo(20 / 39.0, within(1e-12));
        assertThat(r.iterations().get(3).errorClasses()).containsKeys("LABEL_OUTSIDE_SET", "WRONG_LABEL");
        assertThat(r.iterations().get(3).errorClasses().get("WRONG_LABEL").count())
                .isEqualTo(19);
        assertThat(r.iterations().get(3).confusions())
                .extracting(EvalsReport.Confusion::expected)
                .contains("billing", "technical");
    }

    /** 100 items; 70 pass; failures: {@code billingAsAccount} billing→account, the rest split over three other pairs. */
    private static EvalRun confusions(String name, int order, int billingAsAccount) {
        java.util.List<EvalRecord> recs = new java.util.ArrayList<>();
        String[][] others = {{"account", "technical"}, {"technical", "shipping"}, {"shipping", "billing"}};
        for (int j = 0; j < 100; j++) {
            String exp, out;
            if (j < 70) {
                exp = Runs.expected(j);
                out = exp;
            } else if (j < 70 + billingAsAccount) {
                exp = "billing";
                out = "account";
            } else {
                String[] p = others[j % 3];
                exp = p[0];
                out = p[1];
            }
            recs.add(new EvalRecord(
                    name,
                    (long) order,
                    null,
                    "i" + j,
                    exp.equals(out),
                    null,
                    exp,
                    out,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    name,
                    j + 1));
        }
        return new EvalRun(name, order, recs);
    }

    @Test
    void a_wrong_label_pair_that_tops_every_recent_iteration_is_the_recurring_error_class() {
        // 30 errors per iteration; billing→account holds 15, 12 and 10 of them (shares 0.5, 0.4, 0.333);
        // the other 15, 18 and 20 errors split evenly over three pairs (≤ 7 each), so the pair is the unique top.
        EvalsReport r = analyze(List.of(confusions("a", 0, 15), confusions("b", 1, 12), confusions("c", 2, 10)));
        assertThat(r.recurringErrorClass()).isNotNull();
        assertThat(r.recurringErrorClass().name()).isEqualTo("WRONG_LABEL billing→account");
        assertThat(r.recurringErrorClass().share()).isCloseTo(10 / 30.0, within(1e-12));
        assertThat(r.recurringErrorClass().sharePerIteration()).containsExactly(0.5, 0.4, 10 / 30.0);
        assertThat(r.iterations().get(0).confusions().get(0))
                .isEqualTo(new EvalsReport.Confusion("billing", "account", 15, 0.5));
    }

    @Test
    void a_top_pair_below_the_recurring_share_does_not_recur() {
        // Last iteration with 9 billing→account errors of 30 (exactly 30 %, the others split 7/7/7): it recurs.
        // With 8 of 30 (26.7 %) the others split 8/7/7 and tie the top: no unique top, no recurrence.
        assertThat(analyze(List.of(confusions("a", 0, 15), confusions("b", 1, 12), confusions("c", 2, 9)))
                        .recurringErrorClass())
                .isNotNull();
        assertThat(analyze(List.of(confusions("a", 0, 15), confusions("b", 1, 12), confusions("c", 2, 8)))
                        .recurringErrorClass())
                .isNull();
    }

    @Test
    void a_still_improving_history_has_no_plateau() {
        List<EvalRun> runs = List.of(
                Runs.passFail("v0", 0, Runs.firstPass(200, 110)),
                Runs.passFail("v1", 1, Runs.firstPass(200, 130)),
                Runs.passFail("v2", 2, Runs.firstPass(200, 150)),
                Runs.passFail("v3", 3, Runs.firstPass(200, 170)));
        EvalsReport r = analyze(runs);
        assertThat(r.plateau()).isFalse();
        assertThat(r.plateauEvidence().iterationsWithoutGain()).isZero();
        // The window of 3 is compared with the best iteration before it, v0; v1 has 20 discordant pairs
        // all in its favour: McNemar p = 2 · 2^-20 = 1.9073e-6.
        Comparison first = r.plateauEvidence().comparisons().get(0);
        assertThat(first.bestEarlier()).isEqualTo("v0");
        assertThat(first.pValue()).isCloseTo(2.0 / (1 << 20), within(1e-12));
        assertThat(first.gain()).isTrue();
        assertThat(r.recurringErrorClass()).isNull();
    }

    @Test
    void a_non_significant_gain_above_the_minimum_effect_still_breaks_the_plateau() {
        // 50 items: 30 → 32 passes: +4 points (above 1 point) with 2 discordant pairs, p = 0.5.
        List<EvalRun> runs = List.of(
                Runs.passFail("v0", 0, Runs.firstPass(50, 30)),
                Runs.passFail("v1", 1, Runs.firstPass(50, 30)),
                Runs.passFail("v2", 2, Runs.firstPass(50, 30)),
                Runs.passFail("v3", 3, Runs.firstPass(50, 32)));
        EvalsReport r = analyze(runs);
        assertThat(r.plateauEvidence().iterationsWithoutGain()).isZero();
        assertThat(r.plateauEvidence().comparisons().get(2).pValue()).isEqualTo(0.5);
    }

    @Test
    void one_iteration_and_identical_iterations_are_handled() {
        EvalsReport one = analyze(List.of(Runs.passFail("only", 0, true)));
        assertThat(one.plateau()).isFalse();
        assertThat(one.plateauEvidence().iterationsWithoutGain()).isZero();
        assertThat(one.iterations().get(0).low()).isCloseTo(0.2065493, within(1e-6)); // 1/(1 + z²)

        boolean[] same = Runs.firstPass(40, 25);
        EvalsReport flat = analyze(List.of(
                Runs.passFail("a", 0, same),
                Runs.passFail("b", 1, same),
                Runs.passFail("c", 2, same),
                Runs.passFail("d", 3, same)));
        assertThat(flat.plateau()).isTrue();
        assertThat(flat.plateauEvidence().comparisons()).allSatisfy(c -> {
            assertThat(c.delta()).isZero();
            assertThat(c.pValue()).isEqualTo(1.0);
        });
    }

    @Test
    void format_errors_dominate_when_json_is_expected_and_outputs_are_not_json() {
        java.util.List<EvalRecord> recs = new java.util.ArrayList<>();
        for (int j = 0; j < 10; j++) {
            String expected = "{\"queue\":\"billing\",\"priority\":" + j + "}";
            String output = j < 4
                    ? expected
                    : j < 8
                            ? "queue: billing"
                            : j < 9
                                    ? "{\"queue\":\"billing\",\"prio"
                                    : "{\"queue\":\"account\",\"priority\":" + j + "}";
            recs.add(new EvalRecord(
                    "v1", 1L, null, "i" + j, j < 4, null, expected, output, null, null, null, null, null, null, "f",
                    j + 1));
        }
        EvalsReport r = analyze(List.of(new EvalRun("v1", 0, recs)));
        // 6 errors: 4 FORMAT (not JSON), 1 TRUNCATED (unclosed JSON), 1 WRONG_LABEL (valid JSON differing
        // from the expected object in the one label field "queue": billing→account).
        assertThat(r.iterations().get(0).errorClasses().get("FORMAT").count()).isEqualTo(4);
        assertThat(r.iterations().get(0).errorClasses().get("TRUNCATED").count())
                .isEqualTo(1);
        assertThat(r.iterations().get(0).errorClasses().get("WRONG_LABEL").count())
                .isEqualTo(1);
        assertThat(r.iterations().get(0).confusions())
                .extracting(EvalsReport.Confusion::got)
                .containsExactly("account");
        assertThat(r.formatErrorShare()).isCloseTo(4 / 6.0, within(1e-12));
        assertThat(r.formatDominant()).isTrue();
    }

    @Test
    void a_score_only_history_uses_the_bootstrap_and_the_permutation_test_with_the_seed() {
        double[] s0 = new double[30], s1 = new double[30];
        for (int j = 0; j < 30; j++) {
            s0[j] = 0.5;
            s1[j] = 0.5 + (j % 2 == 0 ? 0.004 : -0.002);
        }
        EvalsReport r = analyze(List.of(Runs.scored("a", 0, s0), Runs.scored("b", 1, s1)));
        assertThat(r.metric()).isEqualTo("score");
        assertThat(r.seed()).isEqualTo(42);
        assertThat(r.iterations().get(0).meanScore().method()).contains("seed 42");
        assertThat(r.iterations().get(0).accuracy()).isNull();
        Comparison c = r.plateauEvidence().comparisons().get(0);
        assertThat(c.delta()).isCloseTo(0.001, within(1e-12));
        assertThat(c.test()).contains("permutation");
        assertThat(c.gain()).isFalse();
        assertThat(r.plateauEvidence().iterationsWithoutGain()).isEqualTo(1);
    }

    @Test
    void outputs_outside_the_label_set_are_findings_and_near_matches_are_pointed_out() {
        // Labels configured; "reverted_card_payment" answers the gold "reverted_card_payment?" (scored wrong by the
        // file),
        // "Wait, let me reconsider…" is free text in the label column.
        java.util.List<EvalRecord> recs = java.util.List.of(
                new EvalRecord(
                        "v1",
                        1L,
                        null,
                        "a",
                        true,
                        null,
                        "age_limit",
                        "age_limit",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "p.csv",
                        2),
                new EvalRecord(
                        "v1",
                        1L,
                        null,
                        "b",
                        false,
                        null,
                        "reverted_card_payment?",
                        "reverted_card_payment",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "p.csv",
                        3),
                new EvalRecord(
                        "v1",
                        1L,
                        null,
                        "c",
                        false,
                        null,
                        "age_limit",
                        "transfer_fee_charged\n\nWait, let me reconsider.",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "p.csv",
                        4),
                new EvalRecord(
                        "v1",
                        1L,
                        null,
                        "d",
                        true,
                        null,
                        "card_arrival",
                        "age_limit",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "p.csv",
                        5));
        Findings findings = new Findings();
        EvalsReport r = new EvalHistoryAnalysis(
                        EvalSettings.defaults()
                                .withLabels(java.util.List.of("age_limit", "card_arrival", "reverted_card_payment?")),
                        null)
                .analyze(java.util.List.of(new EvalRun("v1", 0, recs)), java.util.List.of("p.csv"), findings);
        assertThat(r.findings())
                .extracting(f -> f.kind() + "@" + f.lines())
                .containsExactly(
                        "LABEL_OUTSIDE_SET@[3]", "NEAR_LABEL@[3]", "FREE_TEXT_LABEL@[4]", "PASSED_DISAGREES@[5]");
        assertThat(r.iterations().get(0).errorClasses().get("LABEL_OUTSIDE_SET").count())
                .isEqualTo(2);
    }
}
