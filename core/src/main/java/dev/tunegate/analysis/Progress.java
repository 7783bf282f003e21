package dev.tunegate.analysis;

/**
 * Progress of long work. The CLI draws a bar on stderr when it is a terminal; elsewhere it is silent.
 * Implementations must be thread-safe.
 */
public interface Progress {

    /** Starts a task; {@code total} in {@code unit}s, or -1 when unknown. */
    Task start(String label, long total, String unit);

    /** A task in progress. */
    interface Task extends AutoCloseable {
        /** Adds {@code units} done (and {@code bytes} read, for MB/s; 0 if not applicable). */
        void advance(long units, long bytes);

        @Override
        void close();
    }

    /** Reports nothing. */
    Progress SILENT = (label, total, unit) -> new Task() {
        @Override
        public void advance(long units, long bytes) {}

        @Override
        public void close() {}
    };
}
