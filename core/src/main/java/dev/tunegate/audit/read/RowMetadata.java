package dev.tunegate.audit.read;

import java.util.Set;

/**
 * Who wrote a row, whether a human approved it, and the policy era it belongs to. Any field may be
 * null when the dataset does not say.
 *
 * @param provenance one of {@link #PROVENANCES}
 * @param status one of {@link #STATUSES}
 * @param reviewer who reviewed it
 * @param era the policy era
 */
public record RowMetadata(String provenance, String status, String reviewer, String era) {
    /** Known provenances. */
    public static final Set<String> PROVENANCES =
            Set.of("expert", "gold", "llm_draft", "production_failure", "imported");
    /** Known review statuses. */
    public static final Set<String> STATUSES = Set.of("approved", "rejected", "pending");

    /** No metadata. */
    public static final RowMetadata NONE = new RowMetadata(null, null, null, null);

    public boolean approved() {
        return "approved".equals(status);
    }

    public boolean gold() {
        return "gold".equals(provenance);
    }

    public boolean llmDraft() {
        return "llm_draft".equals(provenance);
    }
}
