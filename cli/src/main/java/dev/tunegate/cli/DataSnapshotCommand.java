package dev.tunegate.cli;

import dev.tunegate.dataops.version.DatasetVersion;
import dev.tunegate.dataops.version.DatasetVersions;
import dev.tunegate.io.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tunegate data snapshot DIR}: records the training rows as a dataset version. */
@Command(
        mixinStandardHelpOptions = true,
        name = "snapshot",
        description = {
            "Record the rows of data.train as a dataset version under DIR/.tunegate/datasets/: a canonical content digest",
            "independent of row order and JSON formatting, counts by provenance, status and era. Unchanged rows write no",
            "new version. Decision records then cite the version. --list shows the versions."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate data snapshot examples/ticket-routing",
            "  tunegate data snapshot examples/ticket-routing --list"
        })
final class DataSnapshotCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The workspace.")
    Path dir;

    @Option(names = "--list", description = "List the versions instead of taking a snapshot.")
    boolean list;

    @Mixin
    FormatOption format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DatasetVersions versions = new DatasetVersions(DataCommand.open(dir));
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            var all = versions.list();
            if (format.json()) out.print(Json.pretty(all));
            else if (all.isEmpty()) out.println("no dataset versions yet: tunegate data snapshot " + dir);
            else
                for (DatasetVersion v : all)
                    out.println(v.id() + "  " + v.createdAt() + "  " + v.validRows() + " rows  " + v.file());
            out.flush();
            return TunegateCommand.OK;
        }
        DatasetVersions.Snapshot s = versions.snapshot(Clock.systemUTC());
        if (format.json()) {
            out.print(Json.pretty(s));
        } else {
            DatasetVersion v = s.version();
            out.println((s.created() ? "dataset version " : "unchanged: dataset version ") + v.id() + " — "
                    + v.validRows() + " rows of " + v.file()
                    + (v.invalidRows() > 0 ? " (" + v.invalidRows() + " unusable rows left out)" : ""));
            out.println("  digest " + v.digest());
            out.println(
                    "  by provenance " + v.byProvenance() + "; by status " + v.byStatus() + "; by era " + v.byEra());
            s.notes().forEach(n -> out.println("note: " + n));
        }
        out.flush();
        return TunegateCommand.OK;
    }
}
