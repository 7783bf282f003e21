package dev.tunegate.evals.stats;

/**
 * How many paired items a non-inferiority comparison of two pass rates needs, by the normal
 * approximation for paired proportions (Connor 1987; Nam 1997, without continuity correction):
 * {@code n = (z₁₋α/₂ + z₁₋β)² · (ψ − Δ²) / (Δ + m)²}, where Δ is the expected difference (candidate − baseline),
 * ψ the expected share of discordant pairs and m the margin, for a two-sided 95 % interval (α = 0.05)
 * and 80 % power (β = 0.2). The planning values are the ones observed so far.
 *
 * @param requiredItems paired items needed in all, or -1 when no sample size can show non-inferiority
 *                      (the observed difference is at or below −margin)
 * @param method the formula and its inputs, for the report
 */
public record NonInferioritySampleSize(long requiredItems, String method) {

    /** z for a two-sided 95 % interval. */
    public static final double Z_ALPHA = WilsonScore.Z95;
    /** z for 80 % power. */
    public static final double Z_BETA = 0.8416212335729143;

    /**
     * @param difference expected candidate − baseline difference Δ
     * @param discordantShare expected share of discordant pairs ψ (0 is raised to {@code 1 / observedItems}:
     *                        a paired comparison with no discordance observed yet cannot plan on none)
     * @param margin the non-inferiority margin m (&gt; 0)
     * @param observedItems items observed so far (to floor ψ), ≥ 1
     */
    public static NonInferioritySampleSize of(
            double difference, double discordantShare, double margin, long observedItems) {
        if (margin <= 0) throw new IllegalArgumentException("margin must be > 0, got " + margin);
        double psi = Math.max(discordantShare, 1.0 / Math.max(1, observedItems));
        String method = String.format(
                java.util.Locale.ROOT,
                "paired non-inferiority sample size (Connor 1987): n = (%.3f + %.3f)^2 (ψ − Δ^2) / (Δ + m)^2 with Δ = %.4f, ψ = %.4f, m = %.4f; 95%% interval, 80%% power",
                Z_ALPHA,
                Z_BETA,
                difference,
                psi,
                margin);
        double effect = difference + margin;
        if (effect <= 0) return new NonInferioritySampleSize(-1, method);
        double variance = Math.max(psi - difference * difference, 1e-12);
        double n = Math.pow(Z_ALPHA + Z_BETA, 2) * variance / (effect * effect);
        return new NonInferioritySampleSize((long) Math.ceil(n), method);
    }
}
