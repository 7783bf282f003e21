package dev.tunegate.evals;

/**
 * What is wrong with a row of an eval file. Each kind says whether the row was kept or skipped. Its values are the
 * {@code kind} of the evals' findings in the JSON outputs (their names, unchanged); the audit's kinds are {@code
 * audit.FindingKind}.
 */
public enum EvalRowIssue {
    /** A line that is not valid JSON, or a CSV row with the wrong number of cells: skipped. */
    MALFORMED_ROW(false, "malformed row"),
    /** A summary row (e.g. {@code TOTAL_TRUE,,,311,}) that is not a prediction: skipped. */
    FOOTER_ROW(false, "footer or summary row, not a prediction"),
    /** A row without an item id, outcome, or expected value it needs: skipped. */
    MISSING_FIELD(false, "row without a required field"),
    /** An item already seen in the same run: the later row is skipped. */
    DUPLICATE_ITEM(false, "item repeated within a run (later rows skipped)"),
    /** A predicted label outside the label set: kept, counted as an error of class LABEL_OUTSIDE_SET. */
    LABEL_OUTSIDE_SET(true, "predicted label outside the label set (counted as an error)"),
    /**
     * An output outside the label set that equals a label but for case or punctuation
     * ({@code reverted_card_payment} for {@code reverted_card_payment?}): kept as the file scored it;
     * the label set or the grader may deserve a look.
     */
    NEAR_LABEL(
            true,
            "output equals a label but for case or punctuation (kept as scored; check the label set or the grader)"),
    /** Free text (several words, line breaks) in a label column: kept, counted as an error. */
    FREE_TEXT_LABEL(true, "free text in the label column (counted as an error)"),
    /** An expected label outside the configured label set: kept. */
    EXPECTED_OUTSIDE_SET(true, "expected label outside the configured label set"),
    /** The file's pass/fail column disagrees with comparing expected and output: the file's value is kept. */
    PASSED_DISAGREES(true, "pass/fail column disagrees with expected vs output (file's value kept)"),
    /** A value that could not be read (a non-numeric score, an unknown pass value): the field is ignored. */
    BAD_VALUE(true, "unreadable value (field ignored)"),
    /** Items present in one run only, in a paired comparison. */
    UNPAIRED_ITEM(true, "item present in one run only (not compared)");

    private final boolean kept;
    private final String description;

    EvalRowIssue(boolean kept, String description) {
        this.kept = kept;
        this.description = description;
    }

    /** Whether rows with this finding are still counted. */
    public boolean kept() {
        return kept;
    }

    public String description() {
        return description;
    }
}
