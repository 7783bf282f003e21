package dev.tunegate.evals;

import dev.tunegate.evals.stats.Interval;
import dev.tunegate.evidence.Finding;
import java.util.List;
import java.util.Map;

/**
 * What {@code tunegate evals} and the evals analyzer report: each prompt iteration measured, whether
 * the latest iterations plateau, and whether one error class recurs. Jackson serialises it as the
 * command's JSON.
 *
 * @param seed the seed of every randomized statistic
 * @param metric {@code pass/fail} (accuracy, exact McNemar) or {@code score} (mean score, paired permutation)
 * @param files the eval files read
 * @param labelSource where the label set came from: {@code configured}, {@code inferred} or {@code none}
 * @param labelCount labels in the set
 * @param iterations each iteration, oldest first
 * @param plateau whether the latest {@code minIterations} iterations bring no gain over the best earlier one
 * @param plateauEvidence the comparisons behind {@code plateau}
 * @param recurringErrorClass the class that tops each of the latest iterations with at least the set share of errors, or null
 * @param topErrorClassPerIteration the top error class of each iteration (null where tied or errorless)
 * @param formatErrorShare share of the latest iteration's errors that are FORMAT errors
 * @param formatDominant whether FORMAT errors are at least half of the latest iteration's errors
 * @param findings rows skipped or flagged while reading
 * @param parameters the parameters the verdicts used
 * @param regression the golden-set check of {@code evals.candidate} against {@code evals.baseline} when both are configured, else null
 */
public record EvalsReport(
        long seed,
        String metric,
        List<String> files,
        String labelSource,
        int labelCount,
        List<IterationSummary> iterations,
        boolean plateau,
        PlateauEvidence plateauEvidence,
        RecurringErrorClass recurringErrorClass,
        List<String> topErrorClassPerIteration,
        double formatErrorShare,
        boolean formatDominant,
        List<Finding> findings,
        Parameters parameters,
        RegressionReport regression) {
    public EvalsReport {
        files = List.copyOf(files);
        iterations = List.copyOf(iterations);
        topErrorClassPerIteration =
                java.util.Collections.unmodifiableList(new java.util.ArrayList<>(topErrorClassPerIteration));
        findings = List.copyOf(findings);
    }

    /**
     * One iteration.
     *
     * @param name the run's name
     * @param order its position (0 = oldest)
     * @param items items it answered
     * @param passed items that passed (pass/fail metric)
     * @param accuracy share passed, null for a score-only history
     * @param low lower bound of the accuracy's Wilson 95 % interval, null for a score-only history
     * @param high upper bound
     * @param accuracyMethod how the interval was computed
     * @param meanScore mean score with a seeded bootstrap interval, null when no scores
     * @param errors items that failed
     * @param errorClasses each error class (base class) with its count and share of errors, largest first
     * @param confusions the most frequent wrong-label pairs (expected→got)
     * @param topErrorClass the class (a confusion pair for wrong labels) holding most errors, null when tied or none
     * @param sharedWithPrevious items also answered by the previous iteration
     * @param sharedWithAllPrevious items answered by every earlier iteration
     */
    public record IterationSummary(
            String name,
            int order,
            int items,
            int passed,
            Double accuracy,
            Double low,
            Double high,
            String accuracyMethod,
            Interval meanScore,
            int errors,
            Map<String, ClassShare> errorClasses,
            List<Confusion> confusions,
            String topErrorClass,
            int sharedWithPrevious,
            int sharedWithAllPrevious) {
        public IterationSummary {
            errorClasses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(errorClasses));
            confusions = List.copyOf(confusions);
        }
    }

    /** An error class's count and share of the iteration's errors. */
    public record ClassShare(int count, double share) {}

    /** A wrong-label pair: items expected {@code expected} answered {@code got}. */
    public record Confusion(String expected, String got, int count, double share) {}

    /**
     * The comparisons behind the plateau verdict.
     *
     * @param window N, the latest iterations that must bring no gain
     * @param iterationsWithoutGain latest consecutive iterations with no gain over the best iteration before them
     * @param comparisons each of the latest N iterations against the best earlier one (fewer when the history is short)
     * @param rule how a gain is decided
     */
    public record PlateauEvidence(int window, int iterationsWithoutGain, List<Comparison> comparisons, String rule) {
        public PlateauEvidence {
            comparisons = List.copyOf(comparisons);
        }
    }

    /**
     * One later iteration against the best earlier one, on the items both answered.
     *
     * @param iteration the later iteration
     * @param bestEarlier the best earlier iteration
     * @param itemsCompared shared items
     * @param earlierValue accuracy (or mean score) of the earlier one on the shared items
     * @param laterValue the later one's on the shared items
     * @param delta later − earlier
     * @param pValue two-sided p-value (exact McNemar, or paired permutation)
     * @param midP McNemar's mid-p (null for scores)
     * @param test the test used
     * @param gain whether it counts as a gain
     */
    public record Comparison(
            String iteration,
            String bestEarlier,
            int itemsCompared,
            double earlierValue,
            double laterValue,
            double delta,
            double pValue,
            Double midP,
            String test,
            boolean gain) {}

    /**
     * The recurring error class.
     *
     * @param name the class (a confusion pair for wrong labels, e.g. {@code WRONG_LABEL billing→account})
     * @param share the smallest share of errors it holds across the window
     * @param sharePerIteration its share in each iteration of the window, oldest first
     */
    public record RecurringErrorClass(String name, double share, List<Double> sharePerIteration) {
        public RecurringErrorClass {
            sharePerIteration = List.copyOf(sharePerIteration);
        }
    }

    /** The parameters of the verdicts. */
    public record Parameters(
            int minIterations,
            double minRecurringShare,
            double minEffect,
            double alpha,
            int bootstrapResamples,
            int permutationResamples) {}
}
