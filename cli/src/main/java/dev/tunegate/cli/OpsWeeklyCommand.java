package dev.tunegate.cli;

import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import dev.tunegate.ops.WeeklyReview;
import dev.tunegate.ops.WeeklyText;
import dev.tunegate.ops.read.CallLogFormat;
import dev.tunegate.ops.read.CsvCallMapping;
import dev.tunegate.report.WeeklyReviewPage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tunegate ops weekly WORKSPACE --log FILE…}: the weekly review of production logs. */
@Command(
        mixinStandardHelpOptions = true,
        name = "weekly",
        header = "Review one ISO week of production calls.",
        description = {
            "Review one ISO week of production calls: refused queries and low-score retrievals grouped into topics "
                    + "(near-duplicate clustering), one backlog entry per topic in ops/backlog.jsonl (new document, metadata fix, "
                    + "stale document; stable ids, append-only), thumbs-down calls into the review queue, and the KPIs against "
                    + "the pilot's targets week over week. Writes ops/weekly/YYYY-Www.json and .html. Bad log lines are reported "
                    + "with file:line and skipped. Logs: tunegate JSONL, OTLP JSON (GenAI spans) or CSV, plain, .gz or .zst "
                    + "(docs/formats/call-log.md)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate ops weekly examples/policy-qa",
            "  tunegate ops weekly WS --log logs/calls.jsonl.zst --week 2026-W48 \\",
            "      --format json",
            "  tunegate ops weekly WS --log traces.otlp.jsonl --log-format otlp --dry-run",
            "  tunegate ops weekly WS --log calls.csv --column query=question \\",
            "      --column ts=timestamp"
        })
final class OpsWeeklyCommand implements Callable<Integer> {
    enum Format {
        text,
        json,
        markdown,
        html
    }

    @Parameters(
            index = "0",
            paramLabel = "WORKSPACE",
            description = "The workspace (its tunegate.yaml names owners, targets and the corpus).")
    Path dir;

    @Option(
            names = "--log",
            paramLabel = "FILE",
            description = "A call log (repeatable; default: ops.logs in tunegate.yaml).")
    List<Path> logs = new ArrayList<>();

    @Option(
            names = "--week",
            paramLabel = "YYYY-Www",
            description =
                    "The ISO week to review (default: the week of the latest call); a week the logs hold no call of is refused (exit 3), nothing written.")
    String week;

    @Option(
            names = "--log-format",
            paramLabel = "auto|jsonl|otlp|csv",
            defaultValue = "auto",
            description =
                    "The logs' format (default: ${DEFAULT-VALUE}: .csv by name, OTLP by resourceSpans, else JSONL).")
    String logFormat;

    @Option(
            names = "--column",
            paramLabel = "FIELD=COLUMN",
            description =
                    "CSV column of a call field (repeatable): ts, query, answer, refused, retrieved, groups, user, latencyMs, costUsd, feedback, model.")
    List<String> columns = new ArrayList<>();

    @Option(
            names = "--format",
            paramLabel = "text|json|markdown|html",
            defaultValue = "text",
            description = "What to print: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(
            names = "--dry-run",
            description = "Write nothing: no backlog lines, no review-queue rows, no ops/weekly files.")
    boolean dryRun;

    @Mixin
    ThreadsOption threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // a malformed --week is a usage error (exit 2), found before the workspace or the logs are read
        if (week != null) {
            try {
                WeeklyReview.normaliseWeek(week);
            } catch (InvalidInputException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        var ws = DataCommand.open(dir);
        List<Path> abs = logs.stream().map(Path::toAbsolutePath).toList();
        int n = threads.count();
        var req = new WeeklyReview.Request(
                abs, week, CallLogFormat.of(logFormat), CsvCallMapping.parse(columns), n, !dryRun);
        WeeklyReview.Result result = WeeklyReview.run(ws, req, TerminalProgress.forStderr());
        String html = WeeklyReviewPage.render(result.report());
        if (result.json() != null) {
            Path page = result.json().resolveSibling(result.report().week() + ".html");
            AtomicFiles.write(page, html);
            PrintWriter err = spec.commandLine().getErr();
            err.println("ops weekly: wrote " + ws.relative(result.json()) + " and " + ws.relative(page));
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(
                switch (format) {
                    case text -> WeeklyText.text(result.report());
                    case json -> Json.pretty(result.report());
                    case markdown -> WeeklyText.markdown(result.report());
                    case html -> html;
                });
        out.flush();
        return TunegateCommand.OK;
    }
}
