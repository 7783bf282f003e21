package dev.tunegate.cli;

import dev.tunegate.dataops.adapter.AdapterRegistry;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tunegate adapter lock DIR}: which adapter each environment uses, verified against the registry. */
@Command(
        mixinStandardHelpOptions = true,
        name = "lock",
        description = {
            "Show which adapter each environment uses (DIR/adapters.lock) and verify it: every locked adapter is",
            "registered and its golden run is unchanged since promotion (exit 3 naming the problem otherwise)."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  tunegate adapter lock examples/ticket-routing"})
final class AdapterLockCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The workspace.")
    Path dir;

    @Mixin
    FormatOption format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AdapterRegistry reg = new AdapterRegistry(DataCommand.open(dir));
        AdapterRegistry.Lock lock = reg.lock();
        List<String> problems = reg.verifyLock();
        if (!problems.isEmpty()) throw new InvalidInputException(String.join("; ", problems));
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            out.print(Json.pretty(lock));
        } else if (lock.environments().isEmpty()) {
            out.println(
                    "no environment uses an adapter yet: tunegate adapter promote " + dir + " NAME@VERSION --env prod");
        } else {
            lock.environments()
                    .forEach((env, e) -> out.println(env + ": " + e.adapter() + "  (promoted " + e.promotedAt()
                            + " over " + e.baseline() + ", " + e.verdict() + ")"));
        }
        out.flush();
        return TunegateCommand.OK;
    }
}
