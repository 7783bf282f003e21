package dev.tunegate.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One finding of the audit, as written to {@code --findings FILE.jsonl} (one per line).
 *
 * @param kind the snake_case kind ({@link FindingKind#key()})
 * @param severity {@code error} (the row is invalid) or {@code warning}
 * @param file the file the rows are in
 * @param line the 1-based line of the first row (0 when the finding is about a group not a line)
 * @param rows 0-based indexes of the rows in {@code file}
 * @param trainingRows for {@code golden_leak}: the training rows the golden row duplicates; else empty
 * @param message one line a person acts on; personal data in it is masked
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Finding(
        String kind,
        String severity,
        String file,
        long line,
        List<Integer> rows,
        List<Integer> trainingRows,
        String message) {
    public Finding {
        rows = List.copyOf(rows);
        trainingRows = trainingRows == null ? List.of() : List.copyOf(trainingRows);
    }

    /** A finding about one row. */
    public static Finding row(FindingKind kind, String file, long line, int row, String message) {
        return new Finding(
                kind.key(),
                kind.severity().name().toLowerCase(java.util.Locale.ROOT),
                file,
                line,
                List.of(row),
                List.of(),
                message);
    }

    /** A finding about a group of rows. */
    public static Finding group(FindingKind kind, String file, List<Integer> rows, String message) {
        return new Finding(
                kind.key(),
                kind.severity().name().toLowerCase(java.util.Locale.ROOT),
                file,
                0,
                rows,
                List.of(),
                message);
    }

    /** {@code file:line: message} (or {@code file: message}). */
    public String location() {
        return line > 0 ? file + ":" + line : file;
    }
}
