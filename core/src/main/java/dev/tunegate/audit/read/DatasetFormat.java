package dev.tunegate.audit.read;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats the audit reads; {@link #AUTO} detects one from the first rows. */
public enum DatasetFormat {
    AUTO("auto"),
    OPENAI_CHAT("openai-chat"),
    PROMPT_COMPLETION("prompt-completion"),
    ALPACA("alpaca"),
    SHAREGPT("sharegpt"),
    CSV("csv"),
    TSV("tsv");

    private final String id;

    DatasetFormat(String id) {
        this.id = id;
    }

    /** The id used in the config and on the command line. */
    public String id() {
        return id;
    }

    /** Whether rows are JSON objects (JSONL or a JSON array). */
    public boolean json() {
        return this != CSV && this != TSV && this != AUTO;
    }

    /** The format for an id, or an {@link IllegalArgumentException} naming the valid ids. */
    public static DatasetFormat of(String id) {
        String k = id.trim().toLowerCase(Locale.ROOT);
        for (DatasetFormat f : values()) if (f.id.equals(k)) return f;
        throw new IllegalArgumentException("unknown format \"" + id + "\": expected one of "
                + Arrays.stream(values()).map(DatasetFormat::id).collect(Collectors.joining(", ")));
    }
}
