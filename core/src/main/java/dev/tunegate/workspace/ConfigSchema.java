package dev.tunegate.workspace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one definition of {@code tunegate.yaml}: every key, its type, default, what it is for and
 * the rule it feeds. Validation, defaults and the {@code tunegate init} template all come from here.
 */
public final class ConfigSchema {

    /** The type of a configuration value. */
    public sealed interface Type permits Str, Int, Num, Bool, Choice, PathValue, StrList, PathList, FreeMap, Section {
        String describe();
    }

    public record Str() implements Type {
        public String describe() {
            return "a string";
        }
    }

    public record Int(long min, long max) implements Type {
        public String describe() {
            return "an integer" + (min > Long.MIN_VALUE ? " ≥ " + min : "") + (max < Long.MAX_VALUE ? " ≤ " + max : "");
        }
    }

    public record Num(double min, double max) implements Type {
        public String describe() {
            return "a number" + (min > -Double.MAX_VALUE ? " ≥ " + fmt(min) : "")
                    + (max < Double.MAX_VALUE ? " ≤ " + fmt(max) : "");
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }

    public record Bool() implements Type {
        public String describe() {
            return "true or false";
        }
    }

    public record Choice(List<String> values) implements Type {
        public Choice {
            values = List.copyOf(values);
        }

        public String describe() {
            return "one of " + String.join(", ", values);
        }
    }

    /** A path relative to the workspace. */
    public record PathValue() implements Type {
        public String describe() {
            return "a path relative to the workspace";
        }
    }

    public record StrList() implements Type {
        public String describe() {
            return "a list of strings";
        }
    }

    public record PathList() implements Type {
        public String describe() {
            return "a list of paths relative to the workspace";
        }
    }

    /** A map whose keys are checked by the code that uses it (prices, thresholds, column mappings). */
    public record FreeMap(String valueHint) implements Type {
        public String describe() {
            return "a map of " + valueHint;
        }
    }

    public record Section(Map<String, Key> keys) implements Type {
        public Section {
            keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        }

        public String describe() {
            return "a section with keys " + String.join(", ", keys.keySet());
        }
    }

    /**
     * One key.
     *
     * @param name the key's name in its section
     * @param type its type
     * @param defaultValue the value when absent (null: none)
     * @param required whether it must be present
     * @param doc what it means, one sentence
     * @param feeds the rules or commands it feeds, e.g. {@code FT-DATA, NO-DATA}
     * @param example a value shown in the template when there is no default
     */
    public record Key(
            String name, Type type, Object defaultValue, boolean required, String doc, String feeds, String example) {}

    private ConfigSchema() {}

    private static final Section ROOT = build();

    public static Section root() {
        return ROOT;
    }

    /** The default of a dotted key ({@code pilot.weeks}) — the one place defaults are written; null when it has none. */
    public static Object defaultValue(String dottedKey) {
        return key(dottedKey).defaultValue();
    }

    /** The key a dotted name ({@code useCase.taskType}) names. */
    public static Key key(String dottedKey) {
        Section section = ROOT;
        String[] parts = dottedKey.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            Key k = section.keys().get(parts[i]);
            if (k == null) throw new IllegalArgumentException("no config key " + dottedKey);
            if (i == parts.length - 1) return k;
            if (!(k.type() instanceof Section inner)) throw new IllegalArgumentException("no config key " + dottedKey);
            section = inner;
        }
        throw new IllegalArgumentException("no config key " + dottedKey);
    }

