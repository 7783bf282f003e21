package dev.tunegate.cli;

import dev.tunegate.assess.AssessOptions;
import dev.tunegate.assess.Assessment;
import dev.tunegate.io.Json;
import dev.tunegate.record.DecisionRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tunegate assess DIR}: the main job. */
@Command(mixinStandardHelpOptions = true, name = "assess",
        description = {
            "Run every analyzer whose artifacts the workspace configures, apply the rules of docs/RULES.md and print the",
            "decision: what to do, the method, the three strongest reasons and what would change it. Writes a",
            "decision record (Markdown + JSON twin + HTML page) into DIR/decisions/ and appends DIR/decisions/log.jsonl."},
        footerHeading = "%nExamples:%n",
        footer = {"  tunegate assess examples/ticket-routing",
                  "  tunegate assess examples/policy-qa --format json | jq .decision",
                  "  tunegate assess my-use-case --no-write"})
final class AssessCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The workspace folder (holding tunegate.yaml).")
    Path dir;

    @Mixin
    FormatOption format;

    @Option(names = "--no-write", description = "Do not write the decision record (print only).")
    boolean noWrite;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the heavy analyzers (default: all cores).")
    Integer threads;

    @Mixin
    AsOfOption asOf;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AssessOptions opts = AssessOptions.defaults().withWrite(!noWrite).withProgress(TerminalProgress.forStderr());
        if (threads != null) opts = new AssessOptions(opts.write(), Math.max(1, threads), opts.progress(), opts.clock());
        opts = asOf.applyTo(opts);
        Assessment.Result result = Assessment.standard().run(dir, opts);
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            out.print(Json.pretty(result.record()));
        } else {
            printText(out, result);
        }
        out.flush();
        return TunegateCommand.OK;
    }

    private static void printText(PrintWriter out, Assessment.Result result) {
        DecisionRecord r = result.record();
        out.println(r.useCase().name() + ": " + r.label());
        out.println("  " + r.summary());
        if (r.methodReason() != null && !r.methodReason().isEmpty()) out.println("  Method: " + r.methodReason() + ".");
        out.println();
        out.println("Why:");
        for (int i = 0; i < r.reasons().size(); i++) out.println("  " + (i + 1) + ". " + r.reasons().get(i));
        if (!r.counterfactuals().isEmpty() || !r.unsettled().isEmpty()) {
            out.println();
            out.println("What would change it:");
            r.counterfactuals().forEach(c -> out.println("  - if " + c.change() + " (" + c.rule() + ") → " + c.decision() + (c.method() == null ? "" : "(" + c.method() + ")")));
            r.unsettled().forEach(u -> out.println("  - " + u.rule() + " is unknown; if it fired → " + u.decisionIfFired()
                    + (u.method() == null ? "" : "(" + u.method() + ")") + "; settle it with " + String.join(", ", u.settledBy())));
        }
        long fired = r.rules().stream().filter(x -> x.verdict() == dev.tunegate.policy.Verdict.FIRED).count();
        long unknown = r.rules().stream().filter(x -> x.verdict() == dev.tunegate.policy.Verdict.UNKNOWN).count();
        out.println();
        out.println("Rules: " + r.rules().size() + " applied, " + fired + " fired, " + unknown + " unknown.");
        r.notes().forEach(n -> out.println("Note: " + n));
        if (result.markdown() != null) {
            Path cwd = Path.of("").toAbsolutePath();
            Path md = result.markdown().toAbsolutePath();
            Path shown = md.startsWith(cwd) ? cwd.relativize(md) : md;
            out.println("Record: " + shown + " (+ .json twin; log: decisions/log.jsonl)");
            if (result.html() != null) out.println("Page:   " + PilotCommand.shown(result.html()));
        }
    }
}
