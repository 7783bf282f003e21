package dev.tunegate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What most commands share: {@code --format text|json}, the command's spec, and the end that prints the result as
 * JSON or as text. A command that reads a workspace extends {@link WorkspaceCommand}, which adds {@code DIR}.
 */
abstract class FormattedCommand implements Callable<Integer> {
    @Mixin
    FormatOption format;

    @Spec
    CommandSpec spec;

    /** The command's standard output. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Whether {@code --format json} was given. */
    boolean json() {
        return format.json();
    }

    /** {@code value} as pretty JSON, or what {@code text} writes, on standard output, flushed; exit code 0. */
    Integer print(Object value, Consumer<PrintWriter> text) {
        format.print(out(), value, text);
        return TunegateCommand.OK;
    }

    /** As {@link #print}, with the JSON written by {@code json} (a writer of its own, not Jackson's databind). */
    Integer printJson(Supplier<String> json, Consumer<PrintWriter> text) {
        format.printJson(out(), json, text);
        return TunegateCommand.OK;
    }
}
