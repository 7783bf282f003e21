package dev.tunegate.evals;

/** Shortcuts for tests that compare runs without a label set. */
final class ErrorClassifierFixture {
    private ErrorClassifierFixture() {}

    static ErrorClassifier none() {
        return new ErrorClassifier(LabelSet.none(), null);
    }
}
