package dev.tunegate.cli;

import dev.tunegate.dataops.review.FailureIngest;
import dev.tunegate.io.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tunegate data ingest-failures DIR FILE}: production failures into the review queue. */
@Command(
        mixinStandardHelpOptions = true,
        name = "ingest-failures",
        description = {
            "Append production failures (JSONL: input, output = the bad output, optional correctedOutput, when, why) to",
            "the review queue (data.reviewQueue) as candidate rows with provenance production_failure and status",
            "pending. Never touches the training file; a failure already queued is not queued again. Bad lines are",
            "reported with file:line and skipped. Then: tunegate review DIR --reviewer NAME."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate data ingest-failures examples/ticket-routing examples/ticket-routing/data/production-failures.jsonl"
        })
final class DataIngestFailuresCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The workspace.")
    Path dir;

    @Parameters(index = "1", paramLabel = "FILE", description = "The production failures (JSONL).")
    Path file;

    @Mixin
    FormatOption format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FailureIngest.Report r = FailureIngest.ingest(DataCommand.open(dir), file.toAbsolutePath());
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            out.print(Json.pretty(r));
        } else {
            out.println("queued " + r.added() + " of " + r.lines() + " failures from " + r.file() + " into " + r.queue()
                    + " (" + r.withCorrection() + " with a corrected output; " + r.alreadyQueued() + " already queued; "
                    + r.findings().size() + " unusable lines)");
            r.findings().forEach(f -> out.println("  " + f));
            if (r.added() > 0) out.println("next: tunegate review " + dir + " --reviewer YOUR-NAME");
        }
        out.flush();
        return TunegateCommand.OK;
    }
}
