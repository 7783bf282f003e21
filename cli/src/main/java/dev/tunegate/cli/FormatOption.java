package dev.tunegate.cli;

import dev.tunegate.io.Json;
import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The shared {@code --format text|json} option (a mixin). */
public final class FormatOption {
    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.text;

    public OutputFormat get() {
        return format;
    }

    public boolean json() {
        return format == OutputFormat.json;
    }

    /** The end of most commands: {@code value} as pretty JSON, or what {@code text} writes, on {@code out}, flushed. */
    public void print(PrintWriter out, Object value, Consumer<PrintWriter> text) {
        printJson(out, () -> Json.pretty(value), text);
    }

    /** As {@link #print}, with the JSON written by {@code json} rather than by Jackson's databind. */
    public void printJson(PrintWriter out, Supplier<String> json, Consumer<PrintWriter> text) {
        if (json()) out.print(json.get());
        else text.accept(out);
        out.flush();
    }
}
