package dev.tunegate.evals;

import com.networknt.schema.JsonSchema;
import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.Analyzer;
import dev.tunegate.analysis.AnalyzerResult;
import dev.tunegate.analysis.Progress;
import dev.tunegate.evals.read.EvalFormat;
import dev.tunegate.evals.read.EvalReaders;
import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.Finding;
import dev.tunegate.evidence.Measure;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.OutputSchemaFile;
import dev.tunegate.workspace.Settings;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evals analyzer: reads {@code evals.history} (and {@code evals.baseline} with {@code evals.candidate})
 * and reports the eval-history measures behind FT-PLATEAU and NO-STRUCT: {@link Measure#EVAL_ITERATIONS},
 * {@link Measure#ITERATIONS_WITHOUT_GAIN}, {@link Measure#RECURRING_ERROR_SHARE} (0 unless a class
 * recurs), {@link Measure#RECURRING_ERROR_CLASS} (only when one recurs) and {@link Measure#FORMAT_ERROR_SHARE}.
 * Its report is an {@link EvalsReport}.
 */
public final class EvalsAnalyzer implements Analyzer {
    /** Threshold names read from the policy. */
    public static final String MIN_ITERATIONS = "FT-PLATEAU.minIterations";

    public static final String MIN_RECURRING_SHARE = "FT-PLATEAU.minRecurringShare";

    @Override
    public String name() {
        return "evals";
    }

    @Override
    public boolean applies(Workspace workspace) {
        Settings.Evals evals = workspace.settings().evals();
        return !evals.history().isEmpty() || evals.hasGoldenRuns();
    }

    /** The settings a workspace and the policy thresholds give. */
    public static EvalSettings settings(Workspace ws, AnalysisContext context) {
        Settings.Evals evals = ws.settings().evals();
        Map<String, String> columns = new LinkedHashMap<>();
        evals.columns().forEach((k, v) -> columns.put(k, String.valueOf(v)));
        int n = (int) Math.round(context.thresholds().get(MIN_ITERATIONS));
        double share = context.thresholds().get(MIN_RECURRING_SHARE);
        return EvalSettings.defaults()
                .withFormat(EvalFormat.of(evals.format()))
                .withColumns(columns)
                .withLabels(evals.labels())
                .withSeed(evals.seed())
                .withOutputSchema(ws.settings().requirements().outputSchema())
                .withPlateau(Math.max(1, n), share);
    }

    @Override
    public AnalyzerResult analyze(Workspace ws, AnalysisContext context) {
        EvalSettings settings = settings(ws, context);
        JsonSchema schema = settings.outputSchema() == null
                ? null
                : loadSchema(settings.outputSchema(), ws.relative(settings.outputSchema()));
        Findings findings = new Findings();
        Settings.Evals evals = ws.settings().evals();
        List<Path> files = evals.history();
        // each eval file is read once: hashed while it is parsed, its digest handed to the run's FileDigests
        for (Path f : files) requireFile(ws, f);
        List<EvalRecord> records = new ArrayList<>();
        try (Progress.Task task = context.progress().start("evals: reading eval files", files.size(), "files")) {
            for (Path f : files) {
                records.addAll(EvalReaders.read(
                        f, ws.relative(f), settings.format(), settings.columns(), findings, context.digests()));
                task.advance(1, sizeOf(f));
            }
        }
        List<AnalyzerResult.InputFile> inputs = new ArrayList<>();
        for (Path f : files) inputs.add(input(ws, f, context));
        List<EvalRun> runs = EvalRuns.group(records, findings);
        EvalHistoryAnalysis analysis = new EvalHistoryAnalysis(settings, schema);
        EvalsReport report =
                analysis.analyze(runs, files.stream().map(ws::relative).toList(), findings);

        RegressionReport regression = null;
        var baseline = java.util.Optional.ofNullable(evals.baseline());
        var candidate = java.util.Optional.ofNullable(evals.candidate());
        if (evals.hasGoldenRuns()) {
            requireFile(ws, baseline.get());
            requireFile(ws, candidate.get());
            Findings rf = new Findings();
            EvalRun b = single(
                    EvalRuns.load(List.of(baseline.get()), ws::relative, settings, rf, context.digests()),
                    ws.relative(baseline.get()));
            EvalRun c = single(
                    EvalRuns.load(List.of(candidate.get()), ws::relative, settings, rf, context.digests()),
                    ws.relative(candidate.get()));
            inputs.add(input(ws, baseline.get(), context));
            inputs.add(input(ws, candidate.get(), context));
            LabelSet labels = settings.labels().isEmpty()
                    ? LabelSet.infer(java.util.stream.Stream.concat(b.records().stream(), c.records().stream())
                            .map(EvalRecord::expected)
                            .toList())
                    : LabelSet.configured(settings.labels());
            double margin = ws.settings().pilot().nonInferiorityMargin();
            ErrorClassifier classifier = new ErrorClassifier(labels, schema);
            LabelFindings.check(List.of(b, c), labels, classifier, rf);
            regression = Regression.compare(b, c, margin, classifier, null, rf.snapshot());
        }
        report = new EvalsReport(
                report.seed(),
                report.metric(),
                report.files(),
                report.labelSource(),
                report.labelCount(),
                report.iterations(),
                report.plateau(),
                report.plateauEvidence(),
                report.recurringErrorClass(),
                report.topErrorClassPerIteration(),
                report.formatErrorShare(),
                report.formatDominant(),
                report.findings(),
                report.parameters(),
                regression);

        List<Evidence> evidence = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (runs.isEmpty()) {
            if (!files.isEmpty())
                notes.add("evals.history holds no usable eval records; the eval-history rules stay unknown");
        } else {
            String source = "evals: " + String.join(", ", report.files());
            evidence.add(Evidence.measured(
                    Measure.EVAL_ITERATIONS,
                    runs.size(),
                    source,
                    runs.size() + " iterations, " + report.metric() + ", seed " + settings.seed()));
            EvalsReport.PlateauEvidence p = report.plateauEvidence();
            evidence.add(Evidence.measured(
                    Measure.ITERATIONS_WITHOUT_GAIN, p.iterationsWithoutGain(), source, plateauDetail(p)));
            EvalsReport.RecurringErrorClass rec = report.recurringErrorClass();
            if (rec != null) {
                evidence.add(Evidence.measured(
                        Measure.RECURRING_ERROR_SHARE,
                        rec.share(),
                        source,
                        rec.name() + " tops each of the last " + settings.minIterations()
                                + " iterations (smallest share " + EvalsTextRenderer.share(rec.share()) + ")"));
                evidence.add(Evidence.measured(
                        Measure.RECURRING_ERROR_CLASS,
                        rec.name(),
                        source,
                        "top error class of each of the last " + settings.minIterations() + " iterations"));
            } else {
                evidence.add(Evidence.measured(
                        Measure.RECURRING_ERROR_SHARE,
                        0.0,
                        source,
                        "no class tops each of the last " + settings.minIterations() + " iterations with "
                                + EvalsTextRenderer.threshold(settings.minRecurringShare()) + " of errors; tops: "
                                + report.topErrorClassPerIteration()));
            }
            EvalsReport.IterationSummary last =
                    report.iterations().get(report.iterations().size() - 1);
            evidence.add(Evidence.measured(
                    Measure.FORMAT_ERROR_SHARE,
                    report.formatErrorShare(),
                    source,
                    "FORMAT errors among the " + last.errors() + " errors of " + last.name()));
        }
        for (Finding f : report.findings()) notes.add(f.display());
        if (regression != null)
            notes.add("regress " + regression.candidate() + " vs " + regression.baseline() + ": " + regression.verdict()
                    + " — " + regression.reason());
        return new AnalyzerResult(name(), evidence, inputs, report, notes);
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String plateauDetail(EvalsReport.PlateauEvidence p) {
        StringBuilder b = new StringBuilder();
        for (EvalsReport.Comparison c : p.comparisons()) {
            if (b.length() > 0) b.append("; ");
            b.append(String.format(
                    Locale.ROOT,
                    "%s vs %s: %+.1f points, p = %.3g on %d items%s",
                    c.iteration(),
                    c.bestEarlier(),
                    c.delta() * 100,
                    c.pValue(),
                    c.itemsCompared(),
                    c.gain() ? " (gain)" : ""));
        }
        return b.toString();
    }

    /** The file's digest as the record names it (handed in by the read that parsed it: no second read). */
    private static AnalyzerResult.InputFile input(Workspace ws, Path f, AnalysisContext context) {
        return new AnalyzerResult.InputFile(ws.relative(f), context.digests().sha256(f));
    }

    private static void requireFile(Workspace ws, Path f) {
        if (!Files.isRegularFile(f))
            throw new InvalidInputException(ws.relative(f), 0, "not a file; expected an eval results file");
    }

    /** The file's run; with several runs, the latest one (by iteration order). */
    static EvalRun single(List<EvalRun> runs, String file) {
        if (runs.isEmpty())
            throw new InvalidInputException(
                    file + ": expected eval results for a golden-set run, found no usable record");
        return runs.get(runs.size() - 1);
    }

    /** Compiles a JSON Schema file; a file that is not a schema is invalid input. */
    /** The output schema, loaded as the dataset audit loads it. */
    public static JsonSchema loadSchema(Path file, String display) {
        return OutputSchemaFile.load(file, display);
    }
}
