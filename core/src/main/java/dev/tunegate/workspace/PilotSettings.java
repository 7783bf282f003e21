package dev.tunegate.workspace;

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
        double nonInferiorityMargin) {

    /** The settings of a workspace, the schema's defaults for keys it does not set. */
    static PilotSettings of(Workspace ws) {
        return new PilotSettings(
                (int) ws.integerOrDefault("pilot.weeks"),
                ws.integerOrDefault("pilot.minCalls"),
                ws.number("pilot.qualityTarget").orElse(null),
                ws.number("pilot.adoptionTarget").orElse(null),
                ws.number("pilot.latencyP95MsMax").orElse(null),
                ws.number("pilot.unitCostUsdMax").orElse(null),
                ws.string("pilot.processKpi").orElse(null),
                ws.number("pilot.processKpiTarget").orElse(null),
                !"atLeast".equals(ws.string("pilot.processKpiDirection").orElseGet(() ->
                        (String) ConfigSchema.defaultValue("pilot.processKpiDirection"))),
                ws.numberOrDefault("pilot.nonInferiorityMargin"));
    }
}
