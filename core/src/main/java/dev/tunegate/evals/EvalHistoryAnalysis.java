package dev.tunegate.evals;

import com.networknt.schema.JsonSchema;
import dev.tunegate.evals.EvalsReport.ClassShare;
import dev.tunegate.evals.EvalsReport.Comparison;
import dev.tunegate.evals.EvalsReport.Confusion;
import dev.tunegate.evals.EvalsReport.IterationSummary;
import dev.tunegate.evals.EvalsReport.PlateauEvidence;
import dev.tunegate.evals.EvalsReport.RecurringErrorClass;
import dev.tunegate.evals.stats.Bootstrap;
import dev.tunegate.evals.stats.Interval;
import dev.tunegate.evals.stats.McNemarTest;
import dev.tunegate.evals.stats.PairedPermutationTest;
import dev.tunegate.evals.stats.WilsonScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures an eval history: each iteration's accuracy (Wilson 95 %) and mean score (seeded bootstrap),
 * its error classes, whether the latest iterations plateau, and whether one error class recurs.
 *
 * <p><b>Gain.</b> A later iteration gains over the best earlier one (highest accuracy or mean score;
 * ties go to the later) when, on the items both answered, its improvement is statistically significant
 * (exact McNemar for pass/fail, paired sign-flip permutation for scores, two-sided p &lt; α, positive
 * delta) <i>or</i> larger than the minimum effect. A plateau is N latest iterations without a gain.
 *
 * <p><b>Recurring class.</b> The same class (a confusion pair for wrong labels) is the unique top
 * class of each of the latest N iterations and holds at least the set share of each one's errors.
 * {@code OTHER} never recurs: it says the failures could not be classed, not that one failure repeats.
 */
public final class EvalHistoryAnalysis {

    private final EvalSettings settings;
    private final JsonSchema outputSchema;

    /**
     * @param settings the settings
     * @param outputSchema the compiled {@code requirements.outputSchema}, or null
     */
    public EvalHistoryAnalysis(EvalSettings settings, JsonSchema outputSchema) {
        this.settings = settings;
        this.outputSchema = outputSchema;
    }

    /**
     * Reads eval files (in order) and analyzes them.
     *
     * @param display how findings name a file
     */
    public EvalsReport analyzeFiles(
            List<java.nio.file.Path> files, java.util.function.Function<java.nio.file.Path, String> display) {
        Findings findings = new Findings();
        List<EvalRun> runs = EvalRuns.load(files, display, settings, findings);
        return analyze(runs, files.stream().map(display).toList(), findings);
    }

    /** Which statistic the history is judged on. */
    enum Metric {
        PASS_FAIL,
        SCORE
    }

