package dev.tunegate.evidence;

/**
 * Every quantity the policy reads. Analyzers produce {@link Evidence} for these; rules consume them.
 *
 * <p>Each measure names the artifact that would settle it, so a decision whose rule is unknown
 * can tell the user what to add to the workspace.
 */
public enum Measure {
    // --- declared in tunegate.yaml (the use case and its requirements) ---
    TASK_TYPE(Kind.TEXT, "", "use case task type", "useCase.taskType in tunegate.yaml"),
    DESCRIBABLE_AS_PAIRS(
            Kind.BOOLEAN, "", "task describable as input→output pairs", "useCase.describableAsPairs in tunegate.yaml"),
    CITATIONS_REQUIRED(
            Kind.BOOLEAN,
            "",
            "answers must cite source documents line by line",
            "requirements.citationsRequired in tunegate.yaml"),
    LABELING_PIPELINE(Kind.BOOLEAN, "", "a labeling pipeline is in place", "data.labelingPipeline in tunegate.yaml"),
    STRUCTURED_OUTPUT_CONFIGURED(
            Kind.BOOLEAN,
            "",
            "structured output / tool calling configured",
            "requirements.structuredOutputConfigured in tunegate.yaml"),
    ON_PREM_INFERENCE(
            Kind.BOOLEAN, "", "inference must run on premises", "requirements.onPremInference in tunegate.yaml"),
    DATA_MAY_LEAVE_PERIMETER(
            Kind.BOOLEAN,
            "",
            "training data may leave the perimeter",
            "requirements.dataMayLeavePerimeter in tunegate.yaml"),
    COST_OF_FAILURE(Kind.TEXT, "", "cost of a wrong answer", "useCase.costOfFailure in tunegate.yaml"),
    CANDIDATE_PARAMS_B(
            Kind.NUMBER, "B params", "candidate base model size", "model.candidate.paramsB in tunegate.yaml"),
    CANDIDATE_CONTEXT_WINDOW(
            Kind.NUMBER, "tokens", "candidate model context window", "model.candidate.contextWindow in tunegate.yaml"),
    RETRIEVAL_IN_USE(
            Kind.BOOLEAN,
            "",
            "the use case retrieves documents (a corpus or RAG context is configured)",
            "retrieval.corpus or prompts.ragContextTokens in tunegate.yaml"),
    MAX_BUDGET_USD(Kind.NUMBER, "USD", "budget per training run", "training.maxBudgetUsd in tunegate.yaml"),
    TRAINING_ITERATION(Kind.TEXT, "", "training pace", "training.iteration in tunegate.yaml"),

    // --- dataset audit ---
    DATASET_ROWS(Kind.NUMBER, "rows", "rows in the training file", "data.train (a training dataset)"),
    REVIEWED_PAIRS(
            Kind.NUMBER,
            "pairs",
            "reviewed pairs usable for training (approved or gold, current era, deduplicated, not in conflict)",
            "data.train with review metadata"),
    GOLD_ROWS(Kind.NUMBER, "rows", "gold rows written by domain experts", "data.train with provenance metadata"),
    OUTPUTS_STRUCTURED(
            Kind.BOOLEAN,
            "",
            "outputs are structured (JSON) or an output schema is configured",
            "data.train (outputs) or requirements.outputSchema"),
    OUTPUT_SCHEMA_CONFORMANCE(
            Kind.RATIO,
            "",
            "share of outputs conforming to one schema",
            "data.train (outputs) and requirements.outputSchema"),
    LABEL_DISAGREEMENT_RATE(
            Kind.RATIO, "", "share of training-candidate rows in a conflict group", "data.train (a training dataset)"),
    CONFLICT_ROW_SHARE(
            Kind.RATIO,
            "",
            "share of approved, current-era rows in a conflict group",
            "data.train with review metadata"),
    CONFLICT_GROUPS(
            Kind.NUMBER,
            "groups",
            "conflict groups among approved, current-era rows",
            "data.train with review metadata"),
    CONFLICT_ROWS(
            Kind.NUMBER, "rows", "approved, current-era rows in conflict groups", "data.train with review metadata"),
    CONFLICT_GROUPS_TO_RESOLVE(
            Kind.NUMBER,
            "groups",
            "conflict groups to resolve (largest first) to reach the threshold",
            "data.train with review metadata"),
    SEQUENCE_TOKENS_P95(Kind.NUMBER, "tokens", "training example length (p95)", "data.train (a training dataset)"),
    LEAKED_GOLDEN_ROWS(
            Kind.NUMBER, "rows", "golden rows whose input also appears in training", "data.golden and data.train"),