    private static Section build() {
        return section(
                sec(
                        "useCase",
                        "The use case being decided on.",
                        req("name", new Str(), "A short name of the use case.", "decision record", "ticket-routing"),
                        req(
                                "taskType",
                                new Choice(List.of(
                                        "classification",
                                        "extraction",
                                        "routing",
                                        "summarization",
                                        "generation",
                                        "question-answering",
                                        "other")),
                                "What the model does.",
                                "FT-TASK",
                                "classification"),
                        opt(
                                "describableAsPairs",
                                new Bool(),
                                true,
                                "Whether the task can be written as input→output pairs.",
                                "NO-PAIRS"),
                        opt(
                                "businessOwner",
                                new Str(),
                                null,
                                "Who owns corpus freshness and the business outcome.",
                                "decision record",
                                "Head of Support Operations"),
                        opt(
                                "technicalOwner",
                                new Str(),
                                null,
                                "Who owns the pipelines.",
                                "decision record",
                                "ML platform team"),
                        opt(
                                "costOfFailure",
                                new Choice(List.of("low", "medium", "high")),
                                "medium",
                                "What a wrong answer costs.",
                                "decision record, method"),
                        opt(
                                "mustBeTrue",
                                new StrList(),
                                null,
                                "What must be true in every answer.",
                                "decision record",
                                "[\"routes to exactly one queue\"]")),
                sec(
                        "requirements",
                        "What the answers and the deployment must satisfy.",
                        opt(
                                "factsChange",
                                new Choice(List.of("never", "yearly", "quarterly", "monthly", "weekly", "daily")),
                                null,
                                "How often the facts in answers change (the retrieval corpus's update history is used when present).",
                                "NO-FRESH",
                                "quarterly"),
                        opt(
                                "citationsRequired",
                                new Bool(),
                                false,
                                "Users must cite source documents line by line.",
                                "NO-CITE"),
                        opt(
                                "outputSchema",
                                new PathValue(),
                                null,
                                "A JSON Schema every output must conform to.",
                                "FT-SCHEMA",
                                "schemas/output.schema.json"),
                        opt(
                                "dataMayLeavePerimeter",
                                new Bool(),
                                false,
                                "Training data may be sent to a provider.",
                                "method PROVIDER_API"),
                        opt("onPremInference", new Bool(), false, "Inference must run on premises.", "FT-ONPREM"),
                        opt(
                                "structuredOutputConfigured",
                                new Bool(),
                                false,
                                "JSON mode / structured output / tool calling is configured today.",
                                "NO-STRUCT")),
                sec(
                        "data",
                        "The labeled dataset.",
                        opt(
                                "train",
                                new PathValue(),
                                null,
                                "Training pairs: OpenAI chat JSONL, prompt/completion, Alpaca, ShareGPT or CSV/TSV (.gz/.zst too).",
                                "FT-DATA, NO-DATA, FT-SCHEMA, FT-TASK",
                                "data/train.jsonl"),
                        opt(
                                "format",
                                new Choice(List.of(
                                        "auto",
                                        "openai-chat",
                                        "prompt-completion",
                                        "alpaca",
                                        "sharegpt",
                                        "csv",
                                        "tsv")),
                                "auto",
                                "Format of the training file.",
                                "audit"),
                        opt(
                                "columns",
                                new FreeMap(
                                        "column names for CSV/TSV: input, output, provenance, status, reviewer, era"),
                                null,
                                "Column mapping for CSV/TSV files.",
                                "audit",
                                "{input: text, output: category}"),
                        opt(
                                "golden",
                                new PathValue(),
                                null,
                                "The golden (held-out) set; it must never leak into training.",
                                "audit leakage, regress",
                                "data/golden.jsonl"),
                        opt(
                                "labelingPipeline",
                                new Bool(),
                                false,
                                "A labeling pipeline (reviewers, tooling) is in place.",
                                "NO-DATA"),
                        opt(
                                "currentEras",
                                new StrList(),
                                null,
                                "Policy eras whose rows may be trained on.",
                                "FT-DATA",
                                "[\"2025\"]"),
                        opt(
                                "retiredEras",
                                new StrList(),
                                null,
                                "Policy eras never to train on.",
                                "FT-DATA",
                                "[\"pre-gdpr\"]"),
                        opt(
                                "reviewQueue",
                                new PathValue(),
                                "data/review-queue.jsonl",
                                "Candidate rows waiting for human review.",
                                "review, FT-DATA"),
                        opt(
                                "semantic",
                                new Bool(),
                                false,
                                "Also look for paraphrases of golden rows in training with an in-process embedding model (audit --semantic); they count as leaks.",
                                "audit leakage")),
                sec(
                        "evals",
                        "Eval runs of the prompt iterations.",
                        opt(
                                "history",
                                new PathList(),
                                null,
                                "Eval result files (native JSONL, promptfoo JSON or CSV), one or more iterations each.",
                                "FT-PLATEAU, NO-STRUCT",
                                "[evals/history.jsonl]"),
                        opt(
                                "format",
                                new Choice(List.of("auto", "native", "promptfoo", "csv")),
                                "auto",
                                "Format of the eval files.",
                                "evals"),
                        opt(
                                "columns",
                                new FreeMap("column names for CSV: expected, output, passed, item, iteration"),
                                null,
                                "Column mapping for CSV eval exports; name|other lists the names files use for one column.",
                                "evals",
                                "{expected: gold_label, output: prediction|predicted_label, passed: match}"),
                        opt(
                                "labels",
                                new StrList(),
                                null,
                                "The label set, for classification-like tasks.",
                                "evals error classes",
                                "[billing, technical]"),
                        opt(
                                "baseline",
                                new PathValue(),
                                null,
                                "The baseline's golden-set run.",
                                "regress, pilot",
                                "evals/baseline.jsonl"),
                        opt(
                                "candidate",
                                new PathValue(),
                                null,
                                "The candidate's golden-set run.",
                                "regress, pilot",
                                "evals/candidate.jsonl"),
                        opt(
                                "seed",
                                new Int(Long.MIN_VALUE, Long.MAX_VALUE),
                                42L,
                                "Seed of every randomized statistic (bootstrap, permutation).",
                                "evals")),
                sec(
                        "retrieval",
                        "The retrieval corpus and its golden questions.",
                        opt(
                                "corpus",
                                new PathValue(),
                                null,
                                "A folder of .md/.txt/.html documents or a documents JSONL.",
                                "FIX-RECALL, FIX-ACL, NO-FRESH",
                                "corpus/"),
                        opt(
                                "golden",
                                new PathValue(),
                                null,
                                "Golden questions JSONL with relevant documents and the principal's groups.",
                                "FIX-RECALL, FIX-ACL",
                                "retrieval/questions.jsonl"),
                        opt(
                                "run",
                                new PathValue(),
                                null,
                                "An external retriever's run (TREC or JSONL) to evaluate instead of the built-in index.",
                                "FIX-RECALL",
                                "retrieval/run.trec"),
                        opt("k", new Int(1, 1000), 5L, "How many results a call retrieves.", "FIX-RECALL, FT-ONPREM"),
                        opt(
                                "publicDocuments",
                                new Bool(),
                                false,
                                "Documents without groups are public on purpose.",
                                "FIX-ACL"),
                        opt("chunkTokens", new Int(16, 100_000), 512L, "Maximum chunk size in tokens.", "retrieval"),
                        opt("chunkOverlap", new Int(0, 100_000), 64L, "Chunk overlap in tokens.", "retrieval")),
                sec(
                        "traffic",
                        "How much the use case is called.",
                        opt(
                                "callsPerDay",
                                new Num(0, Double.MAX_VALUE),
                                null,
                                "Calls per day today.",
                                "FT-COST",
                                "20000"),
                        opt(
                                "growthPerMonth",
                                new Num(-1, 100),
                                0.0,
                                "Monthly traffic growth as a fraction (0.05 = 5 %).",
                                "FT-COST")),
                sec(
                        "prompts",
                        "Today's prompt and the prompt after tuning.",
                        opt(
                                "system",
                                new PathValue(),
                                null,
                                "Today's system prompt.",
                                "FT-COST, FT-ONPREM",
                                "prompts/system.md"),
                        opt(
                                "fewShot",
                                new PathList(),
                                null,
                                "Today's few-shot example files.",
                                "FT-COST, FT-ONPREM",
                                "[prompts/few-shot.md]"),
                        opt(
                                "tuned",
                                new PathValue(),
                                null,
                                "The short instruction that remains after tuning.",
                                "FT-COST",
                                "prompts/tuned.md"),
                        opt(
                                "ragContextTokens",
                                new Int(0, 10_000_000),
                                null,
                                "RAG context tokens per call (measured by the retrieval audit when a corpus is configured).",
                                "FT-ONPREM, FT-COST",
                                "0"),
                        opt(
                                "inputTokensPerCall",
                                new Int(0, 10_000_000),
                                null,
                                "User input tokens per call (measured from the dataset when present).",
                                "FT-COST",
                                "120"),
                        opt(
                                "outputTokensPerCall",
                                new Int(0, 10_000_000),
                                null,
                                "Output tokens per call (measured from the dataset when present).",
                                "FT-COST",
                                "20")),
                sec(
                        "model",
                        "The model used today and the candidate base model for fine-tuning.",
                        opt(
                                "current",
                                new Str(),
                                null,
                                "Today's model (an id of the price catalog).",
                                "FT-COST",
                                "gpt-4o"),
                        opt(
                                "hosting",
                                new Choice(List.of("provider", "self-hosted")),
                                "provider",
                                "Where the tuned model would run.",
                                "FT-COST"),
                        sec(
                                "candidate",
                                "The base model a fine-tune would start from.",
                                opt(
                                        "name",
                                        new Str(),
                                        null,
                                        "Candidate base model (an id of the price catalog).",
                                        "FT-COST",
                                        "llama-3.1-8b"),
                                opt(
                                        "paramsB",
                                        new Num(0.01, 10_000),
                                        null,
                                        "Parameters in billions.",
                                        "FT-COST, method",
                                        "8"),
                                opt(
                                        "contextWindow",
                                        new Int(1, 100_000_000),
                                        null,
                                        "Context window in tokens.",
                                        "FT-ONPREM",
                                        "8192"))),
                sec(
                        "training",
                        "How a fine-tune would be trained and maintained.",
                        opt(
                                "epochs",
                                new Int(1, 100),
                                null,
                                "Epochs (default: the heuristic of OpenAI's data-prep notebook).",
                                "FT-COST",
                                "3"),
                        opt(
                                "retrainEveryWeeks",
                                new Int(1, 520),
                                13L,
                                "Retrain cadence in weeks (quarterly by default).",
                                "FT-COST"),
                        opt(
                                "labelingCostPerRow",
                                new Num(0, Double.MAX_VALUE),
                                0.0,
                                "Cost of reviewing one row, in USD.",
                                "FT-COST"),
                        opt(
                                "evaluationCostUsd",
                                new Num(0, Double.MAX_VALUE),
                                0.0,
                                "Cost of one evaluation round, in USD.",
                                "FT-COST"),
                        opt(
                                "gpu",
                                new Str(),
                                null,
                                "GPU type from the price catalog (default: the cheapest that fits).",
                                "FT-COST",
                                "a100-80gb"),
                        opt("mfu", new Num(0.01, 1), 0.35, "Model FLOPs utilisation assumed for training.", "FT-COST"),
                        opt(
                                "runOverheadHours",
                                new Num(0, 1000),
                                0.5,
                                "Fixed wall-clock hours of every GPU training run besides its token passes (provisioning,"
                                        + " downloading and loading the base weights, the evaluation pass, saving), billed on"
                                        + " each GPU of the run (docs/formats/cost.md).",
                                "FT-COST"),
                        opt(
                                "maxBudgetUsd",
                                new Num(0, Double.MAX_VALUE),
                                null,
                                "Budget per training run, in USD (a method over it is not chosen).",
                                "method",
                                "500"),
                        opt(
                                "gpuMemoryGb",
                                new Num(1, 100_000),
                                null,
                                "Memory of each GPU the team trains on, in GB (default: the catalog's GPU).",
                                "method",
                                "24"),
                        opt("gpuCount", new Int(1, 4096), 1L, "How many of those GPUs one run may use.", "method"),
                        opt(
                                "iteration",
                                new Choice(List.of("standard", "rapid")),
                                "standard",
                                "Training pace: rapid prefers QLoRA when it fits (budget labs, rapid iteration).",
                                "method")),
                opt(
                        "prices",
                        new FreeMap("price catalog entries to override, by id"),
                        null,
                        "Overrides of the shipped price catalog.",
                        "FT-COST",
                        "{gpt-4o: {inputPerMTok: 2.5}}"),
                sec(
                        "pilot",
                        "The 4–8 week pilot: named metrics, targets and checkpoints.",
                        opt(
                                "checkpoints",
                                new PathValue(),
                                null,
                                "Dated KPI measurements (JSONL or CSV).",
                                "pilot",
                                "pilot/checkpoints.jsonl"),
                        opt("weeks", new Int(1, 52), 6L, "Length of the pilot window in weeks.", "pilot"),
                        opt(
                                "minCalls",
                                new Int(0, Long.MAX_VALUE),
                                10_000L,
                                "Calls the measurements must cover to be representative.",
                                "pilot"),
                        opt(
                                "qualityTarget",
                                new Num(0, 1),
                                null,
                                "Golden-set accuracy the candidate must reach.",
                                "pilot",
                                "0.9"),
                        opt(
                                "adoptionTarget",
                                new Num(0, 1),
                                null,
                                "Share of eligible users who use it.",
                                "pilot",
                                "0.3"),
                        opt(
                                "latencyP95MsMax",
                                new Num(0, Double.MAX_VALUE),
                                null,
                                "Guardrail on p95 response latency, ms.",
                                "pilot",
                                "2000"),
                        opt(
                                "unitCostUsdMax",
                                new Num(0, Double.MAX_VALUE),
                                null,
                                "Guardrail on cost per call, USD.",
                                "pilot",
                                "0.01"),
                        opt(
                                "processKpi",
                                new Str(),
                                null,
                                "Name of the process KPI measured in the checkpoints.",
                                "pilot",
                                "handleTimeMinutes"),
                        opt(
                                "processKpiTarget",
                                new Num(-Double.MAX_VALUE, Double.MAX_VALUE),
                                null,
                                "Target of the process KPI.",
                                "pilot",
                                "6"),
                        opt(
                                "processKpiDirection",
                                new Choice(List.of("atMost", "atLeast")),
                                "atMost",
                                "Whether the process KPI must stay at most or at least its target.",
                                "pilot"),
                        opt(
                                "nonInferiorityMargin",
                                new Num(0, 1),
                                0.01,
                                "Quality may be at most this much below the baseline.",
                                "pilot, regress")),
                sec(
                        "workspace",
                        "Where the workspace's paths may reach.",
                        opt(
                                "allowOutside",
                                new StrList(),
                                null,
                                "Config keys whose paths may leave the workspace folder (after ../ and symbolic links "
                                        + "are resolved); any other path that leaves it is refused.",
                                "all paths",
                                "[retrieval.corpus]")),
                sec(
                        "ops",
                        "Operating after launch: the weekly review of production logs (tunegate ops weekly).",
                        opt(
                                "logs",
                                new PathList(),
                                null,
                                "Production call logs read when --log is not given (JSONL, OTLP JSON or CSV; .gz/.zst).",
                                "ops weekly",
                                "[logs/calls.jsonl.gz]"),
                        opt(
                                "lowScoreThreshold",
                                new Num(-Double.MAX_VALUE, Double.MAX_VALUE),
                                null,
                                "Top retrieval score under which a call is a low-score retrieval (default: calibrated from retrieval.golden on the built-in index).",
                                "ops weekly",
                                "0.45"),
                        opt(
                                "defaultLowScoreThreshold",
                                new Num(-Double.MAX_VALUE, Double.MAX_VALUE),
                                0.5,
                                "The threshold when none is configured and no golden questions calibrate one.",
                                "ops weekly"),
                        opt(
                                "topicSimilarity",
                                new Num(0.05, 1),
                                0.4,
                                "Jaccard of two queries' content words at which they share a topic.",
                                "ops weekly"),
                        opt(
                                "minTopicSize",
                                new Int(1, Long.MAX_VALUE),
                                3L,
                                "Calls a topic needs to become a backlog entry.",
                                "ops weekly"),
                        opt(
                                "eligibleUsers",
                                new Int(1, Long.MAX_VALUE),
                                null,
                                "Users who could use the system (denominator of adoption).",
                                "ops weekly",
                                "1200")),
                sec(
                        "policy",
                        "Overrides of the shipped policy.",
                        opt(
                                "thresholds",
                                new FreeMap("threshold names (RULE.name) to numbers"),
                                null,
                                "Threshold overrides, e.g. FT-DATA.minReviewedPairs.",
                                "all rules",
                                "{FT-DATA.minReviewedPairs: 300}")));
    }