    /**
     * Analyzes runs already read (oldest first). Label findings go to {@code findings}.
     *
     * @param files the files the runs were read from (for the report)
     */
    public EvalsReport analyze(List<EvalRun> runs, List<String> files, Findings findings) {
        // Comparisons already made (by position: earlier→later), reused as the plateau window grows.
        Map<String, Comparison> cache = new java.util.HashMap<>();
        LabelSet labels = settings.labels().isEmpty()
                ? LabelSet.infer(runs.stream()
                        .flatMap(r -> r.records().stream())
                        .map(EvalRecord::expected)
                        .toList())
                : LabelSet.configured(settings.labels());
        ErrorClassifier classifier = new ErrorClassifier(labels, outputSchema);
        LabelFindings.check(runs, labels, classifier, findings);
        Metric metric =
                runs.stream().allMatch(EvalRun::allPassFail) || !runs.stream().allMatch(EvalRun::allScored)
                        ? Metric.PASS_FAIL
                        : Metric.SCORE;

        List<IterationSummary> summaries = new ArrayList<>();
        List<Map<String, Integer>> fineClasses = new ArrayList<>();
        Set<String> allPrevious = null;
        for (int i = 0; i < runs.size(); i++) {
            EvalRun run = runs.get(i);
            Map<String, Integer> fine = new LinkedHashMap<>();
            summaries.add(summarize(run, i == 0 ? null : runs.get(i - 1), allPrevious, classifier, fine));
            fineClasses.add(fine);
            Set<String> items = run.byItem().keySet();
            if (allPrevious == null) allPrevious = new HashSet<>(items);
            else allPrevious.retainAll(items);
        }

        int n = settings.minIterations();
        int withoutGain = 0;
        List<Comparison> windowComparisons = List.of();
        for (int k = 1; k < runs.size(); k++) {
            List<Comparison> cmp = window(runs, summaries, k, metric, cache);
            if (k == Math.min(n, runs.size() - 1)) windowComparisons = cmp;
            if (cmp.stream().anyMatch(Comparison::gain)) break;
            withoutGain = k;
        }
        if (withoutGain < Math.min(n, runs.size() - 1) && runs.size() > 1) {
            windowComparisons = window(runs, summaries, Math.min(n, runs.size() - 1), metric, cache);
        }
        boolean plateau = withoutGain >= n;
        String rule = String.format(
                java.util.Locale.ROOT,
                "a gain is a significant improvement (%s, two-sided p < %.2f, positive delta) or an improvement above %.1f points, "
                        + "over the best earlier iteration on the items both answered",
                metric == Metric.PASS_FAIL ? "exact McNemar" : "paired permutation",
                settings.alpha(),
                settings.minEffect() * 100);
        PlateauEvidence evidence = new PlateauEvidence(n, withoutGain, windowComparisons, rule);

        List<String> tops =
                summaries.stream().map(IterationSummary::topErrorClass).toList();
        RecurringErrorClass recurring = recurring(summaries, fineClasses, n);
        double formatShare = 0;
        if (!summaries.isEmpty()) {
            IterationSummary last = summaries.get(summaries.size() - 1);
            ClassShare f = last.errorClasses().get(ErrorClass.FORMAT.name());
            formatShare = f == null ? 0 : f.share();
        }
        return new EvalsReport(
                settings.seed(),
                metric == Metric.PASS_FAIL ? "pass/fail" : "score",
                files,
                labels.source(),
                labels.labels().size(),
                summaries,
                plateau,
                evidence,
                recurring,
                tops,
                formatShare,
                formatShare >= 0.5,
                findings.snapshot(),
                new EvalsReport.Parameters(
                        n,
                        settings.minRecurringShare(),
                        settings.minEffect(),
                        settings.alpha(),
                        settings.bootstrapResamples(),
                        settings.permutationResamples()),
                null);
    }

