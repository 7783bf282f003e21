package dev.tunegate.cli;

import dev.tunegate.dataops.version.DatasetVersion;
import dev.tunegate.dataops.version.DatasetVersions;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tunegate data snapshot DIR}: records the training rows as a dataset version. */
@Command(
        mixinStandardHelpOptions = true,
        name = "snapshot",
        header = "Record data.train's rows as a dataset version.",
        description = {
            "Record the rows of data.train as a dataset version under DIR/.tunegate/datasets/: a canonical content digest "
                    + "independent of row order and JSON formatting, counts by provenance, status and era. Unchanged rows write no "
                    + "new version. Decision records then cite the version. --list shows the versions."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate data snapshot examples/ticket-routing",
            "  tunegate data snapshot examples/ticket-routing --list"
        })
final class DataSnapshotCommand extends WorkspaceCommand {
    @Option(names = "--list", description = "List the versions instead of taking a snapshot.")
    boolean list;

    @Override
    public Integer call() {
        DatasetVersions versions = new DatasetVersions(workspace());
        if (list) {
            var all = versions.list();
            return print(all, out -> {
                if (all.isEmpty()) out.println("no dataset versions yet: tunegate data snapshot " + dir);
                else
                    for (DatasetVersion v : all)
                        out.println(v.id() + "  " + v.createdAt() + "  " + v.validRows() + " rows  " + v.file());
            });
        }
        DatasetVersions.Snapshot s = versions.snapshot(Clock.systemUTC());
        return print(s, out -> {
            DatasetVersion v = s.version();
            out.println((s.created() ? "dataset version " : "unchanged: dataset version ") + v.id() + " — "
                    + v.validRows() + " rows of " + v.file()
                    + (v.invalidRows() > 0 ? " (" + v.invalidRows() + " unusable rows left out)" : ""));
            out.println("  digest " + v.digest());
            out.println(
                    "  by provenance " + v.byProvenance() + "; by status " + v.byStatus() + "; by era " + v.byEra());
            s.notes().forEach(n -> out.println("note: " + n));
        });
    }
}
