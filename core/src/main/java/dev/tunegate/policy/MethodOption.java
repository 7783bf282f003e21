package dev.tunegate.policy;

/**
 * One row of the method table a FINE_TUNE or HYBRID decision shows: what the method would need and cost,
 * against the team's hardware and budget.
 *
 * @param method the method
 * @param peakMemoryGb estimated peak training memory, or null when unknown
 * @param fitsHardware whether it fits the GPU memory the team can train on, or null when either is unknown
 * @param costPerRunUsd the cost model's cost of one training run, or null when unknown
 * @param withinBudget whether the run fits {@code training.maxBudgetUsd}, or null when no budget is set or the cost is unknown
 * @param seedBand the seed's typical cost per run, e.g. "$100–1,000"
 * @param bestFor the seed's "best for"
 */
public record MethodOption(
        Method method,
        Double peakMemoryGb,
        Boolean fitsHardware,
        Double costPerRunUsd,
        Boolean withinBudget,
        String seedBand,
        String bestFor) {

    /** Fits the hardware and the budget, counting an unknown as no objection. */
    public boolean acceptable() {
        return !Boolean.FALSE.equals(fitsHardware) && !Boolean.FALSE.equals(withinBudget);
    }
}
