package dev.tunegate.ops;

import dev.tunegate.workspace.PilotSettings;
import dev.tunegate.workspace.Settings;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;

/**
 * Every tunegate.yaml key the weekly review and {@code due} read, read here and nowhere else.
 *
 * @param businessOwner {@code useCase.businessOwner}: owns corpus freshness (new and stale documents)
 * @param technicalOwner {@code useCase.technicalOwner}: owns the pipelines (metadata and access fixes, answer review)
 * @param factsChangeDays {@code requirements.factsChange} as days, or null ({@code never} or not set)
 * @param logs {@code ops.logs}: the call logs when none are given on the command line
 * @param lowScoreThreshold {@code ops.lowScoreThreshold}, or null to calibrate from the golden questions
 * @param defaultLowScoreThreshold {@code ops.defaultLowScoreThreshold}: used when neither is available
 * @param topicSimilarity {@code ops.topicSimilarity}: Jaccard of two queries' words to share a topic
 * @param minTopicSize {@code ops.minTopicSize}: smallest topic that becomes a backlog entry
 * @param eligibleUsers {@code ops.eligibleUsers}, or null: the adoption share's denominator
 * @param qualityTarget {@code pilot.qualityTarget}
 * @param adoptionTarget {@code pilot.adoptionTarget}
 * @param latencyP95MsMax {@code pilot.latencyP95MsMax}
 * @param unitCostUsdMax {@code pilot.unitCostUsdMax}
 * @param seed {@code evals.seed}: the MinHash seed
 * @param candidateModel {@code model.candidate.name}
 * @param currentModel {@code model.current}
 */
public record OpsSettings(
        String businessOwner,
        String technicalOwner,
        Integer factsChangeDays,
        List<Path> logs,
        Double lowScoreThreshold,
        double defaultLowScoreThreshold,
        double topicSimilarity,
        int minTopicSize,
        Long eligibleUsers,
        Double qualityTarget,
        Double adoptionTarget,
        Double latencyP95MsMax,
        Double unitCostUsdMax,
        long seed,
        String candidateModel,
        String currentModel) {

    public OpsSettings {
        logs = List.copyOf(logs);
    }

    /** The settings of a workspace. */
    public static OpsSettings of(Workspace ws) {
        Settings s = ws.settings();
        Settings.Ops ops = s.ops();
        PilotSettings pilot = s.pilot();
        String factsChange = s.requirements().factsChange();
        return new OpsSettings(
                s.useCase().businessOwner(),
                s.useCase().technicalOwner(),
                factsChange == null ? null : days(factsChange),
                ops.logs(),
                ops.lowScoreThreshold(),
                ops.defaultLowScoreThreshold(),
                ops.topicSimilarity(),
                ops.minTopicSize(),
                ops.eligibleUsers(),
                pilot.qualityTarget(),
                pilot.adoptionTarget(),
                pilot.latencyP95MsMax(),
                pilot.unitCostUsdMax(),
                s.evals().seed(),
                s.model().candidateName(),
                s.model().current());
    }

    /** The interval of a {@code factsChange} value in days; null for {@code never}. */
    static Integer days(String factsChange) {
        return switch (factsChange) {
            case "daily" -> 1;
            case "weekly" -> 7;
            case "monthly" -> 30;
            case "quarterly" -> 91;
            case "yearly" -> 365;
            default -> null;
        };
    }

    /** Who owns a backlog entry type. */
    public String ownerOf(BacklogType type) {
        String owner = type.businessSide() ? businessOwner : technicalOwner;
        return owner == null
                ? "(unassigned: set useCase." + (type.businessSide() ? "businessOwner" : "technicalOwner") + ")"
                : owner;
    }
}
