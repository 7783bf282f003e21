package dev.tunegate.evals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelSetTest {

    @Test
    void repeated_short_expected_values_are_inferred_as_a_label_set_punctuation_included() {
        // Banking77's gold labels include "reverted_card_payment?" with its question mark.
        LabelSet s = LabelSet.infer(List.of(
                "card_arrival",
                "reverted_card_payment?",
                "card_arrival",
                "reverted_card_payment?",
                "age_limit",
                "age_limit"));
        assertThat(s.source()).isEqualTo("inferred");
        assertThat(s.labels()).containsExactly("age_limit", "card_arrival", "reverted_card_payment?");
        assertThat(s.contains(" card_arrival ")).isTrue();
    }

    @Test
    void near_matches_fold_case_and_punctuation() {
        assertThat(LabelSet.normalize("reverted_card_payment?")).isEqualTo(LabelSet.normalize("Reverted card-payment"));
    }

    @Test
    void free_text_or_json_or_values_that_never_repeat_are_not_a_label_set() {
        assertThat(LabelSet.infer(List.of(
                                "The policy allows it [§4.1].",
                                "No, it does not apply to contractors here.",
                                "The policy allows it [§4.1].",
                                "The policy allows it [§4.1]."))
                        .known())
                .isFalse();
        assertThat(LabelSet.infer(List.of("{\"q\":1}", "{\"q\":1}", "{\"q\":1}", "{\"q\":1}"))
                        .known())
                .isFalse();
        assertThat(LabelSet.infer(List.of("a", "b", "c", "d", "e")).known()).isFalse();
    }

    @Test
    void itsSizeIsSaidInTheSingularForOneLabel() {
        assertThat(LabelSet.configured(java.util.List.of("data/categories.json"))
                        .describe())
                .isEqualTo("1 configured label");
        assertThat(LabelSet.describe(6, "inferred")).isEqualTo("6 inferred labels");
    }
}
