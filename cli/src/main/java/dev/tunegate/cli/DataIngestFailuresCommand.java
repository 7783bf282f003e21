package dev.tunegate.cli;

import dev.tunegate.dataops.review.FailureIngest;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tunegate data ingest-failures DIR FILE}: production failures into the review queue. */
@Command(
        mixinStandardHelpOptions = true,
        name = "ingest-failures",
        header = "Queue production failures for review.",
        description = {
            "Append production failures (JSONL: input, output = the bad output, optional correctedOutput, when, why) to "
                    + "the review queue (data.reviewQueue) as candidate rows with provenance production_failure and status "
                    + "pending. Never touches the training file; a failure already queued is not queued again. Bad lines are "
                    + "reported with file:line and skipped. Then: tunegate review DIR --reviewer NAME."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate data ingest-failures examples/ticket-routing \\",
            "      examples/ticket-routing/data/production-failures.jsonl"
        })
final class DataIngestFailuresCommand extends WorkspaceCommand {
    @Parameters(index = "1", paramLabel = "FILE", description = "The production failures (JSONL).")
    Path file;

    @Override
    public Integer call() {
        FailureIngest.Report r = FailureIngest.ingest(workspace(), file.toAbsolutePath());
        return print(r, out -> {
            out.println("queued " + r.added() + " of " + r.lines() + " failures from " + r.file() + " into " + r.queue()
                    + " (" + r.withCorrection() + " with a corrected output; " + r.alreadyQueued() + " already queued; "
                    + r.findings().size() + " unusable lines)");
            r.findings().forEach(f -> out.println("  " + f));
            if (r.added() > 0) out.println("next: tunegate review " + dir + " --reviewer YOUR-NAME");
        });
    }
}
