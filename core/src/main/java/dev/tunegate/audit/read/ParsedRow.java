package dev.tunegate.audit.read;

import dev.tunegate.audit.FindingKind;
import java.util.List;

/**
 * A row after parsing.
 *
 * @param example the example, or null when the row could not be read at all
 * @param problems what is wrong with it (empty when nothing)
 */
public record ParsedRow(Example example, List<RowProblem> problems) {
    public ParsedRow {
        problems = List.copyOf(problems);
    }

    /** Whether the row is usable as an example: read, and without error-severity problems. */
    public boolean valid() {
        return example != null && problems.stream().noneMatch(p -> p.kind().severity() == FindingKind.Severity.ERROR);
    }

    public static ParsedRow failed(FindingKind kind, String message) {
        return new ParsedRow(null, List.of(new RowProblem(kind, message)));
    }
}
