package dev.tunegate.io;

import java.nio.file.Path;

/**
 * A user's input cannot be used. The message is one line a person acts on:
 * {@code file:line: field "x": expected …, found …}. The CLI maps it to exit code 3.
 */
public class InvalidInputException extends RuntimeException {
    private final String file;
    private final long line;

    public InvalidInputException(String message) {
        this(null, 0, message, null);
    }

    public InvalidInputException(String file, long line, String message) {
        this(file, line, message, null);
    }

    public InvalidInputException(String file, long line, String message, Throwable cause) {
        super(format(file, line, message), cause);
        this.file = file;
        this.line = line;
    }

    public static InvalidInputException at(Path file, long line, String message) {
        return new InvalidInputException(file == null ? null : file.toString(), line, message);
    }

    /** {@code field "f": expected E, found F} at a file and line. */
    public static InvalidInputException field(Path file, long line, String field, String expected, String found) {
        return at(file, line, "field \"" + field + "\": expected " + expected + ", found " + found);
    }

    private static String format(String file, long line, String message) {
        if (file == null) return message;
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }

    /** The file the problem is in, or null. */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when not known. */
    public long line() {
        return line;
    }
}
