package dev.tunegate.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * tunegate could not write one of its own files (a full disk, a short write, permission denied, a folder where
 * the file should be). The message names the file; the previous state of that file is intact. The CLI maps it to
 * its own exit code (5, I/O failure), distinct from invalid input.
 */
public class WriteFailedException extends UncheckedIOException {
    private final transient Path file;

    public WriteFailedException(Path file, String message, IOException cause) {
        super(message, cause == null ? new IOException(message) : cause);
        this.file = file;
    }

    /** The file that could not be written. */
    public Path file() {
        return file;
    }

    /** A one-line reason a person acts on for an I/O error ("no space left on device", "permission denied", …). */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileSystemLoopException) return "too many levels of symbolic links";
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        if (m.contains("No space left on device")) return "no space left on device";
        if (m.contains("Disk quota exceeded")) return "disk quota exceeded";
        if (m.contains("Read-only file system")) return "read-only file system";
        if (m.contains("Permission denied")) return "permission denied";
        return m.replace('\n', ' ');
    }
}
