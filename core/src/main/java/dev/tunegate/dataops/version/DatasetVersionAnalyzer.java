package dev.tunegate.dataops.version;

import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.Analyzer;
import dev.tunegate.analysis.AnalyzerResult;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Names the dataset version a decision used: the newest snapshot ({@code tunegate data snapshot}) whose
 * training file had exactly the bytes {@code data.train} has now. It measures nothing the policy reads; the
 * decision record cites its report ({@code provenance.datasetVersion}). Runs when the workspace has a
 * training file and at least one dataset version.
 */
public final class DatasetVersionAnalyzer implements Analyzer {
    /** The analyzer's name, and the key of its report. */
    public static final String NAME = "dataset-version";

    /**
     * The version cited, or none.
     *
     * @param id the version's id, or null when no snapshot has the training file's current bytes
     * @param digest its row digest
     * @param createdAt when it was taken
     * @param file the training file
     * @param fileSha256 the training file's current digest
     */
    public record Report(String id, String digest, String createdAt, String file, String fileSha256) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean applies(Workspace ws) {
        Optional<Path> train = ws.data().trainFile();
        return train.isPresent()
                && Files.isRegularFile(train.get())
                && Files.isDirectory(ws.root().resolve(DatasetVersions.DIR));
    }

    @Override
    public AnalyzerResult analyze(Workspace ws, AnalysisContext context) {
        Path train = ws.data().trainFile().orElseThrow();
        String sha = context.digests().sha256(train);
        Optional<DatasetVersion> v = new DatasetVersions(ws).latestOfFile(sha);
        String file = ws.relative(train);
        Report r = v.map(x -> new Report(x.id(), x.digest(), x.createdAt(), file, sha))
                .orElse(new Report(null, null, null, file, sha));
        List<String> notes = v.isPresent()
                ? List.of()
                : List.of(
                        file
                                + " changed since the last dataset version: run tunegate data snapshot so decisions can cite the version they used");
        return new AnalyzerResult(NAME, List.of(), List.of(new AnalyzerResult.InputFile(file, sha)), r, notes);
    }

    /** The version id a run's report names, or null. */
    public static String versionOf(Object report) {
        return report instanceof Report r ? r.id() : null;
    }
}
