package dev.tunegate.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The exclusive write lock of a workspace: whoever changes a file tunegate owns in a workspace (records, logs,
 * manifests, dataset versions, adapters.lock, the review log, the ops backlog) holds it for the whole
 * read-modify-write. It is an OS lock ({@link FileChannel#lock()}) on {@code DIR/.tunegate/write.lock}, opened
 * without following symbolic links (a symlinked lock file or {@code .tunegate} folder is refused), plus a
 * per-workspace {@link ReentrantLock} for threads of one JVM. It is reentrant: a thread that holds it may take it
 * again ({@link AtomicFiles} takes it around every write inside a workspace, so callers that hold it for a
 * read-modify-write lose nothing). A second process waits until the first releases it; the OS releases it when
 * a process dies, so a killed run never leaves the workspace locked.
 *
 * <pre>{@code
 * try (WorkspaceWriteLock lock = WorkspaceWriteLock.acquire(workspaceDir)) {
 *     int next = folder.nextNumber();   // read …
 *     folder.write(next, …);            // … modify, write: nobody else numbers in between
 * }
 * }</pre>
 *
 * On the first acquisition in a JVM it removes orphan temp files ({@code .NAME.DIGITS.tmp}, left by a killed
 * writer) older than this JVM under the workspace's own folders; {@link #removedOrphans()} lists them.
 */
public final class WorkspaceWriteLock implements AutoCloseable {
    /** The lock file, relative to the workspace. */
    public static final String FILE = ".tunegate/write.lock";
    /** The file that marks a folder as a workspace. */
    static final String MARKER = "tunegate.yaml";
    /** Temp files {@link AtomicFiles} creates: {@code .NAME.DIGITS.tmp}. */
    static final Pattern TEMP = Pattern.compile("^\\..+\\.\\d+\\.tmp$");

    private static final Instant JVM_START = Instant.ofEpochMilli(ProcessHandle.current()
            .info()
            .startInstant()
            .map(Instant::toEpochMilli)
            .orElse(System.currentTimeMillis()));
    private static final Map<Path, Holder> HOLDERS = new ConcurrentHashMap<>();
    private static final Map<Path, List<Path>> SWEPT = new ConcurrentHashMap<>();

    private static final class Holder {
        final ReentrantLock jvm = new ReentrantLock();
        FileChannel channel;
        FileLock lock;
    }

    private final Path root;
    private final Holder holder;
    private boolean closed;

    private WorkspaceWriteLock(Path root, Holder holder) {
        this.root = root;
        this.holder = holder;
    }

    /**
     * Takes the workspace's write lock, waiting while another process or thread holds it.
     *
     * @param workspaceDir the workspace folder (the one holding tunegate.yaml)
     * @throws InvalidInputException when the lock file or its folder is a symbolic link or not a regular file
     * @throws WriteFailedException when the lock file cannot be created or locked
     */
    public static WorkspaceWriteLock acquire(Path workspaceDir) {
        return acquire(workspaceDir, true);
    }

    /**
     * Takes the workspace's write lock like {@link #acquire(Path)}, but removes no orphan temp file: for
     * {@code tunegate doctor}, which lists them itself (and, with {@code --dry-run}, must change nothing).
     */
    public static WorkspaceWriteLock acquireWithoutSweep(Path workspaceDir) {
        return acquire(workspaceDir, false);
    }

    private static WorkspaceWriteLock acquire(Path workspaceDir, boolean sweep) {
        Path root = key(workspaceDir);
        Holder h = HOLDERS.computeIfAbsent(root, r -> new Holder());
        h.jvm.lock();
        if (h.jvm.getHoldCount() == 1) {
            try {
                lockFile(root, h);
            } catch (RuntimeException e) {
                h.jvm.unlock();
                throw e;
            }
            if (sweep) SWEPT.computeIfAbsent(root, WorkspaceWriteLock::sweep);
        }
        return new WorkspaceWriteLock(root, h);
    }

    /** Whether the current thread holds the lock of {@code workspaceDir}. */
    public static boolean heldByCurrentThread(Path workspaceDir) {
        Holder h = HOLDERS.get(key(workspaceDir));
        return h != null && h.jvm.isHeldByCurrentThread();
    }

    /** The workspace a file belongs to: the nearest folder at or above {@code file}'s folder with a tunegate.yaml, or null. */
    public static Path workspaceOf(Path file) {
        Path dir = file.toAbsolutePath().normalize().getParent();
        for (int depth = 0; dir != null && depth < 8; dir = dir.getParent(), depth++) {
            if (Files.isRegularFile(dir.resolve(MARKER))) return dir;
        }
        return null;
    }

    private static Path key(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            return abs;
        }
    }

    private static void lockFile(Path root, Holder h) {
        Path file = root.resolve(FILE);
        Path folder = file.getParent();
        try {
            if (Files.isSymbolicLink(folder))
                throw new InvalidInputException(
                        folder + ": a symbolic link; tunegate refuses to lock through it (remove it)");
            Files.createDirectories(folder);
            if (Files.isSymbolicLink(file))
                throw new InvalidInputException(
                        file + ": a symbolic link; tunegate refuses to lock through it (remove it)");
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(file + ": expected a file, found a folder or device (remove it)");
            }
            FileChannel ch = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            try {
                h.lock = ch.lock();
                h.channel = ch;
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            if (Files.isSymbolicLink(file))
                throw new InvalidInputException(
                        file + ": a symbolic link; tunegate refuses to lock through it (remove it)");
            throw new WriteFailedException(file, "cannot lock " + file + ": " + WriteFailedException.reason(e), e);
        }
    }

    /** Removes temp files a killed writer left in the workspace's own folders (older than this JVM). */
    private static List<Path> sweep(Path root) {
        List<Path> removed = new ArrayList<>();
        for (Path p : orphanTemps(root, JVM_START)) {
            try {
                if (Files.deleteIfExists(p)) removed.add(p);
            } catch (IOException e) {
                // a temp file we cannot remove is reported by doctor; never fail a write for it
            }
        }
        return List.copyOf(removed);
    }

    /**
     * Temp files of {@link AtomicFiles} under {@code root} (its top level, decisions/, data/, .tunegate/ and the
     * folders below them, three levels deep) last modified before {@code olderThan}.
     */
    public static List<Path> orphanTemps(Path root, Instant olderThan) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root, 4)) {
            s.filter(p -> TEMP.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> modified(p).isBefore(olderThan))
                    .sorted()
                    .forEach(out::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            // an unreadable folder: nothing we can sweep there
        }
        return out;
    }

    private static Instant modified(Path p) {
        try {
            FileTime t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
            return t.toInstant();
        } catch (IOException e) {
            return Instant.MAX;
        }
    }

    /** Orphan temp files the first acquisition in this JVM removed from this workspace. */
    public List<Path> removedOrphans() {
        return SWEPT.getOrDefault(root, List.of());
    }

    /** The workspace folder. */
    public Path root() {
        return root;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            if (holder.jvm.getHoldCount() == 1 && holder.channel != null) {
                try {
                    holder.lock.release();
                    holder.channel.close();
                } catch (IOException e) {
                    // closing the channel releases the OS lock anyway; nothing to keep
                } finally {
                    holder.lock = null;
                    holder.channel = null;
                }
            }
        } finally {
            holder.jvm.unlock();
        }
    }
}
