package dev.tunegate.workspace;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tunegate.yaml}, typed: one record per section, built once per {@link Workspace} ({@link
 * Workspace#settings()}). Analyzers and commands read these instead of string keys; a key's default is the
 * one {@link ConfigSchema} states (a value the schema gives no default is null here). Where a key is written in
 * the file (for a message naming {@code tunegate.yaml:LINE}) stays {@link Workspace#line(String)}.
 *
 * @param useCase {@code useCase}
 * @param requirements {@code requirements}
 * @param data {@code data} (with {@code requirements.outputSchema})
 * @param evals {@code evals}
 * @param retrieval {@code retrieval}
 * @param traffic {@code traffic}
 * @param prompts {@code prompts}
 * @param model {@code model}
 * @param training {@code training}
 * @param prices {@code prices}: the price catalog's overrides as written (checked by the cost model's reader)
 * @param pilot {@code pilot}
 * @param ops {@code ops}
 * @param thresholds {@code policy.thresholds}: threshold name → value
 * @param allowOutside {@code workspace.allowOutside}
 */
public record Settings(
        UseCase useCase,
        Requirements requirements,
        DataSettings data,
        Evals evals,
        Retrieval retrieval,
        Traffic traffic,
        Prompts prompts,
        Model model,
        Training training,
        Map<String, Object> prices,
        PilotSettings pilot,
        Ops ops,
        Map<String, Double> thresholds,
        List<String> allowOutside) {

    public Settings {
        prices = ordered(prices);
        thresholds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
        allowOutside = List.copyOf(allowOutside);
    }

    /** {@code useCase}. */
    public record UseCase(
            String name,
            String taskType,
            boolean describableAsPairs,
            String businessOwner,
            String technicalOwner,
            String costOfFailure,
            List<String> mustBeTrue) {
        public UseCase {
            mustBeTrue = List.copyOf(mustBeTrue);
        }
    }

    /** {@code requirements}; {@code factsChange} is null when not declared. */
    public record Requirements(
            String factsChange,
            boolean citationsRequired,
            Path outputSchema,
            boolean dataMayLeavePerimeter,
            boolean onPremInference,
            boolean structuredOutputConfigured) {}

    /** {@code evals}: the eval history and the golden-set runs; paths resolved. */
    public record Evals(
            List<Path> history,
            String format,
            Map<String, Object> columns,
            List<String> labels,
            Path baseline,
            Path candidate,
            long seed) {
        public Evals {
            history = List.copyOf(history);
            columns = ordered(columns);
            labels = List.copyOf(labels);
        }

        /** Whether both golden-set runs ({@code evals.baseline}, {@code evals.candidate}) are configured. */
        public boolean hasGoldenRuns() {
            return baseline != null && candidate != null;
        }
    }

    /** {@code retrieval}; paths resolved, null when not configured. */
    public record Retrieval(
            Path corpus, Path golden, Path run, int k, boolean publicDocuments, int chunkTokens, int chunkOverlap) {

        /** Whether retrieval is in use: a corpus or an external run is configured. */
        public boolean configured() {
            return corpus != null || run != null;
        }
    }

    /** {@code traffic}; {@code callsPerDay} null when not declared. */
    public record Traffic(Double callsPerDay, double growthPerMonth) {}

    /** {@code prompts}; paths resolved; token counts null when not declared. */
    public record Prompts(
            Path system,
            List<Path> fewShot,
            Path tuned,
            Long ragContextTokens,
            Long inputTokensPerCall,
            Long outputTokensPerCall) {
        public Prompts {
            fewShot = List.copyOf(fewShot);
        }
    }

    /** {@code model} (with {@code model.candidate.*} flattened); unset values are null. */
    public record Model(
            String current,
            String hosting,
            String candidateName,
            Double candidateParamsB,
            Long candidateContextWindow) {}

    /** {@code training}; unset values without a schema default are null. */
    public record Training(
            Long epochs,
            long retrainEveryWeeks,
            double labelingCostPerRow,
            double evaluationCostUsd,
            String gpu,
            double mfu,
            double runOverheadHours,
            Double maxBudgetUsd,
            Double gpuMemoryGb,
            long gpuCount,
            String iteration) {}

    /** {@code ops}; paths resolved. */
    public record Ops(
            List<Path> logs,
            Double lowScoreThreshold,
            double defaultLowScoreThreshold,
            double topicSimilarity,
            int minTopicSize,
            Long eligibleUsers) {
        public Ops {
            logs = List.copyOf(logs);
        }
    }

    private static final Settings DEFAULTS = Workspace.of(Path.of(""), Map.of()).settings();

    /** The schema's defaults alone (commands run without a workspace); paths resolve against the current folder. */
    public static Settings defaults() {
        return DEFAULTS;
    }

    /** The settings of a workspace. */
    static Settings of(Workspace ws) {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        ws.map("policy.thresholds").forEach((k, v) -> thresholds.put(k, ((Number) v).doubleValue()));
        return new Settings(
                new UseCase(
                        str(ws, "useCase.name"),
                        str(ws, "useCase.taskType"),
                        flag(ws, "useCase.describableAsPairs"),
                        str(ws, "useCase.businessOwner"),
                        str(ws, "useCase.technicalOwner"),
                        str(ws, "useCase.costOfFailure"),
                        ws.strings("useCase.mustBeTrue")),
                new Requirements(
                        str(ws, "requirements.factsChange"),
                        flag(ws, "requirements.citationsRequired"),
                        path(ws, "requirements.outputSchema"),
                        flag(ws, "requirements.dataMayLeavePerimeter"),
                        flag(ws, "requirements.onPremInference"),
                        flag(ws, "requirements.structuredOutputConfigured")),
                DataSettings.of(ws),
                new Evals(
                        ws.paths("evals.history"),
                        str(ws, "evals.format"),
                        ws.map("evals.columns"),
                        ws.strings("evals.labels"),
                        path(ws, "evals.baseline"),
                        path(ws, "evals.candidate"),
                        integer(ws, "evals.seed")),
                new Retrieval(
                        path(ws, "retrieval.corpus"),
                        path(ws, "retrieval.golden"),
                        path(ws, "retrieval.run"),
                        (int) (long) integer(ws, "retrieval.k"),
                        flag(ws, "retrieval.publicDocuments"),
                        (int) (long) integer(ws, "retrieval.chunkTokens"),
                        (int) (long) integer(ws, "retrieval.chunkOverlap")),
                new Traffic(number(ws, "traffic.callsPerDay"), number(ws, "traffic.growthPerMonth")),
                new Prompts(
                        path(ws, "prompts.system"),
                        ws.paths("prompts.fewShot"),
                        path(ws, "prompts.tuned"),
                        integer(ws, "prompts.ragContextTokens"),
                        integer(ws, "prompts.inputTokensPerCall"),
                        integer(ws, "prompts.outputTokensPerCall")),
                new Model(
                        str(ws, "model.current"),
                        str(ws, "model.hosting"),
                        str(ws, "model.candidate.name"),
                        number(ws, "model.candidate.paramsB"),
                        integer(ws, "model.candidate.contextWindow")),
                new Training(
                        integer(ws, "training.epochs"),
                        integer(ws, "training.retrainEveryWeeks"),
                        number(ws, "training.labelingCostPerRow"),
                        number(ws, "training.evaluationCostUsd"),
                        str(ws, "training.gpu"),
                        number(ws, "training.mfu"),
                        number(ws, "training.runOverheadHours"),
                        number(ws, "training.maxBudgetUsd"),
                        number(ws, "training.gpuMemoryGb"),
                        integer(ws, "training.gpuCount"),
                        str(ws, "training.iteration")),
                ws.map("prices"),
                PilotSettings.of(ws),
                new Ops(
                        ws.paths("ops.logs"),
                        number(ws, "ops.lowScoreThreshold"),
                        number(ws, "ops.defaultLowScoreThreshold"),
                        number(ws, "ops.topicSimilarity"),
                        (int) (long) integer(ws, "ops.minTopicSize"),
                        integer(ws, "ops.eligibleUsers")),
                thresholds,
                ws.strings("workspace.allowOutside"));
    }

    /** An unmodifiable copy that keeps the file's order. */
    static <V> Map<String, V> ordered(Map<String, V> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    // --- a key's value, else the schema's default (ConfigSchema.defaultValue throws for a key it does not know) ---

    static String str(Workspace ws, String key) {
        return (String) ws.valueOrDefault(key);
    }

    static boolean flag(Workspace ws, String key) {
        return Boolean.TRUE.equals(ws.valueOrDefault(key));
    }

    static Double number(Workspace ws, String key) {
        Object v = ws.valueOrDefault(key);
        return v == null ? null : ((Number) v).doubleValue();
    }

    static Long integer(Workspace ws, String key) {
        Object v = ws.valueOrDefault(key);
        return v == null ? null : ((Number) v).longValue();
    }

    static Path path(Workspace ws, String key) {
        String v = str(ws, key);
        return v == null ? null : ws.root().resolve(v).normalize();
    }
}
