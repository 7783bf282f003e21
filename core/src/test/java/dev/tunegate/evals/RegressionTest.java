package dev.tunegate.evals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegressionTest {

    /** A run over items 0..n-1 where item j passes when {@code pass[j]}; item ids may be offset. */
    private static EvalRun run(String name, boolean[] pass, int offset) {
        List<EvalRecord> recs = new ArrayList<>();
        for (int j = 0; j < pass.length; j++) {
            recs.add(new EvalRecord(
                    name,
                    null,
                    null,
                    "item-" + (j + offset),
                    pass[j],
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Map.of("era", j % 2 == 0 ? "2024" : "2025"),
                    name,
                    j + 1));
        }
        return new EvalRun(name, 0, recs);
    }

    /** n items: a both pass, b baseline only, c candidate only, d neither (in that order). */
    private static EvalRun[] table(int a, int b, int c, int d) {
        int n = a + b + c + d;
        boolean[] base = new boolean[n], cand = new boolean[n];
        for (int j = 0; j < n; j++) {
            base[j] = j < a + b;
            cand[j] = j < a || (j >= a + b && j < a + b + c);
        }
        return new EvalRun[] {run("baseline", base, 0), run("candidate", cand, 0)};
    }

    @Test
    void a_large_identical_rerun_passes_non_inferiority() {
        // a = 1500, d = 500 (n = 2000): φ* = (750000 − 1000)/750000 ≈ 0.99867, Wilson half-width for 0.75 at n = 2000
        // is ≈ 0.019, so the interval is about ±0.019·√(2·0.00133) ≈ ±0.001, above −0.01.
        EvalRun[] t = table(1500, 0, 0, 500);
        RegressionReport r = Regression.compare(t[0], t[1], 0.01);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.sharedItems()).isEqualTo(2000);
        assertThat(r.difference().estimate()).isZero();
        assertThat(r.difference().low()).isGreaterThan(-0.01);
        assertThat(r.mcnemarP()).isEqualTo(1.0);
        assertThat(r.improved()).isEmpty();
        assertThat(r.regressed()).isEmpty();
        assertThat(r.unchanged()).hasSize(2000);
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void a_significant_drop_is_a_regression_with_exit_code_one() {
        // Cavo 2012 table read as baseline-better: a = 59, b = 16 (baseline only), c = 6, d = 80.
        // Difference −10/161 = −0.0621 with the published interval [−0.1186, −0.0046]: below 0 → REGRESSION.
        // Exact McNemar on 16 vs 6: 2·P(Bin(22, 1/2) ≤ 6) = 0.052478 (scipy.stats.binomtest(6, 22).pvalue).
        EvalRun[] t = table(59, 16, 6, 80);
        RegressionReport r = Regression.compare(t[0], t[1], 0.01);
        assertThat(r.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(r.difference().estimate()).isCloseTo(-10.0 / 161, within(1e-12));
        assertThat(r.difference().high()).isCloseTo(-0.0046, within(5e-5));
        assertThat(r.difference().low()).isCloseTo(-0.1186, within(5e-5));
        assertThat(r.mcnemarP()).isCloseTo(0.052478, within(1e-6));
        assertThat(r.regressed()).hasSize(16);
        assertThat(r.improved()).hasSize(6);
        assertThat(r.baselineAccuracy().estimate()).isCloseTo(75.0 / 161, within(1e-12));
        assertThat(r.candidateAccuracy().estimate()).isCloseTo(65.0 / 161, within(1e-12));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void too_few_items_are_inconclusive_and_say_how_many_more_are_needed() {
        // 40 items, 2 discordant each way: difference 0, ψ = 0.1; planning n = 7.84888 · 0.1 / 0.0001 = 7849 → 7809
        // more.
        EvalRun[] t = table(20, 2, 2, 16);
        RegressionReport r = Regression.compare(t[0], t[1], 0.01);
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.sampleSize().requiredItems()).isEqualTo(7849);
        assertThat(r.sampleSize().additionalItems()).isEqualTo(7849 - 40);
        assertThat(r.reason()).contains("7809 more");
    }

    @Test
    void a_single_item_is_inconclusive() {
        EvalRun[] t = table(1, 0, 0, 0);
        RegressionReport r = Regression.compare(t[0], t[1], 0.01);
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.sharedItems()).isEqualTo(1);
    }

    @Test
    void all_discordant_against_the_candidate_is_a_regression() {
        EvalRun[] t = table(0, 12, 0, 0);
        RegressionReport r = Regression.compare(t[0], t[1], 0.01);
        assertThat(r.verdict()).isEqualTo(Verdict.REGRESSION);
        // 2 · 2^-12 = 0.00048828125
        assertThat(r.mcnemarP()).isCloseTo(2.0 / 4096, within(1e-15));
    }

    @Test
    void items_in_one_run_only_are_listed_not_compared_and_the_golden_set_restricts_the_comparison() {
        EvalRun base = run("b", new boolean[] {true, true, false}, 0); // items 0, 1, 2
        EvalRun cand = run("c", new boolean[] {false, true, true}, 1); // items 1, 2, 3
        RegressionReport r = Regression.compare(base, cand, 0.01, ErrorClassifierFixture.none(), null, List.of());
        assertThat(r.sharedItems()).isEqualTo(2);
        assertThat(r.baselineOnly()).containsExactly("item-0");
        assertThat(r.candidateOnly()).containsExactly("item-3");
        assertThat(r.regressed()).containsExactly("item-1");
        assertThat(r.improved()).containsExactly("item-2");

        RegressionReport g = Regression.compare(
                base, cand, 0.01, ErrorClassifierFixture.none(), Set.of("item-2", "item-9"), List.of());
        assertThat(g.sharedItems()).isEqualTo(1);
        assertThat(g.missingFromBoth()).containsExactly("item-9");
        assertThat(g.baselineOnly()).isEmpty();
    }

    @Test
    void slices_and_error_classes_are_broken_down() {
        EvalRun[] t = table(10, 4, 2, 4);
        RegressionReport r = Regression.compare(t[0], t[1], 0.01);
        assertThat(r.bySlice()).extracting(RegressionReport.Slice::value).containsExactly("2024", "2025");
        assertThat(r.bySlice().stream().mapToInt(RegressionReport.Slice::items).sum())
                .isEqualTo(20);
        // Baseline fails c + d = 6 items, candidate fails b + d = 8; no outputs recorded → OTHER.
        assertThat(r.byErrorClass()).containsEntry("OTHER", new RegressionReport.ClassCounts(6, 8));
    }

    @Test
    void the_json_has_the_contract_fields() {
        EvalRun[] t = table(30, 1, 3, 6);
        JsonNode json = new ObjectMapper().valueToTree(Regression.compare(t[0], t[1], 0.01));
        for (String f : List.of(
                "verdict",
                "sharedItems",
                "improved",
                "regressed",
                "baselineAccuracy",
                "candidateAccuracy",
                "difference",
                "mcnemarP")) {
            assertThat(json.has(f)).as(f).isTrue();
        }
        assertThat(json.get("difference").has("low")).isTrue();
        assertThat(json.get("difference").has("high")).isTrue();
        assertThat(json.get("improved").isArray()).isTrue();
    }

    @Test
    void duplicated_items_within_a_run_are_reported_and_the_first_row_kept() {
        Findings findings = new Findings();
        List<EvalRecord> recs = List.of(
                new EvalRecord(
                        "r", null, null, "x", true, null, null, null, null, null, null, null, null, null, "f.jsonl", 1),
                new EvalRecord(
                        "r", null, null, "x", false, null, null, null, null, null, null, null, null, null, "f.jsonl",
                        2));
        List<EvalRun> runs = EvalRuns.group(recs, findings);
        assertThat(runs.get(0).records()).hasSize(1);
        assertThat(runs.get(0).records().get(0).passed()).isTrue();
        assertThat(findings.snapshot()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(EvalRowIssue.DUPLICATE_ITEM.name());
            assertThat(f.lines()).containsExactly(2L);
        });
    }

    /** Runs with no item in common compare nothing: the text says so instead of showing 0 % and ±100 points. */
    @Test
    void runsWithoutASharedItemAreNotShownAsMeasured() {
        // passFail names items item-0, item-1…: rename the candidate's so that none is shared
        EvalRun shifted = new EvalRun(
                "cand",
                1,
                Runs.passFail("cand", 1, true).records().stream()
                        .map(x -> new EvalRecord(
                                x.run(),
                                x.iteration(),
                                x.timestamp(),
                                "other-" + x.item(),
                                x.passed(),
                                x.score(),
                                x.expected(),
                                x.output(),
                                x.errorClass(),
                                x.finishReason(),
                                x.latencyMs(),
                                x.tokens(),
                                x.costUsd(),
                                x.tags(),
                                x.file(),
                                x.line()))
                        .toList());
        RegressionReport r = Regression.compare(Runs.passFail("base", 0, true, false), shifted, 0.01);
        assertThat(r.sharedItems()).isZero();
        String text = RegressionRenderer.text(r);
        assertThat(text)
                .contains("baseline  and candidate: not measured (no shared item)")
                .doesNotContain("0.0% [0.0, 100.0]")
                .doesNotContain("difference +0.0 points");
        assertThat(RegressionRenderer.markdown(r))
                .contains("Accuracy and difference: not measured (no shared item).")
                .doesNotContain("| baseline | 0.0%");
    }

    @Test
    void eachRowsOwnProblemIsReportedAndTheSameFileAsBothRunsListsItsLinesOnce(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("em.jsonl");
        java.nio.file.Files.writeString(f, """
                {"item":"a","passed":true}
                {"passed":true}
                {"item":"c"}
                {"item":"d","passed":false}
                """);
        RegressionReport r = Regression.compareFiles(f, f, null, 0.01, EvalSettings.defaults(), null, null);
        // line 2 lacks its item, line 3 its outcome: two problems, each with its own line, each line once
        assertThat(r.findings())
                .extracting(x -> x.kind() + "@" + x.lines() + ": " + x.message())
                .containsExactly(
                        "MISSING_FIELD@[2]: row without a required field: field \"item\": expected a string or"
                                + " number, found nothing (the row's fields: passed)",
                        "MISSING_FIELD@[3]: row without a required field: item \"c\": expected \"passed\","
                                + " \"score\", or both \"expected\" and \"output\", found none");
        assertThat(r.findings()).allSatisfy(x -> assertThat(x.count()).isEqualTo(1));
    }

    @Test
    void regressReportsTheLabelFindingsEvalsReportsOnTheSameFiles(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path base = dir.resolve("base.jsonl"), cand = dir.resolve("cand.jsonl");
        StringBuilder b = new StringBuilder(), c = new StringBuilder();
        String[] outputs = {
            "billing",
            "account",
            "Billing",
            "account",
            "I think it is billing or account",
            "account",
            "refunds",
            "account"
        };
        for (int i = 0; i < 8; i++) {
            String expected = i % 2 == 0 ? "billing" : "account";
            b.append("{\"item\":\"i%d\",\"expected\":\"%s\",\"output\":\"%s\"}\n".formatted(i, expected, expected));
            c.append("{\"item\":\"i%d\",\"expected\":\"%s\",\"output\":\"%s\"}\n".formatted(i, expected, outputs[i]));
        }
        java.nio.file.Files.writeString(base, b);
        java.nio.file.Files.writeString(cand, c);
        // the label set {account, billing} is inferred from the 16 expected values; the candidate's line 3 answers
        // "Billing" (outside the set, a near label), line 5 free text, line 7 "refunds" (outside the set)
        RegressionReport r = Regression.compareFiles(base, cand, null, 0.01, EvalSettings.defaults(), null, null);
        List<String> regress =
                r.findings().stream().map(x -> x.kind() + "@" + x.lines()).toList();
        assertThat(regress)
                .containsExactlyInAnyOrder("LABEL_OUTSIDE_SET@[3, 7]", "NEAR_LABEL@[3]", "FREE_TEXT_LABEL@[5]");
        // the same as evals says of the candidate's file
        Findings evals = new Findings();
        new EvalHistoryAnalysis(EvalSettings.defaults(), null)
                .analyze(
                        EvalRuns.load(
                                List.of(base, cand), java.nio.file.Path::toString, EvalSettings.defaults(), evals),
                        List.of(),
                        evals);
        assertThat(evals.snapshot().stream()
                        .map(x -> x.kind() + "@" + x.lines())
                        .toList())
                .containsExactlyInAnyOrderElementsOf(regress);
    }
}