    private static Section section(Key... keys) {
        Map<String, Key> m = new LinkedHashMap<>();
        for (Key k : keys) m.put(k.name(), k);
        return new Section(m);
    }

    private static Key sec(String name, String doc, Key... keys) {
        return new Key(name, section(keys), null, false, doc, "", null);
    }

    private static Key req(String name, Type type, String doc, String feeds, String example) {
        return new Key(name, type, null, true, doc, feeds, example);
    }

    private static Key opt(String name, Type type, Object def, String doc, String feeds) {
        return new Key(name, type, def, false, doc, feeds, null);
    }

    private static Key opt(String name, Type type, Object def, String doc, String feeds, String example) {
        return new Key(name, type, def, false, doc, feeds, example);
    }

    /** Every leaf key with its dotted path, in schema order. */
    public static List<Map.Entry<String, Key>> leaves() {
        List<Map.Entry<String, Key>> out = new ArrayList<>();
        collect("", ROOT, out);
        return out;
    }

    private static void collect(String prefix, Section s, List<Map.Entry<String, Key>> out) {
        for (Key k : s.keys().values()) {
            String path = prefix.isEmpty() ? k.name() : prefix + "." + k.name();
            if (k.type() instanceof Section sub) collect(path, sub, out);
            else out.add(Map.entry(path, k));
        }
    }
}
