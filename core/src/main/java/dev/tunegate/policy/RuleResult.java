package dev.tunegate.policy;

import java.util.List;

/**
 * A rule applied to a workspace's evidence: the record's rule table row.
 *
 * @param id the rule
 * @param side which way it pushes when fired
 * @param title one line
 * @param verdict fired / not fired / unknown
 * @param condition the condition with its thresholds, as text
 * @param thresholds each threshold's effective value
 * @param measured each measure it read (absent ones are listed under {@code settledBy})
 * @param sentence the article sentence behind it
 * @param settledBy for an unknown rule, the artifacts that would settle it
 */
public record RuleResult(
        RuleId id,
        Rule.Side side,
        String title,
        Verdict verdict,
        String condition,
        List<ThresholdValue> thresholds,
        List<MeasuredValue> measured,
        String sentence,
        List<String> settledBy) {
    public RuleResult {
        thresholds = List.copyOf(thresholds);
        measured = List.copyOf(measured);
        settledBy = List.copyOf(settledBy);
    }

    /** A threshold's effective value. */
    public record ThresholdValue(String name, double value, String display, boolean overridden) {}

    /** A measure's value as the rule saw it. */
    public record MeasuredValue(
            String measure, Object value, String display, String origin, String source, String detail) {}

    /** "reviewed pairs = 640 pairs; …" for tables. */
    public String measuredDisplay() {
        if (measured.isEmpty()) return "—";
        return String.join("; ", measured.stream().map(MeasuredValue::display).toList());
    }

    public String thresholdDisplay() {
        if (thresholds.isEmpty()) return "—";
        return String.join(
                "; ", thresholds.stream().map(ThresholdValue::display).toList());
    }
}
