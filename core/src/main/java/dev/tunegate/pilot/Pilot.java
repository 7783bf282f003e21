package dev.tunegate.pilot;

import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.AnalyzerResult;
import dev.tunegate.analysis.Pipeline;
import dev.tunegate.assess.AssessOptions;
import dev.tunegate.assess.Assessment;
import dev.tunegate.evals.EvalsAnalyzer;
import dev.tunegate.evals.EvalsReport;
import dev.tunegate.evals.RegressionReport;
import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.Measure;
import dev.tunegate.io.WorkspaceWriteLock;
import dev.tunegate.policy.DecisionKind;
import dev.tunegate.policy.Policy;
import dev.tunegate.record.Provenance;
import dev.tunegate.record.RecordWriter;
import dev.tunegate.report.HtmlReport;
import dev.tunegate.workspace.PilotSettings;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code tunegate pilot}: the assessment's evidence (for the cost model's break-even), the golden-set regression
 * ({@link dev.tunegate.evals.Regression}, through the evals analyzer), the checkpoints, then {@link PilotJudge},
 * then the pilot record and its HTML page in {@code decisions/}.
 */
public final class Pilot {
    private final Assessment assessment;
    private final Policy policy;

    public Pilot(Policy policy, Assessment assessment) {
        this.policy = policy;
        this.assessment = assessment;
    }

    public static Pilot standard() {
        return new Pilot(Policy.standard(), Assessment.standard());
    }

    /**
     * The outcome, and where it was written (paths null when not written).
     *
     * @param assessment the assessment the pilot ran on (never written by the pilot)
     * @param record the pilot record
     */
    public record Result(Assessment.Result assessment, PilotRecord record, Path markdown, Path json, Path html) {}

    /** Whether a workspace configures anything a pilot verdict reads. */
    public static boolean configured(Workspace ws) {
        return ws.pilot().checkpoints() != null || ws.settings().evals().hasGoldenRuns();
    }

    /** Opens the workspace (validating its config) and judges its pilot. */
    public Result run(Path dir, AssessOptions options) {
        return run(Workspace.open(dir, policy.thresholdDefinitions().keySet()), options);
    }

    public Result run(Workspace ws, AssessOptions options) {
        Assessment.Result assessed = assessment.run(ws, options.withWrite(false));
        LocalDate today = LocalDate.now(options.clock());
        PilotSettings settings = ws.pilot();
        List<AnalyzerResult.InputFile> inputs = new ArrayList<>();

        RegressionReport regression = regression(ws, assessed, options, inputs);

        Checkpoints checkpoints = null;
        var cpFile = java.util.Optional.ofNullable(settings.checkpoints());
        if (cpFile.isPresent()) {
            String display = ws.relative(cpFile.get());
            checkpoints = new CheckpointReader(settings.processKpi()).read(cpFile.get(), display, today);
            inputs.add(new AnalyzerResult.InputFile(display, checkpoints.sha256())); // hashed while read
        }

        PilotRecord.BreakEven breakEven = null;
        Double breakEvenWeeks = null;
        String breakEvenSource = null;
        String paybackNotApplicable = null;
        var be = assessed.run().evidence().get(Measure.BREAK_EVEN_WEEKS);
        DecisionKind kind = assessed.decision().kind();
        if (kind != DecisionKind.FINE_TUNE && kind != DecisionKind.HYBRID) {
            // the cost model's break-even weighs a fine-tune against today's prompt: it says nothing of a pilot of
            // anything else
            paybackNotApplicable = "not applicable: the decision is " + kind
                    + ", not a fine-tune, and the cost model's break-even weighs a "
                    + "fine-tune against today's prompt; the unit-cost guardrail (pilot.unitCostUsdMax) judges this pilot's economics";
        } else if (be.isPresent() && be.get().value() instanceof Number n) {
            Evidence e = be.get();
            breakEvenWeeks = n.doubleValue();
            breakEvenSource = e.source();
            boolean never = Double.isInfinite(breakEvenWeeks);
            breakEven = new PilotRecord.BreakEven(never ? null : breakEvenWeeks, never, e.source(), e.detail());
        }

        String name = ws.settings().useCase().name();
        PilotJudgement j = new PilotJudge(settings)
                .judge(name, checkpoints, regression, breakEvenWeeks, breakEvenSource, paybackNotApplicable);
        RecordWriter writer = new RecordWriter(ws);
        // the number is allocated and the record written under the workspace's write lock: two runs never share one
        try (WorkspaceWriteLock lock = options.write() ? WorkspaceWriteLock.acquire(ws.root()) : null) {
            int number = writer.nextNumber();
            String id = String.format(Locale.ROOT, "%04d", number);
            Map<String, Object> config = new LinkedHashMap<>();
            ws.effective().forEach((k, v) -> {
                if (k.startsWith("pilot.") || k.equals("evals.baseline") || k.equals("evals.candidate"))
                    config.put(k, v);
            });
            PilotRecord record = new PilotRecord(
                    PilotRecord.SCHEMA_VERSION,
                    "pilot",
                    id,
                    name + " pilot: " + j.verdict(),
                    today.toString(),
                    name,
                    j.verdict(),
                    j.summary(),
                    j.reasons(),
                    j.misses(),
                    j.wouldChange(),
                    j.conditions(),
                    settings,
                    checkpoints == null
                            ? null
                            : new PilotRecord.CheckpointSummary(
                                    checkpoints.file(), checkpoints.totalCalls(), checkpoints.rows()),
                    regression,
                    breakEven,
                    checkpoints == null ? List.of() : checkpoints.findings(),
                    Provenance.of(ws, inputs, config, null));
            if (!options.write()) return new Result(assessed, record, null, null, null);
            RecordWriter.Written w = writer.write(
                    record,
                    PilotMarkdown.render(record),
                    (md, json) -> HtmlReport.write(
                            md.resolveSibling(id + "-" + record.slug() + ".html"),
                            assessed.record(),
                            dev.tunegate.io.Json.mapper().valueToTree(record)));
            return new Result(assessed, record, w.markdown(), w.json(), w.extra());
        }
    }

    /** The regression the evals analyzer reported during the assessment, or computed by it now when it did not run. */
    private RegressionReport regression(
            Workspace ws, Assessment.Result assessed, AssessOptions options, List<AnalyzerResult.InputFile> inputs) {
        var baseline = java.util.Optional.ofNullable(ws.settings().evals().baseline());
        var candidate = java.util.Optional.ofNullable(ws.settings().evals().candidate());
        if (baseline.isEmpty() || candidate.isEmpty()) return null;
        AnalyzerResult evals = assessed.run().result("evals").orElse(null);
        if (evals == null) {
            AnalysisContext ctx = AnalysisContext.forWorkspace(ws, policy, options.progress(), options.threads());
            evals = Pipeline.analyze(new EvalsAnalyzer(), ws, ctx);
        }
        String b = ws.relative(baseline.get()), c = ws.relative(candidate.get());
        evals.inputs().stream()
                .filter(i -> i.path().equals(b) || i.path().equals(c))
                .forEach(inputs::add);
        return evals.report() instanceof EvalsReport r ? r.regression() : null;
    }
}
