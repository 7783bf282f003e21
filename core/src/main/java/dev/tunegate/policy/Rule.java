package dev.tunegate.policy;

import java.util.List;

/**
 * A rule of docs/RULES.md, as data.
 *
 * @param id its rule id
 * @param side whether it argues for fine-tuning, against it, or is a blocker to fix first
 * @param title one line
 * @param sentence the sentence of the article it comes from
 * @param condition when it fires
 * @param thresholds its overridable thresholds
 * @param subject when the rule applies at all (null: always); when it is known to be false the rule is NOT_APPLICABLE
 */
public record Rule(
        RuleId id,
        Side side,
        String title,
        String sentence,
        Condition condition,
        List<Threshold> thresholds,
        Condition subject) {
    public Rule {
        thresholds = List.copyOf(thresholds);
    }

    public Rule(RuleId id, Side side, String title, String sentence, Condition condition, List<Threshold> thresholds) {
        this(id, side, title, sentence, condition, thresholds, null);
    }

    /** Which way a fired rule pushes the decision. */
    public enum Side {
        FOR_FINE_TUNING,
        AGAINST_FINE_TUNING,
        FIX_FIRST
    }
}
