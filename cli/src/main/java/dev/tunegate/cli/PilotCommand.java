package dev.tunegate.cli;

import dev.tunegate.assess.AssessOptions;
import dev.tunegate.evidence.Finding;
import dev.tunegate.pilot.Pilot;
import dev.tunegate.pilot.PilotCondition;
import dev.tunegate.pilot.PilotRecord;
import dev.tunegate.pilot.PilotVerdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tunegate pilot DIR}: scale, improve or stop. */
@Command(
        mixinStandardHelpOptions = true,
        name = "pilot",
        header = "Decide whether a pilot should SCALE, IMPROVE or STOP.",
        description = {
            "Decide whether a 4–8 week pilot should SCALE, IMPROVE or STOP from its named metrics and targets (pilot.* in "
                    + "tunegate.yaml), its dated KPI checkpoints (pilot.checkpoints), the candidate's golden-set regression against the "
                    + "baseline (evals.baseline, evals.candidate) and the cost model's break-even. Writes a pilot record and its HTML page "
                    + "into DIR/decisions/ and appends DIR/decisions/log.jsonl. Exits 1 on STOP, so a pipeline can gate on it."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate pilot examples/ticket-routing",
            "  tunegate pilot examples/policy-qa --format json | jq '.verdict, .conditions'",
            "  tunegate pilot my-use-case --no-write --as-of 2026-03-01"
        })
final class PilotCommand extends WorkspaceCommand.Folder {
    @Option(names = "--no-write", description = "Do not write the pilot record and page (print only).")
    boolean noWrite;

    @Mixin
    AsOfOption asOf;

    @Override
    public Integer call() {
        AssessOptions opts = AssessOptions.defaults().withWrite(!noWrite).withProgress(TerminalProgress.forStderr());
        opts = asOf.applyTo(opts);
        Pilot.Result result = Pilot.standard().run(dir, opts);
        PilotRecord r = result.record();
        print(r, out -> printText(out, result));
        return r.verdict() == PilotVerdict.STOP ? TunegateCommand.GATE : TunegateCommand.OK;
    }

    private static void printText(PrintWriter out, Pilot.Result result) {
        PilotRecord r = result.record();
        out.println(r.useCase() + " pilot: " + r.verdict());
        out.println("  " + r.summary());
        out.println();
        out.println("Why:");
        for (int i = 0; i < r.reasons().size(); i++)
            out.println("  " + (i + 1) + ". " + r.reasons().get(i));
        out.println();
        out.println("Conditions:");
        for (PilotCondition c : r.conditions()) {
            if (c.notApplicable()) {
                out.println("  [n/a] " + c.id() + " (" + c.gate() + "): " + c.source());
                continue;
            }
            String met = c.met() == null ? "unknown" : c.met() ? "met" : "MISSED";
            out.println("  [" + met + "] " + c.id() + " (" + c.gate() + "): " + c.measuredText() + " — needed: "
                    + c.targetText());
        }
        out.println();
        out.println("What would change it:");
        r.wouldChange().forEach(w -> out.println("  - " + w));
        if (!r.findings().isEmpty()) {
            out.println();
            out.println("Checkpoint rows not used (" + r.findings().size() + "):");
            r.findings().stream().limit(10).map(Finding::display).forEach(f -> out.println("  " + f));
        }
        if (result.markdown() != null) {
            out.println();
            out.println("Record: " + shown(result.markdown()) + " (+ .json twin; log: decisions/log.jsonl)");
            out.println("Page:   " + shown(result.html()));
        }
    }

    static String shown(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath();
        return (abs.startsWith(cwd) ? cwd.relativize(abs) : abs).toString();
    }
}
