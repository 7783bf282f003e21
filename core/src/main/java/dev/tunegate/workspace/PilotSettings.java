package dev.tunegate.workspace;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;

/**
 * The {@code pilot} section of {@code tunegate.yaml}, typed: the pilot's named metrics and targets, built by
 * {@link Workspace#pilot()}; its defaults are the schema's ({@link ConfigSchema}), stated nowhere else.
 *
 * @param weeks the pilot window in weeks
 * @param minCalls calls the checkpoints must cover to be representative
 * @param qualityTarget golden-set accuracy the candidate must reach, or null when not set
 * @param adoptionTarget share of eligible users who must use it, or null when not set
 * @param latencyP95MsMax guardrail on p95 latency, or null
 * @param unitCostUsdMax guardrail on cost per call, or null
 * @param processKpi the process KPI's name in the checkpoints, or null
 * @param processKpiTarget its target, or null
 * @param processKpiAtMost whether the process KPI must stay at most ({@code atMost}) or at least its target
 * @param nonInferiorityMargin how far below the baseline golden-set quality may be
 * @param checkpoints {@code pilot.checkpoints}, resolved; null when not configured
 */
public record PilotSettings(
        int weeks,
        long minCalls,
        Double qualityTarget,
        Double adoptionTarget,
        Double latencyP95MsMax,
        Double unitCostUsdMax,
        String processKpi,
        Double processKpiTarget,
        boolean processKpiAtMost,
        double nonInferiorityMargin,
        // where the checkpoints are is the record's provenance (relative, with its digest), not a setting it shows
        @JsonIgnore Path checkpoints) {

    /**
     * The default non-inferiority margin (1 accuracy point): the schema's default of {@code
     * pilot.nonInferiorityMargin}, the one place the number is written. {@code regress --margin}, the golden-set
     * comparisons and the evals' smallest counted gain default to it.
     */
    public static final double DEFAULT_NON_INFERIORITY_MARGIN =
            ((Number) ConfigSchema.defaultValue("pilot.nonInferiorityMargin")).doubleValue();

    /** Settings without a checkpoints file (tests, and judging checkpoints read elsewhere). */
    public PilotSettings(
            int weeks,
            long minCalls,
            Double qualityTarget,
            Double adoptionTarget,
            Double latencyP95MsMax,
            Double unitCostUsdMax,
            String processKpi,
            Double processKpiTarget,
            boolean processKpiAtMost,
            double nonInferiorityMargin) {
        this(
                weeks,
                minCalls,
                qualityTarget,
                adoptionTarget,
                latencyP95MsMax,
                unitCostUsdMax,
                processKpi,
                processKpiTarget,
                processKpiAtMost,
                nonInferiorityMargin,
                null);
    }

    /** The settings of a workspace, the schema's defaults for keys it does not set. */
    static PilotSettings of(Workspace ws) {
        return new PilotSettings(
                (int) (long) Settings.integer(ws, "pilot.weeks"),
                Settings.integer(ws, "pilot.minCalls"),
                Settings.number(ws, "pilot.qualityTarget"),
                Settings.number(ws, "pilot.adoptionTarget"),
                Settings.number(ws, "pilot.latencyP95MsMax"),
                Settings.number(ws, "pilot.unitCostUsdMax"),
                Settings.str(ws, "pilot.processKpi"),
                Settings.number(ws, "pilot.processKpiTarget"),
                !"atLeast".equals(Settings.str(ws, "pilot.processKpiDirection")),
                Settings.number(ws, "pilot.nonInferiorityMargin"),
                Settings.path(ws, "pilot.checkpoints"));
    }
}
