package dev.tunegate.cli;

import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.WriteFailedException;
import dev.tunegate.workspace.ConfigException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps exceptions to one-line errors and exit codes: invalid input → 3, usage → 2, a failed write of our own
 * files (full disk, short write, permission denied) → 5, anything else → 4.
 * Stack traces only with {@code --stacktrace}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean trace = parsed.matchedOption("--stacktrace") != null || anySubcommandHasTrace(parsed);
        int code = exitCode(ex);
        if (ex instanceof ConfigException ce) {
            for (String p : ce.problems()) err.println("error: " + p);
        } else if (code == TunegateCommand.INTERNAL) {
            err.println("error: internal: " + message(ex) + " (run again with --stacktrace and report it)");
        } else {
            err.println("error: " + message(ex));
        }
        if (trace) ex.printStackTrace(err);
        err.flush();
        return code;
    }

    private static boolean anySubcommandHasTrace(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.matchedOption("--stacktrace") != null) return true;
        }
        return false;
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof InvalidInputException) return TunegateCommand.INVALID_INPUT;
        if (ex instanceof WriteFailedException) return TunegateCommand.IO_FAILURE;
        if (ex instanceof CommandLine.ParameterException) return TunegateCommand.USAGE;
        if (ex instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException)
            return TunegateCommand.INVALID_INPUT;
        if (ex instanceof UncheckedIOException) return TunegateCommand.INVALID_INPUT;
        return TunegateCommand.INTERNAL;
    }

    private static String message(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) m = ex.getClass().getSimpleName();
        return dev.tunegate.io.TerminalText.visible(
                m.replace('\n', ' ')); // messages quote data: never let it drive the terminal
    }

    /** Usage errors: one line and a pointer to --help, exit 2. */
    static final class UsageHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println("error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Run '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return TunegateCommand.USAGE;
        }
    }
}
