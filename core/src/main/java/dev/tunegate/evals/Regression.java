package dev.tunegate.evals;

import dev.tunegate.evals.RegressionReport.ClassCounts;
import dev.tunegate.evals.RegressionReport.SampleSize;
import dev.tunegate.evals.RegressionReport.Slice;
import dev.tunegate.evals.stats.Interval;
import dev.tunegate.evals.stats.McNemarTest;
import dev.tunegate.evals.stats.NonInferioritySampleSize;
import dev.tunegate.evals.stats.PairedProportionDifference;
import dev.tunegate.evals.stats.WilsonScore;
import dev.tunegate.evidence.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The golden-set regression check used by {@code tunegate regress}, the pilot and adapter promotion:
 * a candidate run against a baseline run, paired on the items both answered.
 *
 * <p>The difference (candidate − baseline accuracy) carries Newcombe's paired 95 % interval
 * ({@link PairedProportionDifference}); the exact McNemar test gives its p-value. The verdict:
 * <ul>
 *   <li>{@code PASS} when the interval's lower bound is above −margin (non-inferior);</li>
 *   <li>{@code REGRESSION} when its upper bound is below 0 (significantly worse) and non-inferiority is not shown;</li>
 *   <li>{@code INCONCLUSIVE} otherwise, with the items a conclusive check would need
 *       ({@link NonInferioritySampleSize}, planned on the observed difference and discordance).</li>
 * </ul>
 */
public final class Regression {

    private Regression() {}

    /**
     * Reads a baseline and a candidate run from eval files (the latest run of each file when it holds
     * several) and compares them, restricted to the golden set's items when {@code golden} is given.
     *
     * <p>Each file is hashed while it is read into {@code digests} (null: not hashed), so {@code regress --workspace}
     * names the runs by their digests without reading them again.
     *
     * @param settings how to read the files (format, columns, labels, output schema)
     * @param schema the compiled output schema, or null
     */
    public static RegressionReport compareFiles(
            java.nio.file.Path baseline,
            java.nio.file.Path candidate,
            java.nio.file.Path golden,
            double margin,
            EvalSettings settings,
            com.networknt.schema.JsonSchema schema,
            dev.tunegate.io.FileDigests digests) {
        Findings findings = new Findings();
        EvalRun b = EvalsAnalyzer.single(
                EvalRuns.load(List.of(baseline), java.nio.file.Path::toString, settings, findings, digests),
                baseline.toString());
        // the same file as both runs is read once, so its findings are not listed twice
        boolean oneFile = sameFile(baseline, candidate);
        EvalRun c = oneFile
                ? b
                : EvalsAnalyzer.single(
                        EvalRuns.load(List.of(candidate), java.nio.file.Path::toString, settings, findings, digests),
                        candidate.toString());
        if (b.name().equals(c.name())) {
            c = new EvalRun(c.name() + " (candidate)", c.order(), c.records());
        }
        Set<String> items = golden == null ? null : GoldenItems.read(golden, golden.toString(), findings, digests);
        List<String> expected = new ArrayList<>();
        b.records().forEach(r -> expected.add(r.expected()));
        c.records().forEach(r -> expected.add(r.expected()));
        LabelSet labels =
                settings.labels().isEmpty() ? LabelSet.infer(expected) : LabelSet.configured(settings.labels());
        ErrorClassifier classifier = new ErrorClassifier(labels, schema);
        LabelFindings.check(oneFile ? List.of(b) : List.of(b, c), labels, classifier, findings);
        return compare(b, c, margin, classifier, items, findings.snapshot());
    }

    private static boolean sameFile(java.nio.file.Path a, java.nio.file.Path b) {
        try {
            return java.nio.file.Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return false; // the reader says what is wrong with a file it cannot read
        }
    }

    /** Compares two runs with the label set inferred from their expected values, and no golden restriction. */
    public static RegressionReport compare(EvalRun baselineRun, EvalRun candidateRun, double margin) {
        List<String> expected = new ArrayList<>();
        baselineRun.records().forEach(r -> expected.add(r.expected()));
        candidateRun.records().forEach(r -> expected.add(r.expected()));
        return compare(
                baselineRun,
                candidateRun,
                margin,
                new ErrorClassifier(LabelSet.infer(expected), null),
                null,
                List.of());
    }

