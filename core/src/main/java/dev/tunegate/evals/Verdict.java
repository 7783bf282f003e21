package dev.tunegate.evals;

/** The outcome of a golden-set regression check. */
public enum Verdict {
    /** The candidate is non-inferior: the difference's 95 % lower bound is above −margin. */
    PASS,
    /** The candidate is significantly worse: the difference's 95 % upper bound is below 0, and non-inferiority is not shown. */
    REGRESSION,
    /** Too few shared items to tell either way. */
    INCONCLUSIVE
}
