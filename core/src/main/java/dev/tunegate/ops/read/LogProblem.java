package dev.tunegate.ops.read;

/**
 * A line of a call log that could not be used: {@code file:line: field "x": expected …, found …}.
 * The run goes on; the weekly review lists these.
 */
public record LogProblem(String file, long line, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
