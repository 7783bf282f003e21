package dev.tunegate.dataops.review;

import dev.tunegate.io.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An exclusive lock on a workspace activity (the review session): an OS file lock
 * ({@link FileChannel#tryLock()}) on {@code DIR/.tunegate/review.lock}, which holds who took it. The OS
 * releases the lock when the process dies, so a lock file left behind by a killed session is stale and is
 * simply taken over (its holder is reported); a lock held by a live process refuses the second session
 * with a message naming the holder.
 */
public final class WorkspaceLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;
    private final String takenOver;

    private WorkspaceLock(FileChannel channel, FileLock lock, String takenOver) {
        this.channel = channel;
        this.lock = lock;
        this.takenOver = takenOver;
    }

    /**
     * Takes the lock or throws.
     *
     * @param file the lock file
     * @param what the activity, for messages ("review")
     * @param holder who takes it (e.g. the reviewer's name)
     * @throws InvalidInputException when another live session holds it
     */
    public static WorkspaceLock acquire(Path file, String what, String holder) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.isSymbolicLink(file)
                    || Files.isSymbolicLink(file.toAbsolutePath().getParent())) {
                throw new InvalidInputException(
                        file + ": a symbolic link; tunegate refuses to lock (and truncate) through it (remove it)");
            }
            FileChannel ch = FileChannel.open(
                    file,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // held by this very process (another session in the same JVM)
            }
            String previous = read(ch);
            if (l == null) {
                ch.close();
                throw new InvalidInputException(file + ": another " + what + " is running on this workspace"
                        + (previous.isBlank() ? "" : " (" + previous.strip() + ")")
                        + "; wait for it to finish (or quit it) and try again");
            }
            ch.truncate(0);
            ch.write(
                    ByteBuffer.wrap(
                            ("pid " + ProcessHandle.current().pid() + ", " + holder + ", since " + Instant.now() + "\n")
                                    .getBytes(StandardCharsets.UTF_8)),
                    0);
            ch.force(true);
            return new WorkspaceLock(ch, l, previous.isBlank() ? null : previous.strip());
        } catch (IOException e) {
            if (Files.isSymbolicLink(file))
                throw new InvalidInputException(
                        file + ": a symbolic link; tunegate refuses to lock (and truncate) through it (remove it)");
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(FileChannel ch) throws IOException {
        long size = Math.min(ch.size(), 4096);
        ByteBuffer b = ByteBuffer.allocate((int) size);
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    /** The holder of a stale lock this one took over (a session that was killed), or null. */
    public String takenOver() {
        return takenOver;
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock: " + e.getMessage(), e);
        }
    }
}
