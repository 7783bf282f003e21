package dev.tunegate.evals;

/**
 * The classes a failed item is put in when the user gave none, tried in this order: the first
 * that applies wins.
 */
public enum ErrorClass {
    /** An empty output, or only whitespace. */
    EMPTY,
    /** The model declined ("I can't help with that", "As an AI…"). */
    REFUSAL,
    /** Generation stopped at the token limit ({@code finishReason} {@code length}), or JSON output ends unclosed. */
    TRUNCATED,
    /** JSON was expected (the expected value is JSON, or an output schema is configured) and the output is not valid JSON or fails the schema. */
    FORMAT,
    /** A label set is known and the output is not in it. */
    LABEL_OUTSIDE_SET,
    /**
     * A label set is known and the output is another label, or a JSON output differs from the expected
     * object in one label field only; reported with its confusion pair (expected→got).
     */
    WRONG_LABEL,
    /** Anything else, including failures whose output was not recorded. */
    OTHER
}
