package dev.tunegate.policy;

/** A rule's verdict. UNKNOWN when its evidence has not been produced. */
public enum Verdict {
    FIRED, NOT_FIRED, UNKNOWN;

    static Verdict of(boolean b) { return b ? FIRED : NOT_FIRED; }

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
