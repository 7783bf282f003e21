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

    /**
     * A one-line reason a person acts on for an I/O error ("no space left on device", "permission denied", …): from
     * the exception's type and the operating system's reason, never only the path it names (the message of a
     * {@link java.nio.file.FileSystemException} is its file, which tells nothing of the cause).
     */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileSystemLoopException) return "too many levels of symbolic links";
        if (e instanceof java.nio.file.NoSuchFileException n)
            return n.getReason() != null ? words(n.getReason()) : "no such file or directory";
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file is already there";
        if (e instanceof java.nio.file.NotDirectoryException) return "not a folder";
        if (e instanceof java.nio.file.DirectoryNotEmptyException) return "a folder that is not empty is there";
        String m = e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                ? f.getReason()
                : e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        return words(m);
    }

    private static String words(String m) {
        if (m.contains("No space left on device")) return "no space left on device";
        if (m.contains("Disk quota exceeded")) return "disk quota exceeded";
        if (m.contains("Read-only file system")) return "read-only file system";
        if (m.contains("Permission denied")) return "permission denied";
        if (m.contains("No such file or directory")) return "no such file or directory";
        if (m.contains("Not a directory")) return "not a folder";
        return m.replace('\n', ' ');
    }
}
