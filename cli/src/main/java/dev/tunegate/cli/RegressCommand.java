package dev.tunegate.cli;

import com.networknt.schema.JsonSchema;
import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.evals.EvalSettings;
import dev.tunegate.evals.EvalsAnalyzer;
import dev.tunegate.evals.Regression;
import dev.tunegate.evals.RegressionLog;
import dev.tunegate.evals.RegressionRenderer;
import dev.tunegate.evals.RegressionReport;
import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.FileDigests;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.PilotSettings;
import dev.tunegate.workspace.Settings;
import dev.tunegate.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tunegate regress}: a golden-set regression check of a candidate run against a baseline run. */
@Command(
        defaultValueProvider = RegressCommand.MarginDefault.class,
        mixinStandardHelpOptions = true,
        name = "regress",
        header = "Compare a candidate eval run with a baseline, item by item.",
        description = {
            "Compare a candidate run with a baseline run on the items both answered: improved / regressed / unchanged "
                    + "items, accuracy difference with Newcombe's paired 95%% interval, exact McNemar p-value, breakdowns by error "
                    + "class and by tag (slice, era). Verdict PASS (non-inferior within the margin), REGRESSION (exit code 1) or "
                    + "INCONCLUSIVE (with the items a conclusive check would need). With --workspace DIR the check is also "
                    + "appended to DIR/evals/regress-log.jsonl (verdict, margin, the runs' digests), which tunegate due reads as "
                    + "the workspace's latest golden-set regression; the runs not given are the workspace's (evals.baseline, "
                    + "evals.candidate), read with its evals settings, and the margin its pilot.nonInferiorityMargin."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate regress --baseline evals/baseline.jsonl \\",
            "      --candidate evals/candidate.jsonl",
            "  tunegate regress --baseline a.csv --candidate b.csv --format junit \\",
            "      -o regress.xml",
            "  tunegate regress --baseline evals/baseline.jsonl \\",
            "      --candidate evals/candidate.jsonl --workspace .",
            "  tunegate regress --workspace examples/ticket-routing   its own golden-set runs"
        })
