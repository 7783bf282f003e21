package dev.tunegate.evals;

import java.util.List;

/**
 * Rows of one file with the same problem, grouped so a file with thousands of bad rows stays readable.
 *
 * @param file the file
 * @param kind the problem
 * @param count how many rows have it
 * @param lines the first lines that have it (at most {@link Findings#MAX_LINES})
 * @param example the message of the first such row
 */
public record Finding(String file, FindingKind kind, long count, List<Long> lines, String example) {
    public Finding {
        lines = List.copyOf(lines);
    }

    /** One line a person reads: {@code file:line: kind: example (and N more rows)}. */
    public String describe() {
        String where = lines.isEmpty() ? file : file + ":" + lines.get(0);
        String more = count > 1 ? " (" + count + " rows: lines " + joinLines() + ")" : "";
        return where + ": " + kind.description() + ": " + example + more;
    }

    private String joinLines() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) b.append(", ");
            b.append(lines.get(i));
        }
        if (count > lines.size()) b.append(", …");
        return b.toString();
    }
}
