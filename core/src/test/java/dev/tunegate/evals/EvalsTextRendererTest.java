package dev.tunegate.evals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The text of an eval history says which class tops each iteration, and why when wrong labels are the bulk. */
class EvalsTextRendererTest {
    /** billing → account, technical → shipping (wrong labels), the others free text (outside the label set). */
    private static final IntFunction<String> MIXED = j -> switch (Runs.expected(j)) {
        case "billing" -> "account";
        case "technical" -> "shipping";
        default -> "I think it is shipping";
    };

    @Test
    void aTopClassIsShownWithItsShareBesideTheBaseClassesItIsCountedAmong() {
        // 200 items, item j passes when j < 161: the 39 failures are j = 161..199, expected label j mod 4.
        // j ≡ 0 billing→account: 164..196, 9 items; j ≡ 2 technical→shipping: 162..198, 10 items;
        // j ≡ 1 and j ≡ 3 free text: 20 items. By hand: LABEL_OUTSIDE_SET 20/39 = 51.28 %, WRONG_LABEL 19/39 =
        // 48.72 %, the largest pair 10/39 = 25.64 %. Wrong labels are the bulk but split in two pairs, so the top fine
        // class is LABEL_OUTSIDE_SET — the line must say both, not "LABEL_OUTSIDE_SET — WRONG_LABEL 49%, …".
        EvalsReport r = new EvalHistoryAnalysis(EvalSettings.defaults(), null)
                .analyze(List.of(Runs.labelled("v3", 0, 200, 161, MIXED)), List.of("h.jsonl"), new Findings());
        assertThat(EvalsTextRenderer.render(r))
                .contains("Top error class per iteration (a wrong label counts by its pair, expected→got):\n"
                        + "  v3: LABEL_OUTSIDE_SET 51.3% of 39 errors — by class: LABEL_OUTSIDE_SET 51.3%, WRONG_LABEL"
                        + " 48.7% (largest pair technical→shipping 25.6%)\n");
    }

    @Test
    void aShareJustBelowTheRecurringThresholdDoesNotReadAsReachingIt() {
        // 59 of 198 errors = 29.797…%: a whole percent showed "30%" beside "none … with 30% of errors"
        assertThat(EvalsTextRenderer.share(59 / 198.0)).isEqualTo("29.8%");
        assertThat(EvalsTextRenderer.threshold(0.3)).isEqualTo("30%");
        assertThat(EvalsTextRenderer.threshold(0.125)).isEqualTo("12.5%");
        EvalsReport r = new EvalHistoryAnalysis(EvalSettings.defaults(), null)
                .analyze(List.of(Runs.labelled("v3", 0, 200, 161, MIXED)), List.of("h.jsonl"), new Findings());
        assertThat(EvalsTextRenderer.render(r))
                .contains("Recurring error class: none (no class tops each of the last 3 iterations with 30% of"
                        + " errors)\n");
    }
}
