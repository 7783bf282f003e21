package dev.tunegate.cli;

import dev.tunegate.dataops.review.ReviewSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tunegate review DIR --reviewer NAME}: the review queue in the terminal. */
@Command(
        mixinStandardHelpOptions = true,
        name = "review",
        description = {
            "Review pending rows one by one: the review queue (production failures, drafts) and the training file's",
            "pending LLM drafts. For each row: its input, the draft output, why it is here and its near duplicates in",
            "the dataset; answer a (approve), r (reject), e (edit: the next line is the new output), s (skip), q (quit).",
            "Commands are read line by line from stdin, so a script can drive it. Every decision is appended, with",
            "fsync, to DIR/data/review-log.jsonl — the log is the truth, replayed on start; the training file is never",
            "rewritten. Approved rows count toward FT-DATA and are exported. Several reviewers (terminals or tunegate serve)",
            "can review one workspace at once: each row is claimed by one of them at a time."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate review examples/ticket-routing --reviewer m.okafor",
            "  printf 'a\\nr\\ne\\n{\"queue\": \"billing\", \"priority\": \"high\"}\\nq\\n' | tunegate review my-use-case --reviewer ana"
        })
final class ReviewCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The workspace.")
    Path dir;

    @Option(
            names = "--reviewer",
            required = true,
            paramLabel = "NAME",
            description = "Your name, recorded with every decision.")
    String reviewer;

    @Spec
    CommandSpec spec;

    /** Where commands come from (stdin; tests set another reader). */
    static BufferedReader input = null;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BufferedReader in =
                input != null ? input : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        new ReviewSession(DataCommand.open(dir), reviewer, Clock.systemUTC()).run(in, out);
        return TunegateCommand.OK;
    }
}
