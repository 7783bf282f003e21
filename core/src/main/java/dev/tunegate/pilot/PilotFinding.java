package dev.tunegate.pilot;

/**
 * A checkpoint row that could not be used, or was used with a caveat; the run goes on.
 *
 * @param file the file, relative to the workspace
 * @param line its 1-based line
 * @param message what is wrong: {@code field "x": expected …, found …}
 */
public record PilotFinding(String file, long line, String message) {
    /** {@code file:line: message}. */
    public String describe() {
        return file + ":" + line + ": " + message;
    }
}
