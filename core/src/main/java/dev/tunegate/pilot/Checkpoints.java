package dev.tunegate.pilot;

import dev.tunegate.evidence.Finding;
import java.util.List;

/**
 * The usable checkpoints of a file, oldest first, and the rows that were not usable.
 *
 * @param file the file, relative to the workspace
 * @param rows the usable checkpoints sorted by date (one per date)
 * @param findings rows skipped, with file and line
 * @param sha256 the file's SHA-256, hashed while it was read (the pilot record names the file with it); null when
 *     the checkpoints were not read from a file
 */
public record Checkpoints(String file, List<Checkpoint> rows, List<Finding> findings, String sha256) {
    public Checkpoints {
        rows = List.copyOf(rows);
        findings = List.copyOf(findings);
    }

    /** Checkpoints not read from a file (tests, and checkpoints judged as given). */
    public Checkpoints(String file, List<Checkpoint> rows, List<Finding> findings) {
        this(file, rows, findings, null);
    }

    /** Calls summed over every checkpoint. */
    public long totalCalls() {
        return rows.stream().mapToLong(Checkpoint::calls).sum();
    }

    /** The latest checkpoint, or null when there is none. */
    public Checkpoint latest() {
        return rows.isEmpty() ? null : rows.get(rows.size() - 1);
    }
}
