package dev.tunegate.cli;

import dev.tunegate.dataops.adapter.AdapterEntry;
import dev.tunegate.dataops.adapter.AdapterRegistry;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tunegate adapter add DIR}: registers an adapter version. */
@Command(
        name = "add",
        header = "Register a trained adapter version.",
        description =
                "Register a trained adapter version: name, semantic version, base model, the dataset version it was trained on, the training config (digested) and its golden-set run.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  tunegate adapter add examples/ticket-routing --name ticket-router \\",
            "      --version 1.3.0 --base llama-3.1-8b --dataset latest \\",
            "      --config adapters/configs/ticket-router-1.3.0.yaml \\",
            "      --golden-run adapters/runs/ticket-router-1.3.0.jsonl"
        })
final class AdapterAddCommand extends WorkspaceCommand {
    // not mixinStandardHelpOptions: its -V/--version would clash with the adapter's --version
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The adapter's name.")
    String name;

    @Option(
            names = "--version",
            required = true,
            paramLabel = "SEMVER",
            description = "Its semantic version, e.g. 1.3.0.")
    String version;

    @Option(
            names = "--base",
            required = true,
            paramLabel = "MODEL",
            description = "The base model it was trained from.")
    String base;

    @Option(
            names = "--dataset",
            paramLabel = "VERSION",
            description = "The dataset version it was trained on (an id, a unique prefix, or latest).")
    String dataset;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "The training config (relative to DIR).")
    Path config;

    @Option(
            names = "--golden-run",
            required = true,
            paramLabel = "FILE",
            description = "Its golden-set eval run (relative to DIR).")
    Path goldenRun;

    @Override
    public Integer call() {
        Workspace ws = workspace();
        AdapterEntry e = new AdapterRegistry(ws)
                .add(
                        new AdapterRegistry.Addition(
                                name,
                                version,
                                base,
                                dataset,
                                ws.root().resolve(config).normalize(),
                                ws.root().resolve(goldenRun).normalize()),
                        Clock.systemUTC());
        return print(
                e,
                o -> o.println("registered " + e.ref() + " (base " + e.baseModel() + ", dataset "
                        + (e.datasetVersion() == null ? "not given" : e.datasetVersion()) + ", config sha256 "
                        + e.trainingConfigSha256().substring(0, 12) + "…, golden run " + e.goldenRun() + ")"));
    }
}
