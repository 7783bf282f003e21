package dev.tunegate.cli;

import dev.tunegate.io.InvalidInputException;
import dev.tunegate.record.Doctor;
import dev.tunegate.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tunegate doctor DIR [--dry-run]}: what killed or failed runs left behind, listed and repaired. */
@Command(
        mixinStandardHelpOptions = true,
        name = "doctor",
        header = "Find and repair what a killed or failed run left behind.",
        description = {
            "Check a workspace for what a killed or failed run left behind and repair it, under the workspace's write lock: "
                    + "orphan temp files are removed, a record without its log line is moved to decisions/incomplete/, a torn last "
                    + "line of decisions/log.jsonl is terminated. Log lines whose files are missing or changed are reported.",
            "Exits 0 when the workspace is (now) healthy, 1 when something remains (or, with --dry-run, was found)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate doctor examples/ticket-routing --dry-run   list only",
            "  tunegate doctor examples/ticket-routing             list and repair"
        })
final class DoctorCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The workspace folder.")
    Path dir;

    @Option(names = "--dry-run", description = "List what is wrong and what would be repaired; change nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(dir.resolve(Workspace.CONFIG_FILE))) {
            throw new InvalidInputException(
                    dir + ": no " + Workspace.CONFIG_FILE + " here; expected a workspace folder");
        }
        List<Doctor.Problem> problems = new Doctor(dir).run(dryRun);
        PrintWriter out = spec.commandLine().getOut();
        for (Doctor.Problem p : problems) out.println(dev.tunegate.io.TerminalText.visible(p.line()));
        // notes (what readers already cope with) are listed, never counted: nothing was or is to be done about them
        long repairable =
                problems.stream().filter(p -> p.repairable() && !p.repaired()).count();
        long repaired =
                problems.stream().filter(p -> p.repairable() && p.repaired()).count();
        long unrepairable =
                problems.stream().filter(p -> !p.repairable() && p.remains()).count();
        long left = repairable + unrepairable;
        if (left == 0 && repaired == 0) out.println("healthy: nothing to repair");
        else if (dryRun)
            out.println(repairable + " to repair, " + unrepairable + " cannot be repaired (dry run: nothing changed)");
        else out.println(repaired + " repaired, " + left + " left");
        return left == 0 ? TunegateCommand.OK : TunegateCommand.GATE;
    }
}
