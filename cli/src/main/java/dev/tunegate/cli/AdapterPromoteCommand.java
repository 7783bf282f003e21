package dev.tunegate.cli;

import dev.tunegate.dataops.adapter.AdapterRegistry;
import dev.tunegate.workspace.Workspace;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tunegate adapter promote DIR NAME@VERSION --env ENV}: gated by the golden-set regression check. */
@Command(
        mixinStandardHelpOptions = true,
        name = "promote",
        header = "Point an environment at an adapter version, if it passes.",
        description = {
            "Point an environment at an adapter version in DIR/adapters.lock — only if its golden-set run passes the "
                    + "regression check (non-inferior within pilot.nonInferiorityMargin, paired on shared items) against the "
                    + "adapter the environment uses now, or the base model's run (evals.baseline) for a first promotion.",
            "Refused (exit 1, with the reason) on REGRESSION or INCONCLUSIVE; nothing is written then."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  tunegate adapter promote examples/ticket-routing ticket-router@1.2.0 \\", "      --env prod"})
final class AdapterPromoteCommand extends WorkspaceCommand {
    @Parameters(index = "1", paramLabel = "NAME@VERSION", description = "The candidate adapter.")
    String ref;

    @Option(
            names = "--env",
            required = true,
            paramLabel = "ENV",
            description = "The environment, e.g. prod or staging.")
    String env;

    @Override
    public Integer call() {
        Workspace ws = workspace();
        double margin = ws.pilot().nonInferiorityMargin();
        AdapterRegistry.Promotion p = new AdapterRegistry(ws).promote(ref, env, margin, Clock.systemUTC());
        print(p, out -> {
            out.println(
                    p.allowed()
                            ? "promoted " + p.adapter() + " to " + p.environment()
                                    + (p.previous() == null ? "" : " (was " + p.previous() + ")")
                            : "not promoted");
            out.println("  " + p.reason());
        });
        return p.allowed() ? TunegateCommand.OK : TunegateCommand.GATE;
    }
}
