package dev.tunegate.policy;

/**
 * A rule's verdict. UNKNOWN when its evidence has not been produced; NOT_APPLICABLE when the use case
 * does not have the rule's subject (no retrieval in use, no on-prem requirement): nothing could settle it.
 */
public enum Verdict {
    FIRED,
    NOT_FIRED,
    UNKNOWN,
    NOT_APPLICABLE;

    static Verdict of(boolean b) {
        return b ? FIRED : NOT_FIRED;
    }

    Verdict and(Verdict o) {
        if (this == NOT_FIRED || o == NOT_FIRED) return NOT_FIRED;
        if (this == UNKNOWN || o == UNKNOWN) return UNKNOWN;
        return FIRED;
    }

    Verdict or(Verdict o) {
        if (this == FIRED || o == FIRED) return FIRED;
        if (this == UNKNOWN || o == UNKNOWN) return UNKNOWN;
        return NOT_FIRED;
    }
}
