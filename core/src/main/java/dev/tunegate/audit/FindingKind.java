package dev.tunegate.audit;

/**
 * What a finding is about. {@link Severity#ERROR} kinds found while reading a row make the row
 * invalid (it is counted, never used); the others describe valid rows or groups of rows.
 */
public enum FindingKind {
    // --- format: the row cannot be used ---
    NOT_AN_OBJECT(Severity.ERROR, true, "the row is not a JSON object"),
    INVALID_JSON(Severity.ERROR, true, "the row is not valid JSON"),
    MISSING_MESSAGES(Severity.ERROR, true, "no \"messages\" (or \"conversations\") array"),
    MISSING_ROLE(Severity.ERROR, true, "a message has no role"),
    MISSING_CONTENT(Severity.ERROR, true, "a message or field has no text content"),
    UNKNOWN_ROLE(Severity.ERROR, true, "a message has a role outside system/user/assistant/tool"),
    NO_ASSISTANT_TURN(Severity.ERROR, true, "the conversation has no assistant turn to learn from"),
    INVALID_UTF8(Severity.ERROR, true, "the bytes are not valid UTF-8"),
    LINE_TOO_LONG(Severity.ERROR, true, "the line is longer than the line-length cap"),
    EMPTY_OUTPUT(Severity.ERROR, true, "the output (last assistant turn) is empty"),
    NULL_LABEL(Severity.ERROR, true, "the output is null"),
    TRUNCATED_FILE(Severity.ERROR, true, "the file ends in the middle of a compressed stream or a JSON value"),
    // --- format: the row is read, but something is off ---
    UNKNOWN_KEY(Severity.WARNING, true, "a key the format does not define"),
    UNFILLED_PLACEHOLDER(Severity.WARNING, false, "a template placeholder such as {{name}} was never filled"),
    INVALID_METADATA(
            Severity.WARNING, true, "a metadata value outside the known provenance/status values, or a bad weight"),
    // --- provenance and eras ---
    RETIRED_ERA(Severity.WARNING, false, "the row belongs to a retired policy era and is never used"),
    UNKNOWN_ERA(Severity.WARNING, false, "the row's era is neither current nor retired"),
    LLM_DRAFT_NOT_APPROVED(Severity.WARNING, false, "an LLM-drafted row no human has approved"),
    // --- content ---
    OVER_CONTEXT_LIMIT(Severity.WARNING, false, "the row has more tokens than the context limit"),
    PII(Severity.WARNING, false, "personal data (values masked)"),
    EXACT_DUPLICATE(Severity.WARNING, false, "rows with the same normalised input and output"),
    NEAR_DUPLICATE_CLUSTER(Severity.WARNING, false, "rows whose whole examples are near-duplicates"),
    CONFLICT(Severity.WARNING, false, "the same (or a near-duplicate) input with different outputs"),
    SCHEMA_VIOLATION(Severity.WARNING, false, "the output does not conform to the output schema"),
    OUTPUT_NOT_JSON(Severity.WARNING, false, "the output is not JSON while most outputs are"),
    SCHEMA_DRIFT(Severity.WARNING, false, "the output's JSON fields differ from the dominant field set"),
    LABEL_SEEN_ONCE(Severity.WARNING, false, "a label of classification-like data that appears in one row only"),
    GOLDEN_LEAK(Severity.WARNING, false, "a golden row whose input is an exact or near duplicate of a training input");

    /** Whether a finding makes its row unusable. */
    public enum Severity {
        ERROR,
        WARNING
    }

    private final Severity severity;
    private final boolean format;
    private final String description;

    FindingKind(Severity severity, boolean format, String description) {
        this.severity = severity;
        this.format = format;
        this.description = description;
    }

    public Severity severity() {
        return severity;
    }

    /** Whether the finding is a format problem (these count towards {@code --max-errors} when they are errors). */
    public boolean format() {
        return format;
    }

    public String description() {
        return description;
    }

    /** The snake_case key used in reports and findings files, e.g. {@code near_duplicate_cluster}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
