package dev.tunegate.policy;

import dev.tunegate.evidence.Measure;

/**
 * A named, overridable threshold of a rule.
 *
 * @param name {@code RULE.param}, the key under {@code policy.thresholds}
 * @param defaultValue the seed's default
 * @param measure the measure it is compared with (for units and display)
 * @param doc what it means
 */
public record Threshold(String name, double defaultValue, Measure measure, String doc) {}
