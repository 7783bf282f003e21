package dev.tunegate.cli;

import dev.tunegate.dataops.adapter.AdapterEntry;
import dev.tunegate.dataops.adapter.AdapterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code tunegate adapter list DIR}: the registered adapters and where each is used. */
@Command(
        mixinStandardHelpOptions = true,
        name = "list",
        header = "List the registered adapters.",
        description = "List the registered adapters, oldest version first, with the environments that use each.",
        footerHeading = "%nExamples:%n",
        footer = {"  tunegate adapter list examples/ticket-routing --format json"})
final class AdapterListCommand extends WorkspaceCommand {
    /** The JSON of {@code adapter list}: the registry's adapters and the lock's environments. */
    record Listing(List<AdapterEntry> adapters, Map<String, AdapterRegistry.LockEntry> environments) {}

    @Override
    public Integer call() {
        AdapterRegistry reg = new AdapterRegistry(workspace());
        List<AdapterEntry> all = reg.registry().adapters();
        Map<String, AdapterRegistry.LockEntry> envs = reg.lock().environments();
        return print(new Listing(all, envs), out -> {
            if (all.isEmpty()) {
                out.println("no adapters registered: tunegate adapter add " + dir + " --help");
                return;
            }
            Map<String, List<String>> usedBy = new LinkedHashMap<>();
            envs.forEach((env, e) ->
                    usedBy.computeIfAbsent(e.adapter(), k -> new ArrayList<>()).add(env));
            for (AdapterEntry e : all) {
                List<String> in = usedBy.getOrDefault(e.ref(), List.of());
                out.println(e.ref() + "  base " + e.baseModel() + "  dataset "
                        + (e.datasetVersion() == null ? "-" : e.datasetVersion()) + "  golden " + e.goldenRun()
                        + (in.isEmpty() ? "" : "  [" + String.join(", ", in) + "]"));
            }
        });
    }
}
