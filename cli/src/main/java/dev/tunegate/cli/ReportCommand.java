package dev.tunegate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunegate.assess.AssessOptions;
import dev.tunegate.assess.Assessment;
import dev.tunegate.io.Json;
import dev.tunegate.pilot.Pilot;
import dev.tunegate.policy.Policy;
import dev.tunegate.record.DecisionRecord;
import dev.tunegate.report.HtmlReport;
import dev.tunegate.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tunegate report DIR}: one self-contained HTML page of the decision (and the pilot, when configured). */
@Command(
        mixinStandardHelpOptions = true,
        name = "report",
        header = "Write one self-contained HTML page for a product owner.",
        description = {
            "Assess the workspace (and judge its pilot when pilot.checkpoints or evals.baseline/candidate are configured) "
                    + "without writing records, and write ONE self-contained HTML page a product owner reads without help: the verdict, "
                    + "its reasons, the rule table, charts, the worst examples behind each finding and provenance. Opens offline."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate report examples/ticket-routing",
            "  tunegate report examples/policy-qa -o /tmp/policy-qa.html"
        })
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The workspace folder (holding tunegate.yaml).")
    Path dir;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE.html",
            description = "Where to write the page (default: DIR/reports/NNNN-slug.html).")
    Path output;

    @Mixin
    AsOfOption asOf;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (output != null && java.nio.file.Files.isDirectory(output))
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--output: expected a file, found the folder " + output);
        AssessOptions opts = AssessOptions.defaults().withWrite(false).withProgress(TerminalProgress.forStderr());
        opts = asOf.applyTo(opts);
        Workspace ws =
                Workspace.open(dir, Policy.standard().thresholdDefinitions().keySet());
        DecisionRecord record;
        JsonNode pilot = null;
        if (Pilot.configured(ws)) {
            Pilot.Result r = Pilot.standard().run(ws, opts);
            record = r.assessment().record();
            pilot = Json.mapper().valueToTree(r.record());
        } else {
            record = Assessment.standard().run(ws, opts).record();
        }
        // the decision record that stands for this assessment: the latest stored one when its inputs are unchanged
        // (shown as stored, under its number); otherwise the page says the assessment is not recorded
        java.util.Optional<Path> stored = Assessment.recordedAs(ws, record);
        JsonNode decision =
                stored.isPresent() ? readStored(stored.get()) : Json.mapper().valueToTree(record);
        Path file = output != null
                ? output
                : stored.map(json -> ws.root()
                                .resolve("reports")
                                .resolve(json.getFileName().toString().replaceFirst("\\.json$", ".html")))
                        .orElseGet(() -> HtmlReport.defaultFile(ws.root(), record));
        HtmlReport.writeReport(file, decision, stored.isPresent(), pilot);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Report: " + PilotCommand.shown(file));
        out.flush();
        return TunegateCommand.OK;
    }

    private static JsonNode readStored(Path json) {
        try {
            return Json.mapper().readTree(json.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + json + ": " + e.getMessage(), e);
        }
    }
}
