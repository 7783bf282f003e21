package dev.tunegate.ops;

/** What a backlog entry asks for. */
public enum BacklogType {
    /** Nothing relevant was retrieved: the corpus lacks a document. Owned by the business owner. */
    NEW_DOCUMENT("new-document", "new document needed", true),
    /** Relevant documents exist but the callers' groups cannot see them: an access-control gap. Technical owner. */
    METADATA_FIX("metadata-fix", "metadata fix (access-control gap)", false),
    /** The retrieved document is older than the facts' change interval. Business owner. */
    STALE_DOCUMENT("stale-document", "stale document", true),
    /** Relevant, fresh documents were retrieved and the answer still failed: the prompt or model. Technical owner. */
    ANSWER_REVIEW("answer-review", "answer review (retrieval looked fine)", false),
    /**
     * The log does not record what was retrieved (a CSV without a {@code retrieved} column), so whether a
     * document is missing, stale or fine cannot be told. Technical owner (the logging).
     */
    UNCLASSIFIED("unclassified", "unclassified (the log does not record retrieval)", false);

    private final String id;
    private final String label;
    private final boolean businessSide;

    BacklogType(String id, String label, boolean businessSide) {
        this.id = id;
        this.label = label;
        this.businessSide = businessSide;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Whether the business owner (corpus freshness) owns it, rather than the technical owner (pipelines). */
    public boolean businessSide() {
        return businessSide;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String json() {
        return id;
    }

    public static BacklogType of(String id) {
        for (BacklogType t : values()) if (t.id.equals(id)) return t;
        return null;
    }
}
