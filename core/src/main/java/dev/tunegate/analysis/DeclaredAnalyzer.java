package dev.tunegate.analysis;

import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.Measure;
import dev.tunegate.workspace.Settings;
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
        Settings s = ws.settings();
        List<Evidence> ev = new ArrayList<>();
        declared(ws, ev, "useCase.taskType", Measure.TASK_TYPE, s.useCase().taskType());
        declared(
                ws,
                ev,
                "useCase.costOfFailure",
                Measure.COST_OF_FAILURE,
                s.useCase().costOfFailure());
        bool(
                ws,
                ev,
                "useCase.describableAsPairs",
                Measure.DESCRIBABLE_AS_PAIRS,
                s.useCase().describableAsPairs());
        bool(
                ws,
                ev,
                "requirements.citationsRequired",
                Measure.CITATIONS_REQUIRED,
                s.requirements().citationsRequired());
        bool(
                ws,
                ev,
                "requirements.structuredOutputConfigured",
                Measure.STRUCTURED_OUTPUT_CONFIGURED,
                s.requirements().structuredOutputConfigured());
        bool(
                ws,
                ev,
                "requirements.onPremInference",
                Measure.ON_PREM_INFERENCE,
                s.requirements().onPremInference());
        bool(
                ws,
                ev,
                "requirements.dataMayLeavePerimeter",
                Measure.DATA_MAY_LEAVE_PERIMETER,
                s.requirements().dataMayLeavePerimeter());
        bool(
                ws,
                ev,
                "data.labelingPipeline",
                Measure.LABELING_PIPELINE,
                s.data().labelingPipeline());
        String factsChange = s.requirements().factsChange();
        if (factsChange != null)
            ev.add(Evidence.declared(
                    Measure.FACT_CHANGE_INTERVAL_DAYS,
                    FACT_CHANGE_DAYS.get(factsChange),
                    SRC + ":" + ws.line("requirements.factsChange") + " (factsChange: " + factsChange + ")"));
        declared(
                ws,
                ev,
                "model.candidate.paramsB",
                Measure.CANDIDATE_PARAMS_B,
                s.model().candidateParamsB());
        declared(
                ws,
                ev,
                "model.candidate.contextWindow",
                Measure.CANDIDATE_CONTEXT_WINDOW,
                s.model().candidateContextWindow());
        Settings.Prompts prompts = s.prompts();
        declared(ws, ev, "prompts.ragContextTokens", Measure.RAG_CONTEXT_TOKENS, prompts.ragContextTokens());
        declared(ws, ev, "prompts.inputTokensPerCall", Measure.INPUT_TOKENS_PER_CALL, prompts.inputTokensPerCall());
        declared(ws, ev, "prompts.outputTokensPerCall", Measure.OUTPUT_TOKENS_PER_CALL, prompts.outputTokensPerCall());
        boolean retrieval =
                s.retrieval().configured() || (prompts.ragContextTokens() != null && prompts.ragContextTokens() > 0);
        ev.add(Evidence.declared(
                Measure.RETRIEVAL_IN_USE,
                retrieval,
                SRC + (retrieval ? "" : " (no retrieval.corpus, retrieval.run or prompts.ragContextTokens)")));
        declared(
                ws,
                ev,
                "training.maxBudgetUsd",
                Measure.MAX_BUDGET_USD,
                s.training().maxBudgetUsd());
        String iteration = s.training().iteration();
        if (iteration != null)
            ev.add(Evidence.declared(
                    Measure.TRAINING_ITERATION,
                    iteration,
                    SRC + (ws.line("training.iteration") > 0 ? ":" + ws.line("training.iteration") : " (default)")));
        return new AnalyzerResult(
                name(),
                ev,
                List.of(new AnalyzerResult.InputFile(
                        Workspace.CONFIG_FILE, context.digests().sha256(ws.configFile()))),
                null,
                List.of());
    }

    private static final String SRC = "tunegate.yaml";

    /** A declared value (when set), its source the key's line. */
    private static void declared(Workspace ws, List<Evidence> ev, String key, Measure m, Object value) {
        if (value != null) ev.add(Evidence.declared(m, value, SRC + ":" + ws.line(key)));
    }

    /** A declared flag, its source the key's line or "(default)". */
    private static void bool(Workspace ws, List<Evidence> ev, String key, Measure m, boolean value) {
        ev.add(Evidence.declared(m, value, SRC + (ws.line(key) > 0 ? ":" + ws.line(key) : " (default)")));
    }
}