final class RegressCommand implements Callable<Integer> {
    /** {@code --margin} defaults to the schema's {@code pilot.nonInferiorityMargin}, the one place it is written. */
    static final class MarginDefault implements picocli.CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(picocli.CommandLine.Model.ArgSpec arg) {
            return arg.isOption() && "--margin".equals(((picocli.CommandLine.Model.OptionSpec) arg).longestName())
                    ? Double.toString(PilotSettings.DEFAULT_NON_INFERIORITY_MARGIN)
                    : null;
        }
    }

    /** Output formats of the regression check. */
    enum Format {
        text,
        json,
        markdown,
        junit
    }

    @Option(
            names = "--baseline",
            paramLabel = "FILE",
            description =
                    "The baseline run (native JSONL, promptfoo JSON or CSV; default with --workspace: its evals.baseline).")
    Path baseline;

    @Option(
            names = "--candidate",
            paramLabel = "FILE",
            description = "The candidate run (default with --workspace: its evals.candidate).")
    Path candidate;

    @Option(
            names = "--golden",
            paramLabel = "FILE",
            description = "Restrict the check to these golden items (JSONL with item/id, or CSV).")
    Path golden;

    @Option(
            names = "--margin",
            paramLabel = "M",
            description = "Non-inferiority margin as a fraction (default: ${DEFAULT-VALUE} = 1 accuracy point).")
    double margin;

    @Option(
            names = "--format",
            paramLabel = "text|json|markdown|junit",
            defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the output to FILE (atomically) instead of stdout.")
    Path output;

    @Option(
            names = "--workspace",
            paramLabel = "DIR",
            description = "Also record the check in DIR/evals/regress-log.jsonl (append-only), for tunegate due.")
    Path workspace;

    @Mixin
    EvalInputOptions input;

    @Mixin
    AsOfOption asOf;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!(margin > 0 && margin < 1)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--margin: expected a fraction between 0 and 1 (0.01 = 1 point), found " + margin);
        }
        if (workspace == null && (baseline == null || candidate == null)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Missing required option" + (baseline == null && candidate == null ? "s" : "") + ": "
                            + (baseline == null ? "--baseline=FILE" : "")
                            + (baseline == null && candidate == null ? ", " : "")
                            + (candidate == null ? "--candidate=FILE" : "")
                            + " (or --workspace DIR, whose tunegate.yaml names evals.baseline and evals.candidate)");
        }
        // the workspace is opened (and its config validated) before the check runs, so a bad DIR stops it early
        Workspace ws = workspace == null ? null : DataCommand.open(workspace);
        EvalSettings settings;
        JsonSchema schema = null;
        if (baseline == null || candidate == null) { // the workspace's own runs, read as its evals settings say
            if (input.any()) {
                throw new InvalidInputException(
                        "--input-format, --columns, --labels and --seed apply to eval files given on the command line;"
                                + " the workspace's runs are read as evals.* in " + ws.configFile() + " says");
            }
            Settings.Evals evals = ws.settings().evals();
            baseline = configured(ws, baseline, evals.baseline(), "evals.baseline");
            candidate = configured(ws, candidate, evals.candidate(), "evals.candidate");
            Policy policy = Policy.standard();
            settings = EvalsAnalyzer.settings(
                    ws, AnalysisContext.forWorkspace(ws, policy, TerminalProgress.forStderr(), 1));
            if (settings.outputSchema() != null)
                schema = EvalsAnalyzer.loadSchema(settings.outputSchema(), ws.relative(settings.outputSchema()));
            if (!spec.commandLine().getParseResult().hasMatchedOption("--margin"))
                margin = ws.settings().pilot().nonInferiorityMargin();
        } else {
            settings = input.apply(EvalSettings.defaults());
        }
        // each file is read once: hashed while it is parsed, for the regression log's digests
        FileDigests digests = new FileDigests();
        RegressionReport report;
        try {
            report = Regression.compareFiles(baseline, candidate, golden, margin, settings, schema, digests);
        } catch (InvalidInputException e) {
            throw ws == null ? e : ws.attribute(e); // a run tunegate.yaml names: say which key, as analyzers do
        }
        String text =
                switch (format) {
                    case text -> RegressionRenderer.text(report);
                    case json -> Json.pretty(report);
                    case markdown -> RegressionRenderer.markdown(report);
                    case junit -> RegressionRenderer.junit(report);
                };
        if (output != null) {
            AtomicFiles.write(output, text);
            PrintWriter err = spec.commandLine().getErr();
            err.println("regress: " + report.verdict() + " (" + report.sharedItems() + " shared items) → " + output);
            err.flush();
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        }
        if (ws != null) {
            Instant at = asOf.asOf == null
                    ? Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    : asOf.date().atStartOfDay(ZoneOffset.UTC).toInstant();
            Path log = RegressionLog.append(
                    ws, RegressionLog.entry(ws, report, baseline, candidate, golden, at, asOf.date(), digests));
            PrintWriter err = spec.commandLine().getErr();
            err.println("regress: " + report.verdict() + " recorded in " + log);
            err.flush();
        }
        return report.exitCode() == 1 ? TunegateCommand.GATE : TunegateCommand.OK;
    }

    /** The run given on the command line, else the workspace's {@code key}; an error naming the config when neither. */
    private static Path configured(Workspace ws, Path given, Path fromConfig, String key) {
        if (given != null) return given;
        if (fromConfig == null) {
            throw new InvalidInputException(ws.configFile() + ": field \"" + key
                    + "\": expected the golden-set run to compare, found none configured; give it with --"
                    + key.substring(key.indexOf('.') + 1));
        }
        return fromConfig;
    }
}
