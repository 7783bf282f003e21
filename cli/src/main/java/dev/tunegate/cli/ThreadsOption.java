package dev.tunegate.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The shared {@code --threads N} option (a mixin) of the commands that read on all cores: at least one thread
 * (0 or a negative count is a usage error, not silently one thread), all cores when not given.
 */
public final class ThreadsOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private Integer threads;

    @Option(names = "--threads", paramLabel = "N", description = "Threads to work on (default: all cores).")
    void set(int n) {
        if (n < 1) throw new ParameterException(mixee.commandLine(), "--threads: expected a number ≥ 1, found " + n);
        threads = n;
    }

    /** Whether the option was given. */
    public boolean given() {
        return threads != null;
    }

    /** The threads to use: the option's, or every core. */
    public int count() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
