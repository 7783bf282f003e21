package dev.tunegate.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * The only way tunegate writes files: a whole file atomically, or a line appended to a log. Nothing is rewritten
 * in place.
 *
 * <ul>
 *   <li>A whole file goes to a temp file in the same folder ({@code .NAME.DIGITS.tmp}, created with the user's
 *       umask like any file), is fsync'd, checked for its full size, then moved over the target atomically;
 *       readers see the old file or the new one, never half of it.</li>
 *   <li>A log line is appended through a channel opened without following symbolic links (a symlinked log is
 *       refused), fsync'd, and its size checked; a short or failed append is cut off again, so the log never
 *       keeps a torn line from us.</li>
 *   <li>A file inside a workspace (a folder with {@code tunegate.yaml} at or above it) is written under the
 *       workspace's {@link WorkspaceWriteLock} (reentrant: callers holding it for a read-modify-write keep it).</li>
 *   <li>A full disk, a short write, permission denied or a folder where the file should be is a
 *       {@link WriteFailedException} naming the file; the previous state is intact and the temp file removed.</li>
 * </ul>
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {}

    /** Writes {@code content} to {@code target} atomically: readers see the old file or the new one, never half. */
    public static void write(Path target, byte[] content) {
        write(target, out -> out.write(content), content.length);
    }

    public static void write(Path target, String content) {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes through a stream into a temp file, then renames it over {@code target}. */
    public static void write(Path target, StreamWriter writer) {
        write(target, writer, -1);
    }

    private static void write(Path target, StreamWriter writer, long expected) {
        Path ws = WorkspaceWriteLock.workspaceOf(target);
        if (ws == null) {
            writeUnlocked(target, writer, expected);
            return;
        }
        try (WorkspaceWriteLock lock = WorkspaceWriteLock.acquire(ws)) {
            writeUnlocked(target, writer, expected);
        }
    }

    private static void writeUnlocked(Path target, StreamWriter writer, long expected) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            createFolder(target, dir);
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new WriteFailedException(
                        target, "cannot write " + target + ": a folder is there, expected a file (move it away)", null);
            }
            tmp = newTemp(dir, target.getFileName().toString());
            long written;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                CountingStream out =
                        new CountingStream(new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16));
                writer.writeTo(out);
                out.flush();
                written = out.count;
                ch.force(true);
                long size = ch.size();
                if (size != written || (expected >= 0 && size != expected)) {
                    throw new IOException("short write: " + size + " of " + (expected >= 0 ? expected : written)
                            + " bytes reached the disk");
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceFolder(dir);
        } catch (WriteFailedException e) {
            throw e;
        } catch (IOException e) {
            throw new WriteFailedException(
                    target,
                    "cannot write " + target + ": " + WriteFailedException.reason(e)
                            + "; the previous state of the file is intact",
                    e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the sweep of the next run (or tunegate doctor) removes it
                }
            }
        }
    }

    /** Appends one line (a newline is added) to an append-only log and forces it to disk. */
    public static void appendLine(Path log, String line) {
        if (line.indexOf('\n') >= 0) throw new IllegalArgumentException("a log line must not contain a newline");
        Path ws = WorkspaceWriteLock.workspaceOf(log);
        if (ws == null) {
            appendUnlocked(log, line);
            return;
        }
        try (WorkspaceWriteLock lock = WorkspaceWriteLock.acquire(ws)) {
            appendUnlocked(log, line);
        }
    }

    private static void appendUnlocked(Path log, String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            createFolder(log, log.toAbsolutePath().getParent());
            if (Files.isSymbolicLink(log)) {
                throw new InvalidInputException(
                        log
                                + ": a symbolic link; tunegate appends only to a regular file it owns (replace the link with the file)");
            }
            if (Files.isDirectory(log, LinkOption.NOFOLLOW_LINKS)) {
                throw new WriteFailedException(
                        log, "cannot append to " + log + ": a folder is there, expected a file (move it away)", null);
            }
            try (FileChannel ch = FileChannel.open(
                    log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                long before = ch.size();
                try {
                    ch.position(before);
                    ByteBuffer b = ByteBuffer.wrap(bytes);
                    while (b.hasRemaining()) {
                        if (ch.write(b) <= 0)
                            throw new IOException("short write: " + b.position() + " of " + bytes.length + " bytes");
                    }
                    ch.force(true);
                    if (ch.size() != before + bytes.length) {
                        throw new IOException("short write: the log grew by " + (ch.size() - before) + " of "
                                + bytes.length + " bytes");
                    }
                } catch (IOException e) {
                    try {
                        ch.truncate(before); // never leave a torn line of ours behind
                        ch.force(true);
                    } catch (IOException ignored) {
                        // the reader drops a torn last line and doctor reports it
                    }
                    throw e;
                }
            }
        } catch (IOException e) {
            if (Files.isSymbolicLink(log)) {
                throw new InvalidInputException(
                        log
                                + ": a symbolic link; tunegate appends only to a regular file it owns (replace the link with the file)");
            }
            throw new WriteFailedException(
                    log,
                    "cannot append to " + log + ": " + WriteFailedException.reason(e) + "; the log is as it was before",
                    e);
        }
    }

    private static void createFolder(Path target, Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new WriteFailedException(
                    target, "cannot write " + target + ": " + dir + " is a file, expected a folder", null);
        }
        Files.createDirectories(dir);
    }

    /** A new temp file beside the target, created with the user's umask (not 0600 like {@code Files.createTempFile}). */
    private static Path newTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong()) + ".tmp");
            try {
                Files.newByteChannel(
                                tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)
                        .close();
                return tmp;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 10) throw e;
            }
        }
    }

    /** Makes the rename durable: fsync of the folder (where the platform allows opening one). */
    private static void forceFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform lets a folder be opened; the data itself is already on disk
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            flush(); // the channel is closed by write(), after fsync
        }
    }

    /** Writes content to an output stream; may throw I/O errors. */
    @FunctionalInterface
    public interface StreamWriter {
        void writeTo(OutputStream out) throws IOException;
    }
}
