package dev.tunegate.evals.read;

import java.util.Locale;

/** The format of an eval results file ({@code evals.format}). */
public enum EvalFormat {
    /** Chosen per file from its name and first bytes. */
    AUTO,
    /** tunegate's JSONL, one line per item per run ({@code docs/formats/eval-results.md}). */
    NATIVE,
    /** promptfoo's {@code promptfoo eval -o results.json}. */
    PROMPTFOO,
    /** CSV with a column mapping ({@code evals.columns}). */
    CSV;

    /** Parses a config value ({@code auto}, {@code native}, {@code promptfoo}, {@code csv}). */
    public static EvalFormat of(String value) {
        return value == null ? AUTO : valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
