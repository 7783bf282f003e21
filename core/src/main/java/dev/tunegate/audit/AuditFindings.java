package dev.tunegate.audit;

import dev.tunegate.evidence.Finding;
import java.util.List;
import java.util.Locale;

/**
 * The audit's {@link Finding}s: the kind's key and severity from {@link FindingKind} (public for the spark engine,
 * which must write the local audit's findings byte for byte).
 */
public final class AuditFindings {
    private AuditFindings() {}

    /** A finding about one row. */
    public static Finding row(FindingKind kind, String file, long line, int row, String message) {
        return new Finding(kind.key(), severity(kind), file, line, List.of(row), List.of(), message);
    }

    /** A finding about a group of rows (line 0). */
    public static Finding group(FindingKind kind, String file, List<Integer> rows, String message) {
        return new Finding(kind.key(), severity(kind), file, 0, rows, List.of(), message);
    }

    public static String severity(FindingKind kind) {
        return kind.severity().name().toLowerCase(Locale.ROOT);
    }
}
