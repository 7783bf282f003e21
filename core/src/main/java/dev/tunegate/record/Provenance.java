package dev.tunegate.record;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tunegate.ToolVersion;
import dev.tunegate.analysis.AnalyzerResult;
import dev.tunegate.workspace.Workspace;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a record came from — the one provenance of decision and pilot records: the tool and its version, the
 * workspace, every input with its digest and the configuration used; for a decision record also what the
 * pipeline ran ({@link Analysis}, written beside the other fields in the JSON twin).
 *
 * @param analysis the thresholds, analyzers and dataset version of a decision; null for a pilot record
 */
public record Provenance(
        String tool,
        String toolVersion,
        String workspace,
        List<AnalyzerResult.InputFile> inputs,
        Map<String, Object> config,
        @JsonUnwrapped Analysis analysis) {
    public Provenance {
        inputs = List.copyOf(inputs);
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    /**
     * What the pipeline ran for a decision. {@code datasetVersion}: the dataset version (tunegate data snapshot)
     * of the training file the decision used, or null when none records its current bytes.
     */
    public record Analysis(
            Map<String, Double> thresholds,
            List<String> analyzers,
            List<String> skippedAnalyzers,
            String datasetVersion) {}

    /** This tool, this version, the workspace's folder name. */
    public static Provenance of(
            Workspace ws, List<AnalyzerResult.InputFile> inputs, Map<String, Object> config, Analysis analysis) {
        return new Provenance(
                "tunegate", ToolVersion.get(), ws.root().getFileName().toString(), inputs, config, analysis);
    }
}
