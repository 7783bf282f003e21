package dev.tunegate.audit.neardup;

/** What a shingle is made of. */
public enum ShingleMode {
    /** Windows of consecutive case-folded {@code \w+} tokens (default 5). */
    WORDS,
    /** Windows of consecutive characters of the case-folded text (default 5). */
    CHARACTERS
}
