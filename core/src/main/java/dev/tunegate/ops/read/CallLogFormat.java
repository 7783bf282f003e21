package dev.tunegate.ops.read;

import dev.tunegate.io.InvalidInputException;
import java.util.Locale;

/** The layouts of a production call log. */
public enum CallLogFormat {
    /** Detect from the file name (.csv/.tsv) and the first line ({@code resourceSpans} means OTLP). */
    AUTO("auto"),
    /** tunegate's own call log: one JSON object a call (docs/formats/call-log.md). */
    JSONL("jsonl"),
    /** OpenTelemetry GenAI spans exported as OTLP JSON, one export request a line (the collector's file exporter). */
    OTLP("otlp"),
    /** CSV with a header; columns mapped to fields ({@code --column field=NAME}). */
    CSV("csv");

    private final String id;

    CallLogFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static CallLogFormat of(String s) {
        for (CallLogFormat f : values()) if (f.id.equals(s.toLowerCase(Locale.ROOT))) return f;
        throw new InvalidInputException("--log-format \"" + s + "\": expected one of auto, jsonl, otlp, csv");
    }
}
