package dev.tunegate.pilot;

import dev.tunegate.evidence.Finding;
import java.util.List;

/**
 * The usable checkpoints of a file, oldest first, and the rows that were not usable.
 *
 * @param file the file, relative to the workspace
 * @param rows the usable checkpoints sorted by date (one per date)
 * @param findings rows skipped, with file and line
 */
public record Checkpoints(String file, List<Checkpoint> rows, List<Finding> findings) {
    public Checkpoints {
        rows = List.copyOf(rows);
        findings = List.copyOf(findings);
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
