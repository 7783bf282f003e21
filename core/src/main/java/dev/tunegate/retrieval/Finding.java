package dev.tunegate.retrieval;

/**
 * A problem with one input row or file that the run went on past.
 *
 * @param file the file
 * @param line the 1-based line (0 when it concerns the whole file)
 * @param kind a stable code, e.g. {@code INVALID_FRONT_MATTER}, {@code DUPLICATE_ID}
 * @param message what is wrong and what was done about it
 */
public record Finding(String file, long line, String kind, String message) {

    /** {@code file:line: message}, as a person reads it. */
    public String display() {
        return (line > 0 ? file + ":" + line : file) + ": " + message;
    }
}
