package dev.tunegate.cli;

import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tunegate data}: dataset versions and the review queue's intake. */
@Command(
        mixinStandardHelpOptions = true,
        name = "data",
        header = "Dataset versions: snapshot, diff, ingest failures.",
        description =
                "Dataset operations: snapshot a dataset version, diff two versions, ingest production failures into the review queue.",
        subcommands = {
            DataSnapshotCommand.class,
            DataDiffCommand.class,
            DataIngestFailuresCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate data snapshot examples/ticket-routing",
            "  tunegate data diff examples/ticket-routing 3f2a9c 7b1e04 --format json",
            "  tunegate data ingest-failures examples/ticket-routing \\",
            "      examples/ticket-routing/data/production-failures.jsonl"
        })
final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Opens a workspace with the standard policy's threshold names. */
    static Workspace open(Path dir) {
        return Workspace.open(dir, Policy.standard().thresholdDefinitions().keySet());
    }
}