    /**
     * Compares two runs.
     *
     * @param margin the non-inferiority margin, &gt; 0 and &lt; 1
     * @param classifier how failed items are classed
     * @param golden the golden item ids to restrict the comparison to, or null for all shared items
     * @param findings problems found while reading the runs, carried into the report
     */
    public static RegressionReport compare(
            EvalRun baselineRun,
            EvalRun candidateRun,
            double margin,
            ErrorClassifier classifier,
            Set<String> golden,
            List<Finding> findings) {
        if (!(margin > 0 && margin < 1)) throw new IllegalArgumentException("margin must be in (0, 1), got " + margin);
        Map<String, EvalRecord> base = answered(baselineRun);
        Map<String, EvalRecord> cand = answered(candidateRun);
        List<String> improved = new ArrayList<>(), regressed = new ArrayList<>(), unchanged = new ArrayList<>();
        List<String> baselineOnly = new ArrayList<>(), candidateOnly = new ArrayList<>(), missing = new ArrayList<>();
        long a = 0, b = 0, c = 0, d = 0;
        Map<String, int[]> classes = new TreeMap<>();
        Map<String, List<boolean[]>> slices = new TreeMap<>();
        for (EvalRecord r : base.values()) {
            if (golden != null && !golden.contains(r.item())) continue;
            EvalRecord o = cand.get(r.item());
            if (o == null) {
                baselineOnly.add(r.item());
                continue;
            }
            boolean bp = r.passed(), cp = o.passed();
            if (bp && cp) {
                a++;
                unchanged.add(r.item());
            } else if (bp) {
                b++;
                regressed.add(r.item());
            } else if (cp) {
                c++;
                improved.add(r.item());
            } else {
                d++;
                unchanged.add(r.item());
            }
            if (!bp) classes.computeIfAbsent(ErrorClassifier.base(classifier.classify(r)), k -> new int[2])[0]++;
            if (!cp) classes.computeIfAbsent(ErrorClassifier.base(classifier.classify(o)), k -> new int[2])[1]++;
            Map<String, String> tags = new TreeMap<>(o.tags());
            tags.putAll(r.tags());
            tags.forEach((k, v) -> slices.computeIfAbsent(k + "\u0000" + v, x -> new ArrayList<>())
                    .add(new boolean[] {bp, cp}));
        }
        for (EvalRecord o : cand.values()) {
            if (golden != null && !golden.contains(o.item())) continue;
            if (!base.containsKey(o.item())) candidateOnly.add(o.item());
        }
        if (golden != null) {
            for (String g : new LinkedHashSet<>(golden))
                if (!base.containsKey(g) && !cand.containsKey(g)) missing.add(g);
        }
        long n = a + b + c + d;
        Interval baseAcc = WilsonScore.interval(a + b, n);
        Interval candAcc = WilsonScore.interval(a + c, n);
        Interval diff = PairedProportionDifference.newcombe(a, b, c, d);
        McNemarTest mc = McNemarTest.exact(b, c);

        Verdict verdict;
        String reason;
        SampleSize size = null;
        String fmt = "difference %+.1f points [%+.1f, %+.1f] on %d shared items, margin %.1f points";
        String summary = String.format(
                Locale.ROOT, fmt, diff.estimate() * 100, diff.low() * 100, diff.high() * 100, n, margin * 100);
        if (n > 0 && diff.low() > -margin) {
            verdict = Verdict.PASS;
            reason = "non-inferior: the interval's lower bound is above −margin; " + summary;
        } else if (n > 0 && diff.high() < 0) {
            verdict = Verdict.REGRESSION;
            reason = "significantly worse: the interval lies below 0 and non-inferiority is not shown; " + summary;
        } else {
            verdict = Verdict.INCONCLUSIVE;
            if (n == 0) {
                size = new SampleSize(-1, -1, "no shared items: nothing to plan a sample size from");
                reason = "no shared items: the runs answered no common item with an outcome";
            } else {
                NonInferioritySampleSize s =
                        NonInferioritySampleSize.of(diff.estimate(), (double) (b + c) / n, margin, n);
                long more = s.requiredItems() < 0 ? -1 : Math.max(1, s.requiredItems() - n);
                size = new SampleSize(s.requiredItems(), more, s.method());
                reason = (more < 0
                                ? "too few items to tell, and at the observed difference no number of items would show non-inferiority; "
                                : "too few shared items to tell: about " + more
                                        + " more paired items would be needed; ")
                        + summary;
            }
        }
        Map<String, ClassCounts> byClass = new LinkedHashMap<>();
        classes.forEach((k, v) -> byClass.put(k, new ClassCounts(v[0], v[1])));
        List<Slice> bySlice = new ArrayList<>();
        slices.forEach((key, pairs) -> bySlice.add(slice(key, pairs)));
        return new RegressionReport(
                verdict,
                reason,
                baselineRun.name(),
                candidateRun.name(),
                margin,
                (int) n,
                improved,
                regressed,
                unchanged,
                baseAcc,
                candAcc,
                diff,
                mc.pValue(),
                mc.midP(),
                size,
                byClass,
                bySlice,
                baselineOnly,
                candidateOnly,
                missing,
                findings);
    }

    /** The run's records that have a pass/fail outcome, by item. */
    private static Map<String, EvalRecord> answered(EvalRun run) {
        Map<String, EvalRecord> m = new LinkedHashMap<>();
        for (EvalRecord r : run.records()) if (r.passed() != null) m.putIfAbsent(r.item(), r);
        return m;
    }

    private static Slice slice(String key, List<boolean[]> pairs) {
        int sep = key.indexOf('\u0000');
        long a = 0, b = 0, c = 0, d = 0;
        for (boolean[] p : pairs) {
            if (p[0] && p[1]) a++;
            else if (p[0]) b++;
            else if (p[1]) c++;
            else d++;
        }
        long n = pairs.size();
        return new Slice(
                key.substring(0, sep),
                key.substring(sep + 1),
                (int) n,
                (int) c,
                (int) b,
                (double) (a + b) / n,
                (double) (a + c) / n,
                PairedProportionDifference.newcombe(a, b, c, d),
                McNemarTest.exact(b, c).pValue());
    }
}
