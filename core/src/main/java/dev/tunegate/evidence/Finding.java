package dev.tunegate.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One finding about an input: a row, a group of rows or a whole file that an evidence producer (the
 * audit, the evals, retrieval) read past. The one shape the report, the JSON outputs, the web workspace
 * and the CLI read. Its JSON form is the audit's {@code --findings} JSONL line (a contract: {@code
 * kind}, {@code severity}, {@code file}, {@code line}, {@code rows}, {@code trainingRows}, {@code
 * message}); {@code lines} and {@code count} appear only on findings that group rows by line (evals), {@code
 * score} only on findings measured by a similarity (the semantic audit's cosine).
 *
 * @param kind a stable key of the producer's vocabulary: the audit's snake_case kinds ({@code
 *     near_duplicate_cluster}), the evals' and retrieval's upper-case codes ({@code MALFORMED_ROW},
 *     {@code DUPLICATE_ID}); docs/formats lists each
 * @param severity {@link #ERROR} (the row, document or question is not used) or {@link #WARNING} (it is
 *     used, or the finding is about a group)
 * @param file the file, as the producer shows it to a person
 * @param line the 1-based line (0 when the finding is about a group of rows or the whole file)
 * @param rows 0-based indexes of the rows of {@code file} it is about (empty when the producer knows lines only)
 * @param trainingRows related rows of another file: for the audit's {@code golden_leak} and the semantic audit's
 *     {@code semantic_leak}, the training rows the golden row duplicates or paraphrases; else empty
 * @param lines for a finding that groups rows by line (evals): the first lines that have it
 * @param count for a finding that groups rows (evals): how many rows have it; else null
 * @param score for a finding measured by a similarity: the measure (a {@code semantic_leak}'s cosine of the golden
 *     input to its nearest training input, rounded to 4 places); else null
 * @param message one line a person acts on; personal data in it is masked
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"kind", "severity", "file", "line", "rows", "trainingRows", "lines", "count", "score", "message"})
public record Finding(
        String kind,
        String severity,
        String file,
        long line,
        List<Integer> rows,
        List<Integer> trainingRows,
        List<Long> lines,
        Long count,
        Double score,
        String message) {
    /** The row, document or question is not used. */
    public static final String ERROR = "error";
    /** It is used (or repaired), or the finding describes a group. */
    public static final String WARNING = "warning";

    public Finding {
        rows = rows == null ? List.of() : List.copyOf(rows);
        trainingRows = trainingRows == null ? List.of() : List.copyOf(trainingRows);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** A finding without a score. */
    public Finding(
            String kind,
            String severity,
            String file,
            long line,
            List<Integer> rows,
            List<Integer> trainingRows,
            List<Long> lines,
            Long count,
            String message) {
        this(kind, severity, file, line, rows, trainingRows, lines, count, null, message);
    }

    /** A finding about rows (the audit's shape, as its {@code --findings} JSONL holds it). */
    public Finding(
            String kind,
            String severity,
            String file,
            long line,
            List<Integer> rows,
            List<Integer> trainingRows,
            String message) {
        this(kind, severity, file, line, rows, trainingRows, List.of(), null, message);
    }

    /** A finding at {@code file:line} whose item was not used (arguments in the order a person reads them). */
    public static Finding error(String file, long line, String kind, String message) {
        return new Finding(kind, ERROR, file, line, List.of(), List.of(), message);
    }

    /** A finding at {@code file:line} whose item was used or repaired. */
    public static Finding warning(String file, long line, String kind, String message) {
        return new Finding(kind, WARNING, file, line, List.of(), List.of(), message);
    }

    /** The same finding shown under another file name. */
    public Finding inFile(String shownAs) {
        return new Finding(kind, severity, shownAs, line, rows, trainingRows, lines, count, score, message);
    }

    /** {@code file:line} (or {@code file} when the finding has no line). */
    public String location() {
        return line > 0 ? file + ":" + line : file;
    }

    /**
     * The one-line form a person reads: {@code file:line: message}, and for a group of rows found by line
     * {@code (N rows: lines a, b, …)}.
     */
    public String display() {
        String more = count != null && count > 1 ? " (" + count + " rows: lines " + joinLines() + ")" : "";
        return location() + ": " + message + more;
    }

    private String joinLines() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) b.append(", ");
            b.append(lines.get(i));
        }
        if (count != null && count > lines.size()) b.append(", …");
        return b.toString();
    }
}