    TRAINING_TOKENS(Kind.NUMBER, "tokens", "training tokens per epoch", "data.train (a training dataset)"),
    INPUT_TOKENS_PER_CALL(
            Kind.NUMBER, "tokens", "user input tokens per call (p50)", "data.train, or prompts.inputTokensPerCall"),
    OUTPUT_TOKENS_PER_CALL(
            Kind.NUMBER, "tokens", "output tokens per call (p50)", "data.train, or prompts.outputTokensPerCall"),

    // --- eval history ---
    EVAL_ITERATIONS(
            Kind.NUMBER,
            "iterations",
            "prompt iterations in the eval history",
            "evals.history (eval runs of prompt iterations)"),
    ITERATIONS_WITHOUT_GAIN(
            Kind.NUMBER,
            "iterations",
            "latest iterations without significant gain over the best earlier one",
            "evals.history (eval runs of prompt iterations)"),
    RECURRING_ERROR_SHARE(
            Kind.RATIO,
            "",
            "share of errors held by the class that tops every recent iteration",
            "evals.history with error classes"),
    RECURRING_ERROR_CLASS(
            Kind.TEXT, "", "the error class that tops every recent iteration", "evals.history with error classes"),
    FORMAT_ERROR_SHARE(
            Kind.RATIO,
            "",
            "share of errors that are FORMAT errors in the latest iteration",
            "evals.history (eval runs with outputs)"),

    // --- retrieval audit ---
    RECALL_AT_K(Kind.RATIO, "", "retrieval recall@k on golden questions", "retrieval.corpus and retrieval.golden"),
    DOCS_WITHOUT_GROUPS(
            Kind.NUMBER, "documents", "documents without access groups", "retrieval.corpus with group metadata"),
    ACL_LEAKS(
            Kind.NUMBER,
            "results",
            "top-k results a principal may not read",
            "retrieval.golden with principals' groups"),
    FACT_CHANGE_INTERVAL_DAYS(
            Kind.NUMBER,
            "days",
            "median interval between fact changes",
            "retrieval.corpus update history, or requirements.factsChange"),
    RAG_CONTEXT_TOKENS(
            Kind.NUMBER,
            "tokens",
            "RAG context a call carries (p50 of top-k chunks)",
            "retrieval.corpus, or prompts.ragContextTokens"),

    // --- cost model ---
    REQUIRED_CONTEXT_TOKENS(
            Kind.NUMBER,
            "tokens",
            "tokens a call needs: prompt + RAG context + input + output",
            "prompts and data.train"),
    BREAK_EVEN_WEEKS(
            Kind.NUMBER,
            "weeks",
            "weeks until prompt savings repay training",
            "traffic, prompts and model settings (the cost model)"),
    PROVIDER_FINE_TUNING_OFFERED(
            Kind.BOOLEAN,
            "",
            "the provider still offers fine-tuning for the model",
            "the price catalog and model.current"),
    TRAINING_MEMORY_GB(
            Kind.NUMBER,
            "GB",
            "GPU memory the team can train on",
            "training.gpuMemoryGb and training.gpuCount, or training.gpu / the price catalog"),
    FULL_PEAK_MEMORY_GB(
            Kind.NUMBER, "GB", "peak training memory of a full fine-tune", "model.candidate.paramsB (the cost model)"),
    LORA_PEAK_MEMORY_GB(Kind.NUMBER, "GB", "peak training memory of LoRA", "model.candidate.paramsB (the cost model)"),
    QLORA_PEAK_MEMORY_GB(
            Kind.NUMBER, "GB", "peak training memory of QLoRA", "model.candidate.paramsB (the cost model)"),
    FULL_RUN_USD(
            Kind.NUMBER,
            "USD",
            "cost of one full fine-tuning run",
            "data.train, model.candidate and the price catalog (the cost model)"),
    LORA_RUN_USD(
            Kind.NUMBER,
            "USD",
            "cost of one LoRA run",
            "data.train, model.candidate and the price catalog (the cost model)"),
    QLORA_RUN_USD(
            Kind.NUMBER,
            "USD",
            "cost of one QLoRA run",
            "data.train, model.candidate and the price catalog (the cost model)");

    /** The type of a measure's value. */
    public enum Kind {
        NUMBER,
        RATIO,
        BOOLEAN,
        TEXT
    }

    private final Kind kind;
    private final String unit;
    private final String description;
    private final String settledBy;

    Measure(Kind kind, String unit, String description, String settledBy) {
        this.kind = kind;
        this.unit = unit;
        this.description = description;
        this.settledBy = settledBy;
    }

    public Kind kind() {
        return kind;
    }

    /** Unit of a numeric value ("" for ratios, booleans and text). */
    public String unit() {
        return unit;
    }

    public String description() {
        return description;
    }

    /** The artifact or setting that would produce this measure. */
    public String settledBy() {
        return settledBy;
    }

    /** The key used in JSON output, e.g. {@code reviewedPairs}. */
    public String key() {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : name().toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
                continue;
            }
            b.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        return b.toString();
    }
}
