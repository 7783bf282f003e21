package dev.tunegate.cli;

import dev.tunegate.dataops.review.ReviewBoard;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.server.Reviewers;
import dev.tunegate.server.ServeOptions;
import dev.tunegate.server.TunegateServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tunegate serve DIR}: the team's web workspace. */
@Command(
        mixinStandardHelpOptions = true,
        name = "serve",
        header = "Serve the team's web workspace.",
        description = {
            "Serve the team's web workspace for DIR (a workspace, or a folder of workspaces): each workspace's latest "
                    + "decision and timeline, the audit's findings, the review queue for several reviewers at once (per-row claims; "
                    + "every decision goes to data/review-log.jsonl like tunegate review), the label-conflict groups to resolve "
                    + "(like tunegate review --conflicts), the regression item by item, the pilot and the weekly ops review.",
            "Prints 'tunegate serve: http://HOST:PORT/' and serves until interrupted (Ctrl+C or SIGTERM stop it cleanly).",
            "Binds 127.0.0.1 unless --bind says otherwise; any other address needs reviewers (--add-reviewer)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate serve examples/ticket-routing",
            "  tunegate serve examples --port 0   all workspaces under examples/, a free port",
            "  tunegate serve --add-reviewer ana examples/ticket-routing  (prints a token)",
            "  tunegate serve my-use-case --bind 0.0.0.0 --port 8080 --double-review 0.2"
        })
final class ServeCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "DIR",
            description = "A workspace, or a folder whose sub-folders are workspaces.")
    Path dir;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "8080",
            description = "The port (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--bind",
            paramLabel = "ADDR",
            defaultValue = ServeOptions.LOOPBACK,
            description = "The address to listen on. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(
            names = "--add-reviewer",
            paramLabel = "NAME",
            description = "Add a reviewer (or give them a new token), print the token once and exit.")
    String addReviewer;

    @Option(
            names = "--double-review",
            paramLabel = "SHARE",
            defaultValue = "0.1",
            description =
                    "The share of rows that go to a second reviewer, for agreement (Cohen's kappa). Default: ${DEFAULT-VALUE}.")
    double doubleShare;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Which rows are reviewed twice, and the agreement's bootstrap. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--lease-minutes",
            paramLabel = "M",
            defaultValue = "10",
            description = "How long a reviewer holds a row without deciding it. Default: ${DEFAULT-VALUE}.")
    long leaseMinutes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (addReviewer != null) {
            Reviewers r = new Reviewers(dir.toAbsolutePath().normalize());
            String token = r.add(addReviewer);
            out.println("Reviewer " + addReviewer.strip() + " added to " + r.file()
                    + " (only the token's SHA-256 is kept). Their token, shown once:");
            out.println(token);
            out.flush();
            return TunegateCommand.OK;
        }
        if (port < 0 || port > 65535) throw new InvalidInputException("--port: expected 0 to 65535, found " + port);
        if (leaseMinutes < 1)
            throw new InvalidInputException("--lease-minutes: expected at least 1, found " + leaseMinutes);
        ServeOptions options = new ServeOptions(
                dir, bind, port, new ReviewBoard.Settings(Duration.ofMinutes(leaseMinutes), doubleShare, seed));
        TunegateServer server = TunegateServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "tunegate-serve-stop"));
        out.println("tunegate serve: " + server.url());
        out.flush();
        stopped.await();
        return TunegateCommand.OK;
    }
}
