package dev.tunegate.cli;

import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.Pipeline;
import dev.tunegate.evals.EvalHistoryAnalysis;
import dev.tunegate.evals.EvalSettings;
import dev.tunegate.evals.EvalsAnalyzer;
import dev.tunegate.evals.EvalsReport;
import dev.tunegate.evals.EvalsTextRenderer;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tunegate evals DIR}: the eval history of a workspace (or a folder or file of eval results). */
@Command(
        mixinStandardHelpOptions = true,
        name = "evals",
        header = "Measure each prompt iteration and whether gains plateau.",
        description = {
            "Measure each prompt iteration of an eval history: accuracy with its Wilson 95%% interval, mean score with a "
                    + "seeded bootstrap interval, error classes; then say whether the latest iterations plateau (exact McNemar / "
                    + "paired permutation against the best earlier one) and whether one error class recurs (FT-PLATEAU, NO-STRUCT).",
            "DIR is a workspace (reads evals.history), a folder of eval files (in name order), or one file."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate evals examples/ticket-routing",
            "  tunegate evals examples/policy-qa --format json \\",
            "      | jq '.iterations[] | {name, accuracy, low, high}'",
            "  tunegate evals predictions/ --labels categories.json --columns item=user_query"
        })
final class EvalsCommand extends FormattedCommand {
    @Parameters(
            index = "0",
            paramLabel = "DIR",
            description = "A workspace folder, a folder of eval files, or an eval file.")
    Path dir;

    @Mixin
    EvalInputOptions input;

    @Override
    public Integer call() {
        EvalsReport report = analyze();
        return print(report, o -> o.print(EvalsTextRenderer.render(report)));
    }

    private EvalsReport analyze() {
        Policy policy = Policy.standard();
        if (Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(Workspace.CONFIG_FILE))) {
            Workspace ws = Workspace.open(dir, policy.thresholdDefinitions().keySet());
            if (!new EvalsAnalyzer().applies(ws)) {
                throw new InvalidInputException(ws.configFile()
                        + ": field \"evals.history\": expected eval result files, found none configured");
            }
            AnalysisContext ctx = AnalysisContext.forWorkspace(ws, policy, TerminalProgress.forStderr(), 1);
            if (input.any()) {
                throw new InvalidInputException(dir
                        + ": --input-format, --columns, --labels and --seed apply to plain eval files; set evals.* in "
                        + Workspace.CONFIG_FILE + " instead");
            }
            return (EvalsReport) Pipeline.analyze(new EvalsAnalyzer(), ws, ctx).report();
        }
        List<Path> files = files(dir);
        var thresholds = policy.thresholds(java.util.Map.of());
        EvalSettings settings = input.apply(EvalSettings.defaults()
                .withPlateau(
                        (int) Math.round(thresholds.get(EvalsAnalyzer.MIN_ITERATIONS)),
                        thresholds.get(EvalsAnalyzer.MIN_RECURRING_SHARE)));
        Path base = Files.isDirectory(dir) ? dir : dir.toAbsolutePath().getParent();
        return new EvalHistoryAnalysis(settings, null).analyzeFiles(files, p -> display(base, p));
    }

    private static String display(Path base, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path b = base.toAbsolutePath().normalize();
        return abs.startsWith(b) ? b.relativize(abs).toString() : p.toString();
    }

    static List<Path> files(Path dir) {
        if (Files.isRegularFile(dir)) return List.of(dir);
        if (!Files.isDirectory(dir))
            throw new InvalidInputException(
                    dir + ": not found; expected a workspace, a folder of eval files or an eval file");
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".jsonl")
                                || n.endsWith(".json")
                                || n.endsWith(".csv")
                                || n.endsWith(".tsv")
                                || n.endsWith(".ndjson");
                    })
                    .sorted()
                    .toList();
            if (files.isEmpty())
                throw new InvalidInputException(dir + ": expected eval files (.jsonl, .json, .csv), found none");
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
