package dev.tunegate.cli;

import picocli.CommandLine.Option;

/** The shared {@code --format text|json} option (a mixin). */
public final class FormatOption {
    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.text;

    public OutputFormat get() { return format; }

    public boolean json() { return format == OutputFormat.json; }
}
