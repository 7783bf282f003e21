package dev.tunegate.dataops.review;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Per-row review claims shared by every process reviewing a workspace (the terminal {@code review} and
 * {@code serve}): {@code DIR/.tunegate/claims.json} (tool-owned, written atomically), read and changed only
 * while holding an OS lock on {@code DIR/.tunegate/claims.lock} (and a lock of this JVM, since one JVM cannot
 * hold two OS locks on one file). A claim is a lease: it names the row, the reviewer, a random token and
 * when it expires; an expired claim may be taken by anyone. The OS releases the file lock when a process
 * dies, so a killed reviewer never blocks the others for longer than its lease.
 */
public final class RowClaims {
    /** The claims file, relative to the workspace. */
    public static final String FILE = ".tunegate/claims.json";
    /** The lock file guarding it, relative to the workspace. */
    public static final String LOCK = ".tunegate/claims.lock";

    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    /**
     * One lease.
     *
     * @param row the row's content digest
     * @param reviewer who holds it
     * @param token the secret the holder proves it with
     * @param expires when it lapses
     */
    public record Claim(String row, String reviewer, String token, String expires) {
        public boolean activeAt(Instant now) {
            return Instant.parse(expires).isAfter(now);
        }
    }

    private record Stored(int v, List<Claim> claims) {}

    private final Path file;
    private final Path lockFile;

    public RowClaims(Path workspaceRoot) {
        this(workspaceRoot, FILE, LOCK);
    }

    /** A claim store of its own (e.g. conflict groups): {@code file} and {@code lock} relative to the workspace. */
    public RowClaims(Path workspaceRoot, String file, String lock) {
        this.file = workspaceRoot.resolve(file).toAbsolutePath().normalize();
        this.lockFile = workspaceRoot.resolve(lock).toAbsolutePath().normalize();
    }

    /** The claims while locked, by row; what {@code change} returns is the result, and the map it leaves is written back when it changed. */
    public <T> T update(Function<Map<String, Claim>, T> change) {
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        jvm.lock();
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = ch.lock()) {
                Map<String, Claim> claims = read();
                Map<String, Claim> before = new LinkedHashMap<>(claims);
                T result = change.apply(claims);
                if (!before.equals(claims)) {
                    AtomicFiles.write(file, Json.pretty(new Stored(1, new ArrayList<>(claims.values()))));
                }
                return result;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        } finally {
            jvm.unlock();
        }
    }

    private Map<String, Claim> read() throws IOException {
        Map<String, Claim> out = new LinkedHashMap<>();
        if (!Files.exists(file)) return out;
        Stored s;
        try {
            s = Json.mapper().readValue(file.toFile(), new TypeReference<Stored>() {});
        } catch (IOException e) {
            return out; // a damaged lease file only loses leases, which expire anyway
        }
        if (s.claims() != null)
            for (Claim c : s.claims()) if (c != null && c.row() != null && c.expires() != null) out.put(c.row(), c);
        return out;
    }
}
