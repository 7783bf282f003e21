package dev.tunegate.analysis;

import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.Measure;
import dev.tunegate.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the workspace declares in {@code tunegate.yaml}: the task, the requirements and the candidate
 * model. Declared values are evidence of origin DECLARED, which measured values override.
 */
public final class DeclaredAnalyzer implements Analyzer {
    /** Days between fact changes for each {@code requirements.factsChange} value. */
    static final Map<String, Double> FACT_CHANGE_DAYS = Map.of(
            "daily",
            1.0,
            "weekly",
            7.0,
            "monthly",
            30.0,
            "quarterly",
            91.0,
            "yearly",
            365.0,
            "never",
            Double.POSITIVE_INFINITY);

    @Override
    public String name() {
        return "declared";
    }

    @Override
    public boolean applies(Workspace workspace) {
        return true;
    }

    @Override
    public AnalyzerResult analyze(Workspace ws, AnalysisContext context) {
        List<Evidence> ev = new ArrayList<>();
        String src = "tunegate.yaml";
        ws.string("useCase.taskType")
                .ifPresent(
                        v -> ev.add(Evidence.declared(Measure.TASK_TYPE, v, src + ":" + ws.line("useCase.taskType"))));
        ws.string("useCase.costOfFailure")
                .ifPresent(v -> ev.add(
                        Evidence.declared(Measure.COST_OF_FAILURE, v, src + ":" + ws.line("useCase.costOfFailure"))));
        bool(ws, ev, "useCase.describableAsPairs", Measure.DESCRIBABLE_AS_PAIRS);
        bool(ws, ev, "requirements.citationsRequired", Measure.CITATIONS_REQUIRED);
        bool(ws, ev, "requirements.structuredOutputConfigured", Measure.STRUCTURED_OUTPUT_CONFIGURED);
        bool(ws, ev, "requirements.onPremInference", Measure.ON_PREM_INFERENCE);
        bool(ws, ev, "requirements.dataMayLeavePerimeter", Measure.DATA_MAY_LEAVE_PERIMETER);
        bool(ws, ev, "data.labelingPipeline", Measure.LABELING_PIPELINE);
        ws.string("requirements.factsChange")
                .ifPresent(v -> ev.add(Evidence.declared(
                        Measure.FACT_CHANGE_INTERVAL_DAYS,
                        FACT_CHANGE_DAYS.get(v),
                        src + ":" + ws.line("requirements.factsChange") + " (factsChange: " + v + ")")));
        ws.number("model.candidate.paramsB")
                .ifPresent(v -> ev.add(Evidence.declared(
                        Measure.CANDIDATE_PARAMS_B, v, src + ":" + ws.line("model.candidate.paramsB"))));
        ws.integer("model.candidate.contextWindow")
                .ifPresent(v -> ev.add(Evidence.declared(
                        Measure.CANDIDATE_CONTEXT_WINDOW, v, src + ":" + ws.line("model.candidate.contextWindow"))));
        ws.integer("prompts.ragContextTokens")
                .ifPresent(v -> ev.add(Evidence.declared(
                        Measure.RAG_CONTEXT_TOKENS, v, src + ":" + ws.line("prompts.ragContextTokens"))));
        ws.integer("prompts.inputTokensPerCall")
                .ifPresent(v -> ev.add(Evidence.declared(
                        Measure.INPUT_TOKENS_PER_CALL, v, src + ":" + ws.line("prompts.inputTokensPerCall"))));
        ws.integer("prompts.outputTokensPerCall")
                .ifPresent(v -> ev.add(Evidence.declared(
                        Measure.OUTPUT_TOKENS_PER_CALL, v, src + ":" + ws.line("prompts.outputTokensPerCall"))));
        boolean retrieval = ws.has("retrieval.corpus")
                || ws.has("retrieval.run")
                || ws.integer("prompts.ragContextTokens").orElse(0L) > 0;
        ev.add(Evidence.declared(
                Measure.RETRIEVAL_IN_USE,
                retrieval,
                src + (retrieval ? "" : " (no retrieval.corpus, retrieval.run or prompts.ragContextTokens)")));
        ws.number("training.maxBudgetUsd")
                .ifPresent(v -> ev.add(
                        Evidence.declared(Measure.MAX_BUDGET_USD, v, src + ":" + ws.line("training.maxBudgetUsd"))));
        ws.string("training.iteration")
                .ifPresent(v -> ev.add(Evidence.declared(
                        Measure.TRAINING_ITERATION,
                        v,
                        src
                                + (ws.line("training.iteration") > 0
                                        ? ":" + ws.line("training.iteration")
                                        : " (default)"))));
        return new AnalyzerResult(
                name(),
                ev,
                List.of(new AnalyzerResult.InputFile(
                        Workspace.CONFIG_FILE, dev.tunegate.io.Digests.sha256(ws.configFile()))),
                null,
                List.of());
    }

    private static void bool(Workspace ws, List<Evidence> ev, String key, Measure m) {
        ws.bool(key)
                .ifPresent(v -> ev.add(Evidence.declared(
                        m, v, "tunegate.yaml" + (ws.line(key) > 0 ? ":" + ws.line(key) : " (default)"))));
    }
}
