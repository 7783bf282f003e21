package dev.tunegate.cli;

import dev.tunegate.dataops.export.ExportFormat;
import dev.tunegate.dataops.export.ExportManifest;
import dev.tunegate.dataops.export.Exporter;
import dev.tunegate.dataops.export.ManifestVerifier;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tunegate export DIR --format F -o OUT} and {@code tunegate export --verify OUT}. */
@Command(
        mixinStandardHelpOptions = true,
        name = "export",
        header = "Write the training set a trainer accepts, with a manifest.",
        description = {
            "Write the training set a trainer accepts: approved (or gold) rows of the current policy eras, with the "
                    + "review log applied, exact and near duplicates collapsed to one row, conflict groups held back (listed in "
                    + "held-back.jsonl), golden-set leaks removed; a seeded train/validation split (stratified by label for "
                    + "classification-like data) and OUT/manifest.json with every file's SHA-256 and the counts removed by each "
                    + "rule. The same inputs give byte-identical files. --verify OUT checks an export against its manifest."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate export examples/ticket-routing --format openai-chat \\",
            "      -o out/ticket-routing",
            "  tunegate export my-use-case --format alpaca -o out/ --validation 0.2 --seed 7",
            "  tunegate export --verify out/ticket-routing"
        })
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The workspace (or, with --verify, the export folder).")
    Path dir;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "openai-chat, alpaca, sharegpt or prompt-completion.")
    String exportFormat;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "OUT",
            description = "The export folder (created if missing).")
    Path out;

    @Option(
            names = "--validation",
            paramLabel = "FRACTION",
            defaultValue = "0.1",
            description = "Share of rows in the validation file (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Seed of the split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ThreadsOption threads;

    @Option(
            names = "--drop-semantic-leaks",
            description =
                    "Also drop training rows that a golden row paraphrases (in-process embedding model; see audit --semantic).")
    boolean semanticLeaks;

    @Option(names = "--verify", description = "Check the export folder DIR against its manifest instead of exporting.")
    boolean verify;

    @Option(names = "--json", description = "Print the manifest as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (verify) {
            ExportManifest m = ManifestVerifier.verify(dir);
            if (json) o.print(Json.pretty(m));
            else
                o.println("ok: " + m.files().size() + " files match " + dir.resolve(ExportManifest.FILE) + " ("
                        + m.rows().exported() + " rows exported)");
            o.flush();
            return TunegateCommand.OK;
        }
        // an option the command needs and was not given is a usage error (exit 2), as picocli's own are
        if (exportFormat == null)
            throw new ParameterException(
                    spec.commandLine(),
                    "--format: expected openai-chat, alpaca, sharegpt or prompt-completion, found nothing");
        if (out == null)
            throw new ParameterException(spec.commandLine(), "-o: expected the export folder, found nothing");
        ExportFormat f;
        try {
            f = ExportFormat.of(exportFormat);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--format: " + e.getMessage());
        }
        Exporter.Options options;
        try {
            options = new Exporter.Options(f, out, validation, seed, threads.count(), semanticLeaks);
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage()); // --validation out of range
        }
        Workspace ws =
                Workspace.open(dir, Policy.standard().thresholdDefinitions().keySet());
        ExportManifest m = Exporter.export(ws, options, TerminalProgress.forStderr());
        if (json) {
            o.print(Json.pretty(m));
        } else {
            // the rows the removal rules were applied to: every row of the training file (invalid ones and those
            // that lost a conflict resolution included) and the queue rows the log approves, so that exported + removed
            // add up to it
            long considered = m.rows().source() + m.review().queueRowsApproved();
            o.println(String.format(
                    Locale.ROOT,
                    "exported %d of %d rows (%d of the training file, %d approved from the review queue) as %s: %d train,"
                            + " %d validation%s (seed %d)",
                    m.rows().exported(),
                    considered,
                    m.rows().source(),
                    m.review().queueRowsApproved(),
                    m.format(),
                    m.rows().train(),
                    m.rows().validation(),
                    m.split().stratified() ? ", stratified over " + m.split().strata() + " labels" : "",
                    m.seed()));
            StringBuilder b = new StringBuilder();
            m.removed().forEach((k, v) -> {
                if (v > 0)
                    b.append(b.isEmpty() ? "" : ", ").append(k).append(' ').append(v);
            });
            o.println("removed: " + (b.isEmpty() ? "nothing" : b));
            if (m.heldBack().conflictGroups() > 0) {
                o.println("held back for review: " + m.heldBack().conflictGroups() + " conflict groups ("
                        + m.heldBack().rows() + " rows) in "
                        + out.resolve(m.heldBack().file()));
            }
            if (m.review().decisionsApplied() > 0)
                o.println("review log: " + m.review().decisionsApplied() + " decisions applied, "
                        + m.review().queueRowsApproved() + " queue rows included");
            m.notes().forEach(n -> o.println("note: " + n));
            o.println("manifest: " + out.resolve(ExportManifest.FILE)
                    + (m.datasetVersion() == null ? "" : " (dataset version " + m.datasetVersion() + ")"));
        }
        o.flush();
        return TunegateCommand.OK;
    }
}
