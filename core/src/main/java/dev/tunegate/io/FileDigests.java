package dev.tunegate.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SHA-256 digests of one run's input files, each file read for it at most once: the composition root makes
 * one per run and every analyzer asks it instead of hashing a file again. A digest is kept under the file's
 * real path, size and modification time, so a file rewritten during the run is hashed anew. A reader that has
 * the bytes already (a prompt file read to count its tokens, the audit's streamed training file) hands the
 * digest in with {@link #remember}. Thread-safe.
 */
public final class FileDigests {
    private record Stamp(Path path, long size, long modified) {}

    private final ConcurrentHashMap<Stamp, String> memo = new ConcurrentHashMap<>();
    private final AtomicInteger hashed = new AtomicInteger();
    private final AtomicInteger asked = new AtomicInteger();

    /** The file's SHA-256 (lowercase hex), read only when this run has not hashed it yet. */
    public String sha256(Path file) {
        asked.incrementAndGet();
        Stamp s = stamp(file);
        if (s == null) return Digests.sha256(file); // unreadable: Digests says why
        return memo.computeIfAbsent(s, k -> {
            hashed.incrementAndGet();
            return Digests.sha256(file);
        });
    }

    /** Records the digest of {@code content}, the bytes just read from {@code file}; returns it. */
    public String remember(Path file, byte[] content) {
        String sha = Digests.sha256(content);
        remember(file, sha);
        return sha;
    }

    /** Records a digest computed elsewhere (e.g. while streaming the file). */
    public void remember(Path file, String sha256) {
        Stamp s = stamp(file);
        if (s != null && sha256 != null) memo.putIfAbsent(s, sha256);
    }

    /** How many files this run read in full to hash them (not counting digests handed in). */
    public int filesHashed() {
        return hashed.get();
    }

    /** How many digests were asked for (each one a full read of its file without the memo). */
    public int digestsAsked() {
        return asked.get();
    }

    private static Stamp stamp(Path file) {
        try {
            Path real = file.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            if (!a.isRegularFile()) return null;
            return new Stamp(real, a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }
}
