package dev.tunegate.evals;

import dev.tunegate.evals.stats.Interval;
import dev.tunegate.evidence.Finding;
import java.util.List;
import java.util.Map;

/**
 * A golden-set regression check of a candidate run against a baseline run, paired on shared items.
 * Its JSON is the contract of {@code tunegate regress --format json}.
 *
 * @param verdict PASS, REGRESSION or INCONCLUSIVE
 * @param reason one sentence saying why
 * @param baseline the baseline run's name
 * @param candidate the candidate run's name
 * @param margin the non-inferiority margin (accuracy points as a fraction, 0.01 = 1 point)
 * @param sharedItems items both runs answered with an outcome (restricted to the golden set when one is given)
 * @param improved items failed by the baseline and passed by the candidate
 * @param regressed items passed by the baseline and failed by the candidate
 * @param unchanged items with the same outcome in both
 * @param baselineAccuracy the baseline's accuracy on the shared items, with its Wilson interval
 * @param candidateAccuracy the candidate's accuracy on the shared items
 * @param difference candidate − baseline accuracy with its paired 95 % interval
 * @param mcnemarP exact McNemar two-sided p-value on the discordant pairs
 * @param mcnemarMidP the mid-p variant
 * @param sampleSize paired items a conclusive non-inferiority check would need (null when not inconclusive)
 * @param byErrorClass per error class: the baseline's and the candidate's errors on the shared items
 * @param bySlice per tag value (slice, policy era): the paired comparison restricted to it
 * @param baselineOnly items only the baseline answered (not compared)
 * @param candidateOnly items only the candidate answered (not compared)
 * @param missingFromBoth golden items neither run answered
 * @param findings rows skipped or flagged while reading (duplicated items among them)
 */
public record RegressionReport(
        Verdict verdict,
        String reason,
        String baseline,
        String candidate,
        double margin,
        int sharedItems,
        List<String> improved,
        List<String> regressed,
        List<String> unchanged,
        Interval baselineAccuracy,
        Interval candidateAccuracy,
        Interval difference,
        double mcnemarP,
        double mcnemarMidP,
        SampleSize sampleSize,
        Map<String, ClassCounts> byErrorClass,
        List<Slice> bySlice,
        List<String> baselineOnly,
        List<String> candidateOnly,
        List<String> missingFromBoth,
        List<Finding> findings) {
    public RegressionReport {
        improved = List.copyOf(improved);
        regressed = List.copyOf(regressed);
        unchanged = List.copyOf(unchanged);
        byErrorClass = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byErrorClass));
        bySlice = List.copyOf(bySlice);
        baselineOnly = List.copyOf(baselineOnly);
        candidateOnly = List.copyOf(candidateOnly);
        missingFromBoth = List.copyOf(missingFromBoth);
        findings = List.copyOf(findings);
    }

    /** The CLI's exit code for the verdict: 1 on REGRESSION, else 0. */
    public int exitCode() {
        return verdict == Verdict.REGRESSION ? 1 : 0;
    }

    /**
     * The items a conclusive check would need.
     *
     * @param requiredItems paired items needed in all (-1 when no number of items would show non-inferiority at the observed difference)
     * @param additionalItems items beyond the shared ones (-1 likewise)
     * @param method the formula and its planning values
     */
    public record SampleSize(long requiredItems, long additionalItems, String method) {}

    /** A class's errors among the shared items in each run. */
    public record ClassCounts(int baseline, int candidate) {}

    /**
     * The comparison restricted to one tag value.
     *
     * @param tag the tag name (e.g. {@code slice}, {@code era})
     * @param value its value
     * @param items shared items carrying it
     * @param improved items improved
     * @param regressed items regressed
     * @param baselineAccuracy the baseline's accuracy on them
     * @param candidateAccuracy the candidate's
     * @param difference candidate − baseline with its paired interval
     * @param mcnemarP exact McNemar p-value
     */
    public record Slice(
            String tag,
            String value,
            int items,
            int improved,
            int regressed,
            double baselineAccuracy,
            double candidateAccuracy,
            Interval difference,
            double mcnemarP) {}
}
