package dev.tunegate.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What one run derives from an input file, derived once per run: the composition root makes one per run (beside its
 * {@link dev.tunegate.io.FileDigests}) and hands it to every analyzer in {@link AnalysisContext#memo()}. The package
 * that owns a derived value declares its {@link Key} (e.g. the review log's replay, {@code dataops.review}); a value
 * is kept under its key and the file's real path, size and modification time, so a file changed during the run is
 * read anew. Thread-safe; a value is computed by one thread while others asking for it wait.
 */
public final class RunMemo {

    /**
     * A kind of value derived from a file, declared once by its owner as a constant.
     *
     * @param <T> the value's type
     */
    public static final class Key<T> {
        private final String name;

        private Key(String name) {
            this.name = Objects.requireNonNull(name);
        }

        /** A new key (identity matters: two keys of one name are two keys). */
        public static <T> Key<T> of(String name) {
            return new Key<>(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private record Stamp(Key<?> key, Path path, long size, long modified) {}

    private final ConcurrentHashMap<Stamp, Object> values = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key<?>, AtomicInteger> computed = new ConcurrentHashMap<>();

    /** The value of {@code key} for {@code file}, computed by {@code compute} only when this run has not yet. */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key, Path file, Supplier<T> compute) {
        return (T) values.computeIfAbsent(stamp(key, file), s -> {
            computed.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return compute.get();
        });
    }

    /** How many times this run computed a value of {@code key} (reads of its file for it). */
    public int computed(Key<?> key) {
        AtomicInteger n = computed.get(key);
        return n == null ? 0 : n.get();
    }

    private static Stamp stamp(Key<?> key, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            Path real = abs.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            return new Stamp(key, real, a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException | RuntimeException e) {
            return new Stamp(key, abs, -1, -1); // missing or unreadable: the value says so, once
        }
    }
}