    private IterationSummary summarize(
            EvalRun run,
            EvalRun previous,
            Set<String> allPrevious,
            ErrorClassifier classifier,
            Map<String, Integer> fine) {
        int items = run.records().size();
        int withOutcome = 0, passed = 0, errors = 0;
        List<Double> scores = new ArrayList<>();
        Map<String, Integer> base = new LinkedHashMap<>();
        for (EvalRecord r : run.records()) {
            if (r.score() != null) scores.add(r.score());
            if (r.passed() == null) continue;
            withOutcome++;
            if (r.passed()) {
                passed++;
                continue;
            }
            errors++;
            String key = classifier.classify(r);
            fine.merge(key, 1, Integer::sum);
            base.merge(ErrorClassifier.base(key), 1, Integer::sum);
        }
        Double acc = null, low = null, high = null;
        String method = null;
        if (withOutcome > 0) {
            Interval w = WilsonScore.interval(passed, withOutcome);
            acc = w.estimate();
            low = w.low();
            high = w.high();
            method = w.method();
        }
        Interval mean = scores.isEmpty()
                ? null
                : Bootstrap.meanInterval(
                        scores.stream().mapToDouble(Double::doubleValue).toArray(),
                        settings.seed(),
                        settings.bootstrapResamples());
        Map<String, ClassShare> classes = new LinkedHashMap<>();
        final int errs = errors;
        base.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> classes.put(e.getKey(), new ClassShare(e.getValue(), (double) e.getValue() / errs)));
        List<Confusion> confusions = fine.entrySet().stream()
                .filter(e -> e.getKey().startsWith(ErrorClass.WRONG_LABEL.name() + " "))
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(5)
                .map(e -> {
                    String pair =
                            e.getKey().substring(ErrorClass.WRONG_LABEL.name().length() + 1);
                    int arrow = pair.indexOf('→');
                    return new Confusion(
                            pair.substring(0, arrow),
                            pair.substring(arrow + 1),
                            e.getValue(),
                            (double) e.getValue() / errs);
                })
                .toList();
        String top = top(fine);
        Set<String> mine = run.byItem().keySet();
        int sharedPrev = previous == null
                ? 0
                : (int) previous.byItem().keySet().stream()
                        .filter(mine::contains)
                        .count();
        int sharedAll = allPrevious == null
                ? 0
                : (int) allPrevious.stream().filter(mine::contains).count();
        return new IterationSummary(
                run.name(),
                run.order(),
                items,
                passed,
                acc,
                low,
                high,
                method,
                mean,
                errors,
                classes,
                confusions,
                top,
                sharedPrev,
                sharedAll);
    }

    /** The unique class with most errors, or null when there are none or the top is tied. */
    static String top(Map<String, Integer> counts) {
        if (counts.isEmpty()) return null;
        List<Map.Entry<String, Integer>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .toList();
        if (sorted.size() > 1 && sorted.get(0).getValue().equals(sorted.get(1).getValue())) return null;
        return sorted.get(0).getKey();
    }

    /** Compares each of the latest {@code k} iterations with the best one before them. */
    private List<Comparison> window(
            List<EvalRun> runs, List<IterationSummary> summaries, int k, Metric metric, Map<String, Comparison> cache) {
        int start = runs.size() - k;
        int best = 0;
        for (int i = 1; i < start; i++) {
            if (value(summaries.get(i), metric) >= value(summaries.get(best), metric)) best = i;
        }
        List<Comparison> out = new ArrayList<>();
        for (int i = start; i < runs.size(); i++) {
            EvalRun earlier = runs.get(best), later = runs.get(i);
            out.add(cache.computeIfAbsent(best + "→" + i, key -> compare(earlier, later, metric)));
        }
        return out;
    }

    private static double value(IterationSummary s, Metric metric) {
        if (metric == Metric.PASS_FAIL) return s.accuracy() == null ? -1 : s.accuracy();
        return s.meanScore() == null ? -Double.MAX_VALUE : s.meanScore().estimate();
    }

    private Comparison compare(EvalRun earlier, EvalRun later, Metric metric) {
        if (metric == Metric.PASS_FAIL) {
            PairedTable t = PairedTable.of(earlier, later);
            McNemarTest m = McNemarTest.exact(t.firstOnly(), t.secondOnly());
            double delta = t.secondRate() - t.firstRate();
            boolean gain = (m.pValue() < settings.alpha() && delta > 0) || delta > settings.minEffect() + 1e-12;
            return new Comparison(
                    later.name(),
                    earlier.name(),
                    (int) t.n(),
                    t.firstRate(),
                    t.secondRate(),
                    delta,
                    m.pValue(),
                    m.midP(),
                    McNemarTest.METHOD,
                    gain);
        }
        Map<String, EvalRecord> l = later.byItem();
        List<double[]> pairs = new ArrayList<>();
        for (EvalRecord r : earlier.records()) {
            EvalRecord o = l.get(r.item());
            if (o != null && r.score() != null && o.score() != null) pairs.add(new double[] {r.score(), o.score()});
        }
        double[] a = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] b = pairs.stream().mapToDouble(p -> p[1]).toArray();
        PairedPermutationTest t = PairedPermutationTest.test(a, b, settings.seed(), settings.permutationResamples());
        double ea = a.length == 0 ? 0 : java.util.Arrays.stream(a).average().orElse(0);
        double eb = b.length == 0 ? 0 : java.util.Arrays.stream(b).average().orElse(0);
        boolean gain = (t.pValue() < settings.alpha() && t.meanDifference() > 0)
                || t.meanDifference() > settings.minEffect() + 1e-12;
        return new Comparison(
                later.name(),
                earlier.name(),
                pairs.size(),
                ea,
                eb,
                t.meanDifference(),
                t.pValue(),
                null,
                t.method(),
                gain);
    }

    private RecurringErrorClass recurring(List<IterationSummary> summaries, List<Map<String, Integer>> fine, int n) {
        if (summaries.size() < n) return null;
        String cls = null;
        List<Double> shares = new ArrayList<>();
        for (int i = summaries.size() - n; i < summaries.size(); i++) {
            IterationSummary s = summaries.get(i);
            String top = s.topErrorClass();
            if (top == null || top.equals(ErrorClass.OTHER.name()) || (cls != null && !cls.equals(top))) return null;
            cls = top;
            shares.add((double) fine.get(i).get(top) / s.errors());
        }
        double min = shares.stream().min(Comparator.naturalOrder()).orElse(0.0);
        return min + 1e-12 >= settings.minRecurringShare() ? new RecurringErrorClass(cls, min, shares) : null;
    }
}
