package dev.tunegate.cli;

import dev.tunegate.dataops.version.DatasetVersion;
import dev.tunegate.dataops.version.DatasetVersions;
import dev.tunegate.dataops.version.VersionDiff;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tunegate data diff DIR A B}: rows added, removed and changed between two dataset versions. */
@Command(
        mixinStandardHelpOptions = true,
        name = "diff",
        header = "Compare two dataset versions row by row.",
        description = {
            "Compare two dataset versions (ids, unique prefixes of an id or digest, or 'latest'): rows added, removed and "
                    + "changed (the same input with a different output or metadata), by era and provenance."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate data diff examples/ticket-routing 3f2a9c7b1e04 latest",
            "  tunegate data diff -w my-use-case 3f2a 7b1e --format json"
        })
final class DataDiffCommand extends FormattedCommand {
    @Parameters(
            arity = "2..3",
            paramLabel = "[DIR] A B",
            description =
                    "The workspace (default: -w, else the current folder), then the older and the newer version: ids, unique prefixes, 'latest', or paths to version manifests (DIR/.tunegate/datasets/ID.json).")
    java.util.List<String> args;

    @picocli.CommandLine.Option(
            names = {"-w", "--workspace"},
            paramLabel = "DIR",
            description = "The workspace when DIR is not given (default: the current folder).")
    Path workspace;

    @Override
    public Integer call() {
        String a = args.get(args.size() - 2);
        String b = args.get(args.size() - 1);
        Path dir = args.size() == 3 ? Path.of(args.get(0)) : workspace != null ? workspace : fromManifest(a);
        DatasetVersions versions = new DatasetVersions(DataCommand.open(dir));
        DatasetVersion va = versions.resolve(ref(a));
        DatasetVersion vb = versions.resolve(ref(b));
        VersionDiff.Report r = VersionDiff.diff(va, versions.rows(va), vb, versions.rows(vb));
        return print(r, out -> {
            out.println(r.a() + " → " + r.b() + ": " + r.added().rows() + " added, "
                    + r.removed().rows() + " removed, " + r.changed().rows() + " changed ("
                    + r.changed().outputChanged() + " output, " + r.changed().metadataOnly() + " metadata only), "
                    + r.unchanged() + " unchanged");
            if (r.added().rows() > 0)
                out.println("  added by era " + r.added().byEra() + ", by provenance "
                        + r.added().byProvenance());
            if (r.removed().rows() > 0)
                out.println("  removed by era " + r.removed().byEra() + ", by provenance "
                        + r.removed().byProvenance());
            if (r.changed().rows() > 0)
                out.println("  changed by era " + r.changed().byEra() + ", by provenance "
                        + r.changed().byProvenance());
        });
    }

    /** The workspace of a version manifest path ({@code DIR/.tunegate/datasets/ID.json}), else the current folder. */
    private static Path fromManifest(String a) {
        Path p = Path.of(a).toAbsolutePath().normalize();
        if (a.endsWith(".json") && p.getParent() != null && p.getParent().endsWith(Path.of(DatasetVersions.DIR))) {
            return p.getParent().getParent().getParent();
        }
        return Path.of(".");
    }

    /** A version id from a manifest path, or the reference as given. */
    private static String ref(String a) {
        if (!a.endsWith(".json")) return a;
        String name = Path.of(a).getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }
}
