package dev.tunegate.audit.read;

import dev.tunegate.audit.FindingKind;

/**
 * A problem a parser found in one row.
 *
 * @param kind what it is
 * @param message one line: the field, what was expected and what was found
 */
public record RowProblem(FindingKind kind, String message) {}
