package dev.tunegate.pilot;

/**
 * One condition of the pilot verdict with its evidence.
 *
 * @param id stable id: {@code quality-non-inferior}, {@code quality-target}, {@code latency-p95}, {@code unit-cost},
 *           {@code volume}, {@code adoption}, {@code process-kpi}, {@code quality-not-worse}, {@code payback}
 * @param gate {@code SCALE} (every one must be met to scale) or {@code STOP} (one unmet stops the pilot)
 * @param title what it checks, in words
 * @param met true, false, or null when unknown or not applicable
 * @param measured the measured number the condition compares, or null when unknown
 * @param target the number it is compared with
 * @param comparison how: {@code >=}, {@code <=} or {@code >}
 * @param measuredText the measurement in words, with its interval where it has one; {@link #NOT_APPLICABLE} for a
 *           condition that does not judge this pilot (then {@code source} says why)
 * @param targetText the target in words
 * @param gap how far the measurement misses the target (positive = by how much it misses), null when met or unknown
 * @param gapText the miss in words, null when met
 * @param trend the trend across checkpoints, null for a condition not measured at checkpoints or with too few of them
 * @param trendText the trend in words, in the KPI's unit, or null
 * @param source where the measurement comes from (file, or the artifact that would settle it when unknown)
 */
public record PilotCondition(
        String id,
        String gate,
        String title,
        Boolean met,
        Double measured,
        Double target,
        String comparison,
        String measuredText,
        String targetText,
        Double gap,
        String gapText,
        Trend trend,
        String trendText,
        String source) {
    /** The {@code measuredText} of a condition that does not judge this pilot. */
    public static final String NOT_APPLICABLE = "n/a";

    /** Whether this condition does not judge this pilot ({@link #source()} says why). */
    public boolean notApplicable() {
        return met == null && NOT_APPLICABLE.equals(measuredText);
    }
}
