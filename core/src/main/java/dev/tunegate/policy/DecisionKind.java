package dev.tunegate.policy;

/** What tunegate advises, following the ladder of SPEC.md. */
public enum DecisionKind {
    NOT_READY("Not ready: the task cannot be described as input→output pairs yet."),
    FIX_ACCESS_CONTROL("Fix access control on the index before anything else."),
    FIX_RETRIEVAL("Fix the index and chunking first: retrieval recall is too low to build on."),
    CONFIGURE_STRUCTURED_OUTPUT("Configure structured output (JSON mode / tool calling) first: the failures are format errors."),
    USE_RAG("Use retrieval (RAG) for the facts; do not fine-tune them into weights."),
    HYBRID("Hybrid: RAG for the changing facts, fine-tune for the stable behaviour."),
    FINE_TUNE("Fine-tune: pilot an adapter."),
    COLLECT_DATA("Collect and review data first: fine-tuning is justified but the reviewed pairs are not there yet."),
    IMPROVE_PROMPT("Keep improving the prompt: nothing measured yet justifies fine-tuning.");

    private final String summary;

    DecisionKind(String summary) { this.summary = summary; }

    /** One sentence a product owner understands. */
    public String summary() { return summary; }
}
