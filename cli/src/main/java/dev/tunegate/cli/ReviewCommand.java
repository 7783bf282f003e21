package dev.tunegate.cli;

import dev.tunegate.dataops.review.ConflictSession;
import dev.tunegate.dataops.review.ReviewSession;
import dev.tunegate.io.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tunegate review DIR --reviewer NAME}: the review queue in the terminal; with {@code --conflicts}, the conflict
 * groups of the approved rows.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "review",
        header = "Review pending rows one by one: approve, reject, edit.",
        description = {
            "Review pending rows one by one: the review queue (production failures, drafts) and the training file's "
                    + "pending LLM drafts. For each row: its input, the draft output, why it is here and its near duplicates in "
                    + "the dataset; answer a (approve), r (reject), e (edit: the next line is the new output), s (skip), q (quit).",
            "Commands are read line by line from stdin, so a script can drive it. Every decision is appended, with "
                    + "fsync, to DIR/data/review-log.jsonl — the log is the truth, replayed on start; the training file is never "
                    + "rewritten. Approved rows count toward FT-DATA and are exported. Several reviewers (terminals or tunegate serve) "
                    + "can review one workspace at once: each row is claimed by one of them at a time.",
            "",
            "With --conflicts: the conflict groups of the approved rows (the same or a near-duplicate input with rival "
                    + "outputs, as FT-CONSISTENT counts them), each side by side: the input(s), every rival output with its rows "
                    + "and who approved them. Answer with the number of the output that wins, r (reject the whole group), s (skip) "
                    + "or q (quit); or resolve without asking with --resolve GROUP=ROW (repeatable) or --choose FILE (one GROUP=ROW "
                    + "a line). The resolution is appended to the same review log; the losing rows no longer count as approved "
                    + "(export, FT-DATA, FT-CONSISTENT)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate review examples/ticket-routing --reviewer m.okafor",
            "  printf 'a\\nr\\ne\\n{\"queue\": \"billing\", \"priority\": \"high\"}\\nq\\n' \\",
            "      | tunegate review my-use-case --reviewer ana",
            "  tunegate review my-use-case --conflicts --reviewer ana",
            "  tunegate review my-use-case --conflicts --reviewer ana \\",
            "      --resolve 1=12 --resolve 2=reject"
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

    @Option(
            names = "--conflicts",
            description = "Resolve the conflict groups of the approved rows instead of reviewing pending rows.")
    boolean conflicts;

    @Option(
            names = "--resolve",
            paramLabel = "GROUP=ROW",
            description =
                    "With --conflicts, without asking: the output of ROW (a line of the training file, or FILE:LINE) wins"
                            + " in GROUP (its number or id); GROUP=reject rejects the whole group. Repeatable.")
    List<String> resolve = new ArrayList<>();

    @Option(
            names = "--choose",
            paramLabel = "FILE",
            description =
                    "With --conflicts, without asking: one GROUP=ROW (or GROUP=reject) a line; # starts a comment.")
    Path choose;

    @Spec
    CommandSpec spec;

    /** Where commands come from (stdin; tests set another reader). */
    static BufferedReader input = null;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BufferedReader in =
                input != null ? input : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!conflicts) {
            if (!resolve.isEmpty() || choose != null)
                throw new InvalidInputException(
                        "--resolve and --choose: expected --conflicts with them, found neither");
            new ReviewSession(DataCommand.open(dir), reviewer, Clock.systemUTC()).run(in, out);
            return TunegateCommand.OK;
        }
        ConflictSession session = new ConflictSession(
                DataCommand.open(dir),
                reviewer,
                Clock.systemUTC(),
                Runtime.getRuntime().availableProcessors());
        Map<String, String> specs = specs();
        if (specs.isEmpty()) session.run(in, out);
        else session.resolveAll(specs, out);
        return TunegateCommand.OK;
    }

    /** The non-interactive choices, each with where it comes from. */
    private Map<String, String> specs() {
        Map<String, String> specs = new LinkedHashMap<>();
        for (int i = 0; i < resolve.size(); i++) specs.put("--resolve " + resolve.get(i), resolve.get(i));
        if (choose != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(choose, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw InvalidInputException.at(choose, 0, "cannot read the choices: " + e.getMessage());
            }
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                int hash = l.indexOf('#');
                if (hash >= 0) l = l.substring(0, hash);
                if (!l.isBlank()) specs.put(choose + ":" + (i + 1), l.strip());
            }
        }
        return specs;
    }
}
