package dev.tunegate.analysis;

import dev.tunegate.evidence.Evidence;
import java.util.List;

/**
 * What an analyzer found.
 *
 * @param analyzer the analyzer's name
 * @param evidence the measures it produced
 * @param inputs the files it read, with their digests (provenance)
 * @param report its full report (a record serialisable to JSON), for writers; may be null
 * @param notes short lines a person should read (warnings, what was skipped)
 */
public record AnalyzerResult(
        String analyzer, List<Evidence> evidence, List<InputFile> inputs, Object report, List<String> notes) {
    public AnalyzerResult {
        evidence = List.copyOf(evidence);
        inputs = List.copyOf(inputs);
        notes = List.copyOf(notes);
    }

    /** An input file and its SHA-256. */
    public record InputFile(String path, String sha256) {}
}
