package dev.tunegate.audit;

/**
 * One piece of personal data found in a row. The value is masked: a report never prints it whole.
 *
 * @param kind what it is
 * @param masked the value with most characters replaced by {@code *}
 */
public record PiiHit(PiiKind kind, String masked) {}
