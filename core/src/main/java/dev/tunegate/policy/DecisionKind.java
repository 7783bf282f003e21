package dev.tunegate.policy;

/** What tunegate advises, following the ladder of docs/RULES.md. */
public enum DecisionKind {
    NOT_READY("Not ready", "Not ready: the task cannot be described as input→output pairs yet."),
    FIX_ACCESS_CONTROL("Fix access control", "Fix access control on the index before anything else."),
    FIX_RETRIEVAL("Fix retrieval", "Fix the index and chunking first: retrieval recall is too low to build on."),
    CONFIGURE_STRUCTURED_OUTPUT(
            "Configure structured output",
            "Configure structured output (JSON mode / tool calling) first: the failures are format errors."),
    USE_RAG("Use RAG", "Use retrieval (RAG) for the facts; do not fine-tune them into weights."),
    HYBRID("Hybrid: RAG + fine-tune", "Hybrid: RAG for the changing facts, fine-tune for the stable behaviour."),
    FINE_TUNE("Fine-tune", "Fine-tune: pilot an adapter."),
    COLLECT_DATA(
            "Collect data",
            "Collect and review data first: fine-tuning is justified but the reviewed pairs are not there yet."),
    IMPROVE_PROMPT("Improve the prompt", "Keep improving the prompt: nothing measured yet justifies fine-tuning.");

    private final String title;
    private final String summary;

    DecisionKind(String title, String summary) {
        this.title = title;
        this.summary = summary;
    }

    /** A short title, e.g. "Use RAG". */
    public String title() {
        return title;
    }

    /** One sentence a product owner understands. */
    public String summary() {
        return summary;
    }
}
