package dev.tunegate.cli;

import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import dev.tunegate.ops.Due;
import dev.tunegate.ops.DueText;
import dev.tunegate.workspace.ConfigException;
import dev.tunegate.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tunegate due DIR…}: what is overdue; exit 1 when anything is. */
@Command(
        mixinStandardHelpOptions = true,
        name = "due",
        header = "What is overdue: reviews, regressions, prices, backlog.",
        description = {
            "What is overdue in one or many workspaces: a decision past its review date, a quarter without a golden-set "
                    + "regression (pilot records, adapter promotions), a newer base model in the price catalog than the candidate or "
                    + "the current model, stale prices, backlog entries open for more than two weeks. Exit 1 when anything is "
                    + "overdue (for cron or CI), 0 otherwise, 3 when a workspace's tunegate.yaml cannot be read (the others are "
                    + "still checked; its problems follow the report). Reads only."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate due examples/policy-qa examples/ticket-routing",
            "  tunegate due examples --format junit > due.xml",
            "  tunegate due WS --format json --as-of 2026-12-01"
        })
final class DueCommand implements Callable<Integer> {
    enum Format {
        text,
        json,
        markdown,
        junit
    }

    @Parameters(
            arity = "1..*",
            paramLabel = "DIR",
            description = "Workspaces, or folders of workspaces (each sub-folder with a tunegate.yaml).")
    List<Path> dirs = new ArrayList<>();

    @Option(
            names = "--format",
            paramLabel = "text|json|markdown|junit",
            defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Mixin
    AsOfOption asOf;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Workspace> ws = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        // a workspace whose tunegate.yaml cannot be read does not hide what is due in the others (due runs from cron
        // and CI): its problems are error lines, naming its file, after the report, and the exit code is 3
        List<String> broken = new ArrayList<>();
        for (Path d : dirs)
            for (Path w : Workspace.folders(d)) {
                String name = w.equals(d.toAbsolutePath().normalize())
                        ? d.toString()
                        : d.resolve(w.getFileName()).toString();
                try {
                    ws.add(DataCommand.open(w));
                } catch (ConfigException e) {
                    broken.addAll(e.within(name).problems()); // of many workspaces, say which one's tunegate.yaml
                    continue;
                } catch (InvalidInputException e) {
                    broken.add(e.getMessage());
                    continue;
                }
                shown.add(name);
            }
        Due.Report r = Due.check(ws, shown, asOf.date());
        PrintWriter out = spec.commandLine().getOut();
        out.print(
                switch (format) {
                    case text -> DueText.text(r);
                    case json -> Json.pretty(r);
                    case markdown -> DueText.markdown(r);
                    case junit -> DueText.junit(r);
                });
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (String b : broken) err.println("error: " + dev.tunegate.io.TerminalText.visible(b.replace('\n', ' ')));
        err.flush();
        if (!broken.isEmpty()) return TunegateCommand.INVALID_INPUT;
        return r.overdue().isEmpty() ? TunegateCommand.OK : TunegateCommand.GATE;
    }
}
