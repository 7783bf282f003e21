package dev.tunegate.assess;

import dev.tunegate.analysis.Progress;
import java.time.Clock;

/**
 * How to run an assessment.
 *
 * @param write whether to write the decision record and log into the workspace
 * @param threads threads for heavy analyzers
 * @param progress progress reporting
 * @param clock the clock giving the decision date (injectable for reproducible records)
 * @param force write a new record even when the inputs and configuration equal the latest record's
 */
public record AssessOptions(boolean write, int threads, Progress progress, Clock clock, boolean force) {
    public AssessOptions(boolean write, int threads, Progress progress, Clock clock) {
        this(write, threads, progress, clock, false);
    }

    public static AssessOptions defaults() {
        return new AssessOptions(true, Runtime.getRuntime().availableProcessors(), Progress.SILENT, Clock.systemUTC());
    }

    public AssessOptions withWrite(boolean w) {
        return new AssessOptions(w, threads, progress, clock, force);
    }

    public AssessOptions withClock(Clock c) {
        return new AssessOptions(write, threads, progress, c, force);
    }

    public AssessOptions withProgress(Progress p) {
        return new AssessOptions(write, threads, p, clock, force);
    }

    public AssessOptions withForce(boolean f) {
        return new AssessOptions(write, threads, progress, clock, f);
    }
}
