package dev.tunegate.pilot;

import java.util.List;

/**
 * The verdict and everything that decided it.
 *
 * @param verdict SCALE, IMPROVE or STOP
 * @param summary the verdict in one sentence
 * @param reasons the (at most) three conditions that decided it, most decisive first, in words
 * @param misses each unmet or unknown SCALE condition: by how much it misses and its trend
 * @param wouldChange what would change the verdict
 * @param conditions every condition with its evidence
 */
public record PilotJudgement(
        PilotVerdict verdict,
        String summary,
        List<String> reasons,
        List<String> misses,
        List<String> wouldChange,
        List<PilotCondition> conditions) {
    public PilotJudgement {
        reasons = List.copyOf(reasons);
        misses = List.copyOf(misses);
        wouldChange = List.copyOf(wouldChange);
        conditions = List.copyOf(conditions);
    }
}
