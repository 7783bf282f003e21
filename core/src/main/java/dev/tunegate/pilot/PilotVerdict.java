package dev.tunegate.pilot;

/** What to do with a pilot. */
public enum PilotVerdict {
    /** Every SCALE condition is met: roll it out. */
    SCALE,
    /** No STOP condition failed, but some SCALE condition is unmet or unknown: keep piloting and fix what misses. */
    IMPROVE,
    /** Quality is significantly worse than the baseline, or the economics cannot pay back within the window. */
    STOP
}
