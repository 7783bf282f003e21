package dev.tunegate.evals;

import dev.tunegate.evals.read.EvalFormat;
import dev.tunegate.evals.stats.Bootstrap;
import dev.tunegate.evals.stats.PairedPermutationTest;
import dev.tunegate.workspace.PilotSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How eval files are read and judged.
 *
 * @param format the file format ({@code evals.format})
 * @param columns the CSV column mapping ({@code evals.columns})
 * @param labels the label set ({@code evals.labels}); empty to infer it from expected values
 * @param seed the seed of every randomized statistic ({@code evals.seed})
 * @param outputSchema the JSON Schema outputs must conform to ({@code requirements.outputSchema}), or null
 * @param minIterations N: latest iterations without gain that make a plateau ({@code FT-PLATEAU.minIterations})
 * @param minRecurringShare share of errors the recurring class must hold ({@code FT-PLATEAU.minRecurringShare})
 * @param minEffect an improvement larger than this (accuracy or mean score) counts as a gain even when not significant
 * @param alpha significance level of the paired tests
 * @param bootstrapResamples resamples of the mean-score bootstrap
 * @param permutationResamples random assignments of the permutation test (above its exact limit)
 */
public record EvalSettings(
        EvalFormat format,
        Map<String, String> columns,
        List<String> labels,
        long seed,
        Path outputSchema,
        int minIterations,
        double minRecurringShare,
        double minEffect,
        double alpha,
        int bootstrapResamples,
        int permutationResamples) {
    public EvalSettings {
        columns = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(columns));
        labels = List.copyOf(labels);
        if (minIterations < 1) throw new IllegalArgumentException("minIterations must be ≥ 1, got " + minIterations);
    }

    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_ALPHA = 0.05;

    /** The defaults of the shipped policy: N = 3, 30 %, 1 point, α = 0.05, seed 42. */
    public static EvalSettings defaults() {
        return new EvalSettings(
                EvalFormat.AUTO,
                Map.of(),
                List.of(),
                DEFAULT_SEED,
                null,
                3,
                0.30,
                // the smallest gain counted is the loss the golden-set check tolerates: one accuracy point
                PilotSettings.DEFAULT_NON_INFERIORITY_MARGIN,
                DEFAULT_ALPHA,
                Bootstrap.DEFAULT_RESAMPLES,
                PairedPermutationTest.DEFAULT_RESAMPLES);
    }

    public EvalSettings withFormat(EvalFormat f) {
        return new EvalSettings(
                f,
                columns,
                labels,
                seed,
                outputSchema,
                minIterations,
                minRecurringShare,
                minEffect,
                alpha,
                bootstrapResamples,
                permutationResamples);
    }

    public EvalSettings withColumns(Map<String, String> c) {
        return new EvalSettings(
                format,
                c,
                labels,
                seed,
                outputSchema,
                minIterations,
                minRecurringShare,
                minEffect,
                alpha,
                bootstrapResamples,
                permutationResamples);
    }

    public EvalSettings withLabels(List<String> l) {
        return new EvalSettings(
                format,
                columns,
                l,
                seed,
                outputSchema,
                minIterations,
                minRecurringShare,
                minEffect,
                alpha,
                bootstrapResamples,
                permutationResamples);
    }

    public EvalSettings withSeed(long s) {
        return new EvalSettings(
                format,
                columns,
                labels,
                s,
                outputSchema,
                minIterations,
                minRecurringShare,
                minEffect,
                alpha,
                bootstrapResamples,
                permutationResamples);
    }

    public EvalSettings withOutputSchema(Path p) {
        return new EvalSettings(
                format,
                columns,
                labels,
                seed,
                p,
                minIterations,
                minRecurringShare,
                minEffect,
                alpha,
                bootstrapResamples,
                permutationResamples);
    }

    public EvalSettings withPlateau(int n, double share) {
        return new EvalSettings(
                format,
                columns,
                labels,
                seed,
                outputSchema,
                n,
                share,
                minEffect,
                alpha,
                bootstrapResamples,
                permutationResamples);
    }
}
