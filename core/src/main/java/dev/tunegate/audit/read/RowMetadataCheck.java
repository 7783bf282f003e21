package dev.tunegate.audit.read;

import dev.tunegate.audit.FindingKind;
import java.util.List;
import java.util.Locale;

/** Normalises metadata values and reports the ones outside the known vocabularies. */
final class RowMetadataCheck {
    private RowMetadataCheck() {}

    static RowMetadata check(String provenance, String status, String reviewer, String era, List<RowProblem> problems) {
        String p = lower(provenance);
        String s = lower(status);
        if (p != null && !RowMetadata.PROVENANCES.contains(p)) {
            problems.add(new RowProblem(
                    FindingKind.INVALID_METADATA,
                    "field \"provenance\": expected one of "
                            + String.join(", ", new java.util.TreeSet<>(RowMetadata.PROVENANCES)) + ", found \""
                            + provenance + "\""));
        }
        if (s != null && !RowMetadata.STATUSES.contains(s)) {
            problems.add(new RowProblem(
                    FindingKind.INVALID_METADATA,
                    "field \"status\": expected one of approved, pending, rejected, found \"" + status + "\""));
        }
        return new RowMetadata(p, s, blankToNull(reviewer), blankToNull(era));
    }

    private static String lower(String v) {
        String b = blankToNull(v);
        return b == null ? null : b.trim().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
