package dev.tunegate.analysis;

import dev.tunegate.workspace.Workspace;

/**
 * Measures one kind of artifact of a workspace and returns typed evidence. Analyzers never know
 * about each other: what one needs from another's work it reads from {@link AnalysisContext#evidenceSoFar()}.
 */
public interface Analyzer {

    /** A short stable name: {@code declared}, {@code audit}, {@code evals}, {@code retrieval}, {@code cost}. */
    String name();

    /** Whether the workspace configures the artifacts this analyzer reads. */
    boolean applies(Workspace workspace);

    /**
     * Analyzes the workspace. Bad rows are findings in the report; an input that cannot be used at
     * all throws {@link dev.tunegate.io.InvalidInputException}.
     */
    AnalyzerResult analyze(Workspace workspace, AnalysisContext context);
}
