package dev.tunegate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tunegate adapter}: the adapter registry and lock. */
@Command(
        mixinStandardHelpOptions = true,
        name = "adapter",
        header = "Register, promote and lock fine-tuned adapter versions.",
        description = {
            "Adapters versioned like dependencies: a registry (DIR/adapters/registry.json) of fine-tuned adapters with "
                    + "their base model, dataset version, training config digest and golden-set run, and a lock file "
                    + "(DIR/adapters.lock) saying which adapter each environment uses. promote refuses unless the candidate "
                    + "passes the golden-set regression check against the adapter it replaces (or the base model's run)."
        },
        subcommands = {
            AdapterAddCommand.class,
            AdapterListCommand.class,
            AdapterPromoteCommand.class,
            AdapterLockCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate adapter list examples/ticket-routing",
            "  tunegate adapter promote examples/ticket-routing ticket-router@1.2.0 \\",
            "      --env prod"
        })
final class AdapterCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
