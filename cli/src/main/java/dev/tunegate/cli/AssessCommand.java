package dev.tunegate.cli;

import dev.tunegate.assess.AssessOptions;
import dev.tunegate.assess.Assessment;
import dev.tunegate.record.DecisionRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tunegate assess DIR}: the main job. */
@Command(
        mixinStandardHelpOptions = true,
        name = "assess",
        header = "Decide what a use case should do next, and record why.",
        description = {
            "Run every analyzer whose artifacts the workspace configures, apply the rules of docs/RULES.md and print the "
                    + "decision: what to do, the method, the three strongest reasons and what would change it. Writes a "
                    + "decision record (Markdown + JSON twin + HTML page) into DIR/decisions/ and appends DIR/decisions/log.jsonl — "
                    + "unless every input digest and the effective configuration equal the latest record's: then it prints "
                    + "\"unchanged since NNNN\" and writes nothing (--force writes a new record anyway)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate assess examples/ticket-routing",
            "  tunegate assess examples/policy-qa --format json | jq .decision",
            "  tunegate assess my-use-case --no-write",
            "  tunegate assess my-use-case --force"
        })
final class AssessCommand extends WorkspaceCommand.Folder {
    @Option(names = "--no-write", description = "Do not write the decision record (print only).")
    boolean noWrite;

    @Option(
            names = "--force",
            description = "Write a new record even when the inputs and configuration equal the latest record's.")
    boolean force;

    @Mixin
    ThreadsOption threads;

    @Mixin
    AsOfOption asOf;

    @Override
    public Integer call() {
        AssessOptions opts = AssessOptions.defaults().withWrite(!noWrite).withProgress(TerminalProgress.forStderr());
        if (threads.given()) opts = new AssessOptions(opts.write(), threads.count(), opts.progress(), opts.clock());
        opts = opts.withForce(force);
        opts = asOf.applyTo(opts);
        Assessment.Result result = Assessment.standard().run(dir, opts);
        PrintWriter out = out();
        if (result.unchangedSince() != null) {
            // the latest record stands: print it (as stored, for JSON) and write nothing
            if (json()) {
                out.print(readStored(result.unchangedSince()));
            } else {
                printText(out, result);
            }
            out.flush();
            spec.commandLine()
                    .getErr()
                    .println("unchanged since " + recordId(result.unchangedSince()) + " — same inputs ("
                            + PilotCommand.shown(
                                    result.unchangedSince().resolveSibling(stem(result.unchangedSince()) + ".md"))
                            + "); nothing written. --force writes a new record.");
            return TunegateCommand.OK;
        }
        return print(result.record(), o -> printText(o, result));
    }

    private static String stem(Path json) {
        String n = json.getFileName().toString();
        return n.substring(0, n.length() - ".json".length());
    }

    private static String recordId(Path json) {
        return json.getFileName().toString().substring(0, 4);
    }

    private static String readStored(Path json) {
        try {
            return java.nio.file.Files.readString(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + json + ": " + e.getMessage(), e);
        }
    }

    private static void printText(PrintWriter out, Assessment.Result result) {
        DecisionRecord r = result.record();
        if (result.unchangedSince() != null)
            out.println("unchanged since " + recordId(result.unchangedSince()) + " — same inputs");
        out.println(r.useCase().name() + ": " + r.label());
        out.println("  " + r.summary());
        if (r.methodReason() != null && !r.methodReason().isEmpty()) out.println("  Method: " + r.methodReason() + ".");
        if (r.methods() != null && !r.methods().isEmpty()) {
            out.println("  method          peak memory  fits?    cost/run     budget?        seed band");
            for (DecisionRecord.MethodRow m : r.methods()) {
                out.println(String.format(
                        java.util.Locale.ROOT,
                        "  %s %-14s %-12s %-8s %-12s %-14s %s",
                        m.chosen() ? "→" : " ",
                        m.label(),
                        m.peakMemoryGb() == null
                                ? "unknown"
                                : String.format(java.util.Locale.ROOT, "%.1f GB", m.peakMemoryGb()),
                        m.fitsHardware() == null ? "unknown" : m.fitsHardware() ? "yes" : "no",
                        m.costPerRunUsd() == null
                                ? "unknown"
                                : String.format(java.util.Locale.ROOT, "$%,.2f", m.costPerRunUsd()),
                        m.withinBudget() == null ? "no budget set" : m.withinBudget() ? "within" : "over",
                        m.seedBand()));
            }
        }
        out.println();
        out.println("Why:");
        for (int i = 0; i < r.reasons().size(); i++)
            out.println("  " + (i + 1) + ". " + r.reasons().get(i));
        if (!r.counterfactuals().isEmpty() || !r.unsettled().isEmpty()) {
            out.println();
            out.println("What would change it:");
            r.counterfactuals()
                    .forEach(c -> out.println("  - if " + c.change() + " (" + c.rule() + ") → " + c.decision()
                            + (c.method() == null ? "" : "(" + c.method() + ")")));
            r.unsettled()
                    .forEach(u -> out.println("  - " + u.rule() + " is unknown; if it fired → " + u.decisionIfFired()
                            + (u.method() == null ? "" : "(" + u.method() + ")") + "; settle it with "
                            + String.join(", ", u.settledBy())));
        }
        long fired = r.rules().stream()
                .filter(x -> x.verdict() == dev.tunegate.policy.Verdict.FIRED)
                .count();
        long unknown = r.rules().stream()
                .filter(x -> x.verdict() == dev.tunegate.policy.Verdict.UNKNOWN)
                .count();
        long na = r.rules().stream()
                .filter(x -> x.verdict() == dev.tunegate.policy.Verdict.NOT_APPLICABLE)
                .count();
        out.println();
        out.println("Rules: " + r.rules().size() + " applied, " + fired + " fired, " + unknown + " unknown"
                + (na > 0 ? ", " + na + " n/a" : "") + ".");
        r.notes().forEach(n -> out.println("Note: " + n));
        if (result.unchangedSince() != null) {
            out.println("Record: "
                    + PilotCommand.shown(result.unchangedSince().resolveSibling(stem(result.unchangedSince()) + ".md"))
                    + " (unchanged; nothing written)");
        }
        if (result.markdown() != null) {
            Path cwd = Path.of("").toAbsolutePath();
            Path md = result.markdown().toAbsolutePath();
            Path shown = md.startsWith(cwd) ? cwd.relativize(md) : md;
            out.println("Record: " + shown + " (+ .json twin; log: decisions/log.jsonl)");
            if (result.html() != null) out.println("Page:   " + PilotCommand.shown(result.html()));
        }
    }
}
