package dev.tunegate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tunegate ops}: operating the system after launch. */
@Command(
        mixinStandardHelpOptions = true,
        name = "ops",
        header = "Operating after launch: the weekly review.",
        description =
                "Operating after launch: the weekly review of production call logs (refused and low-score topics, backlog, "
                        + "thumbs-down calls into the review queue, KPIs against the pilot's targets).",
        subcommands = {OpsWeeklyCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate ops weekly examples/policy-qa",
            "  tunegate ops weekly WORKSPACE --log logs/calls-2026-11.jsonl.gz \\",
            "      --week 2026-W48 --format markdown"
        })
final class OpsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
