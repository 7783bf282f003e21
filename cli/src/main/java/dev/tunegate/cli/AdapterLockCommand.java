package dev.tunegate.cli;

import dev.tunegate.dataops.adapter.AdapterRegistry;
import dev.tunegate.io.InvalidInputException;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code tunegate adapter lock DIR}: which adapter each environment uses, verified against the registry. */
@Command(
        mixinStandardHelpOptions = true,
        name = "lock",
        header = "Show and verify which adapter each environment uses.",
        description = {
            "Show which adapter each environment uses (DIR/adapters.lock) and verify it: every locked adapter is "
                    + "registered and its golden run is unchanged since promotion (exit 3 naming the problem otherwise)."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  tunegate adapter lock examples/ticket-routing"})
final class AdapterLockCommand extends WorkspaceCommand {
    @Override
    public Integer call() {
        AdapterRegistry reg = new AdapterRegistry(workspace());
        AdapterRegistry.Lock lock = reg.lock();
        List<String> problems = reg.verifyLock();
        if (!problems.isEmpty()) throw new InvalidInputException(String.join("; ", problems));
        return print(lock, out -> {
            if (lock.environments().isEmpty())
                out.println("no environment uses an adapter yet: tunegate adapter promote " + dir
                        + " NAME@VERSION --env prod");
            else
                lock.environments()
                        .forEach((env, e) -> out.println(env + ": " + e.adapter() + "  (promoted " + e.promotedAt()
                                + " over " + e.baseline() + ", " + e.verdict() + ")"));
        });
    }
}
