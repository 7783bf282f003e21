package dev.tunegate.pilot;

import dev.tunegate.evals.RegressionReport;
import dev.tunegate.evals.Verdict;
import dev.tunegate.workspace.PilotSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Decides SCALE / IMPROVE / STOP from the pilot's settings, its checkpoints, the golden-set regression and
 * the cost model's break-even. Deterministic and pure: the same inputs give the same judgement.
 *
 * <ul>
 *   <li><b>STOP</b> when a STOP condition is unmet: quality is significantly worse than the baseline
 *       (the regression's verdict is REGRESSION), or the break-even lies beyond the pilot window (never included).</li>
 *   <li><b>SCALE</b> when every SCALE condition is met: golden-set quality non-inferior to the baseline and at its
 *       target, p95 latency and unit cost (latest checkpoint) within their guardrails, the checkpoints' calls at least
 *       {@code minCalls}, and adoption and the process KPI at their targets when those are configured.</li>
 *   <li><b>IMPROVE</b> otherwise (an unknown SCALE condition is not met), naming each miss, by how much, and its trend.</li>
 * </ul>
 */
public final class PilotJudge {
    static final String GATE_SCALE = "SCALE", GATE_STOP = "STOP";
    private static final String RUNS = "evals.baseline and evals.candidate (golden-set runs)";
    private static final String CHECKPOINTS = "pilot.checkpoints (dated KPI measurements)";

    private final PilotSettings settings;

    public PilotJudge(PilotSettings settings) {
        this.settings = settings;
    }

    /**
     * Judges the pilot.
     *
     * @param useCase the use case's name, for the sentences
     * @param checkpoints the checkpoints, or null when none are configured
     * @param regression the candidate's golden-set regression against the baseline, or null when the runs are not configured
     * @param breakEvenWeeks weeks until the cost model breaks even ({@code +∞} = never), or null when unknown
     * @param breakEvenSource where the break-even comes from (when it is unknown: why, or null)
     */
    public PilotJudgement judge(
            String useCase,
            Checkpoints checkpoints,
            RegressionReport regression,
            Double breakEvenWeeks,
            String breakEvenSource) {
        return judge(useCase, checkpoints, regression, breakEvenWeeks, breakEvenSource, null);
    }

    /**
     * Judges the pilot; {@code paybackNotApplicable}, when not null, says why the cost model's break-even does not
     * judge this pilot (its payback condition is then {@link PilotCondition#NOT_APPLICABLE}, with that reason).
     */
    public PilotJudgement judge(
            String useCase,
            Checkpoints checkpoints,
            RegressionReport regression,
            Double breakEvenWeeks,
            String breakEvenSource,
            String paybackNotApplicable) {
        List<PilotCondition> cs = new ArrayList<>();
        cs.add(notWorse(regression));
        cs.add(
                paybackNotApplicable != null
                        ? notApplicable("payback", GATE_STOP, PAYBACK_TITLE, paybackTarget(), paybackNotApplicable)
                        : payback(breakEvenWeeks, breakEvenSource));
        cs.add(nonInferior(regression));
        cs.add(qualityTarget(regression));
        cs.add(kpi(
                "latency-p95",
                "p95 response latency within its guardrail",
                checkpoints,
                Checkpoint::latencyP95Ms,
                settings.latencyP95MsMax(),
                true,
                "pilot.latencyP95MsMax",
                "latencyP95Ms",
                Unit.MS));
        cs.add(kpi(
                "unit-cost",
                "cost per call within its guardrail",
                checkpoints,
                Checkpoint::unitCostUsd,
                settings.unitCostUsdMax(),
                true,
                "pilot.unitCostUsdMax",
                "unitCostUsd",
                Unit.USD));
        cs.add(volume(checkpoints));
        if (settings.adoptionTarget() != null) {
            cs.add(kpi(
                    "adoption",
                    "adoption at its target",
                    checkpoints,
                    Checkpoint::adoption,
                    settings.adoptionTarget(),
                    false,
                    "pilot.adoptionTarget",
                    "adoption",
                    Unit.SHARE));
        }
        if (settings.processKpi() != null && settings.processKpiTarget() != null) {
            cs.add(kpi(
                    "process-kpi",
                    settings.processKpi() + " at its target",
                    checkpoints,
                    Checkpoint::processKpi,
                    settings.processKpiTarget(),
                    settings.processKpiAtMost(),
                    "pilot.processKpiTarget",
                    settings.processKpi(),
                    Unit.PLAIN));
        }

        List<PilotCondition> stopFailed = cs.stream()
                .filter(c -> c.gate().equals(GATE_STOP) && Boolean.FALSE.equals(c.met()))
                .toList();
        List<PilotCondition> scale =
                cs.stream().filter(c -> c.gate().equals(GATE_SCALE)).toList();
        List<PilotCondition> scaleUnmet =
                scale.stream().filter(c -> Boolean.FALSE.equals(c.met())).toList();
        List<PilotCondition> scaleUnknown =
                scale.stream().filter(c -> c.met() == null).toList();
        PilotVerdict verdict = !stopFailed.isEmpty()
                ? PilotVerdict.STOP
                : scaleUnmet.isEmpty() && scaleUnknown.isEmpty() ? PilotVerdict.SCALE : PilotVerdict.IMPROVE;

        List<String> misses = new ArrayList<>();
        for (PilotCondition c : scaleUnmet) misses.add(missLine(c));
        for (PilotCondition c : scaleUnknown) misses.add(c.title() + ": unknown — needs " + c.source());

        List<String> reasons = new ArrayList<>();
        List<String> change = new ArrayList<>();
        String summary;
        switch (verdict) {
            case STOP -> {
                summary = "Stop the " + useCase + " pilot: "
                        + String.join(
                                "; and ",
                                stopFailed.stream()
                                        .map(PilotJudge::stopSentence)
                                        .toList()) + ".";
                stopFailed.forEach(c ->
                        reasons.add(stopSentence(c) + " (" + c.measuredText() + "; needed: " + c.targetText() + ")"));
                scaleUnmet.forEach(c -> reasons.add(missLine(c)));
                for (PilotCondition c : stopFailed)
                    change.add("IMPROVE instead of STOP if " + c.title() + " (" + c.targetText() + ")");
            }
            case SCALE -> {
                summary = "Scale " + useCase
                        + ": golden-set quality is non-inferior to the baseline and meets its target, latency and unit cost are"
                        + " within their guardrails, and " + find(cs, "volume").measuredText()
                        + " cover representative volume.";
                for (String id :
                        List.of("quality-non-inferior", "quality-target", "volume", "latency-p95", "unit-cost")) {
                    PilotCondition c = find(cs, id);
                    if (c != null)
                        reasons.add(c.title() + ": " + c.measuredText() + " (needed: " + c.targetText() + ")");
                }
                for (PilotCondition c : scale)
                    change.add("IMPROVE if " + c.title() + " stopped holding: now " + c.measuredText() + ", needed "
                            + c.targetText());
                PilotCondition nw = find(cs, "quality-not-worse");
                if (nw != null) change.add("STOP if a new golden-set run were significantly worse than the baseline");
            }
            default -> {
                int unmet = scaleUnmet.size(), unknown = scaleUnknown.size();
                summary = "Keep improving " + useCase + " before scaling: "
                        + (unmet > 0
                                ? unmet + " of " + scale.size() + " scale conditions miss ("
                                        + String.join(
                                                ", ",
                                                scaleUnmet.stream()
                                                        .map(PilotCondition::id)
                                                        .toList()) + ")"
                                : "no scale condition misses")
                        + (unknown > 0
                                ? (unmet > 0 ? " and " : ", but ") + unknown + " " + (unknown == 1 ? "is" : "are")
                                        + " unknown ("
                                        + String.join(
                                                ", ",
                                                scaleUnknown.stream()
                                                        .map(PilotCondition::id)
                                                        .toList()) + ")"
                                : "")
                        + ".";
                reasons.addAll(misses);
                for (PilotCondition c : scaleUnmet)
                    change.add("SCALE needs " + c.title() + ": " + c.targetText() + " (now " + c.measuredText() + ")");
                for (PilotCondition c : scaleUnknown)
                    change.add("SCALE needs " + c.title() + " to be measured: supply " + c.source());
                change.add(
                        "STOP if the candidate became significantly worse than the baseline on the golden set, or the break-even moved beyond "
                                + settings.weeks() + " weeks");
            }
        }
        return new PilotJudgement(
                verdict, summary, reasons.subList(0, Math.min(3, reasons.size())), misses, change, cs);
    }

    private static PilotCondition find(List<PilotCondition> cs, String id) {
        return cs.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    private static String stopSentence(PilotCondition c) {
        return switch (c.id()) {
            case "quality-not-worse" -> "golden-set quality is significantly worse than the baseline";
            case "payback" -> "the economics cannot pay back within the pilot window";
            default -> c.title() + " fails";
        };
    }

    private static String missLine(PilotCondition c) {
        StringBuilder b =
                new StringBuilder(c.title()).append(": ").append(c.gapText() == null ? c.measuredText() : c.gapText());
        if (c.trendText() != null) b.append("; trend ").append(c.trendText());
        return b.toString();
    }

    private PilotCondition notWorse(RegressionReport r) {
        String title = "golden-set quality not significantly worse than the baseline";
        String target = "the 95 % interval of candidate − baseline reaches 0 or above";
        if (r == null) return unknown("quality-not-worse", GATE_STOP, title, 0.0, ">=", target, RUNS);
        boolean met = r.verdict() != Verdict.REGRESSION;
        double high = r.difference().high();
        return new PilotCondition(
                "quality-not-worse",
                GATE_STOP,
                title,
                met,
                high,
                0.0,
                ">=",
                difference(r),
                target,
                met ? null : -high,
                met ? null : String.format(Locale.ROOT, "the upper bound is %.1f points below 0", -high * 100),
                null,
                null,
                runs(r));
    }

    private PilotCondition nonInferior(RegressionReport r) {
        double margin = settings.nonInferiorityMargin();
        String title = "golden-set quality non-inferior to the baseline";
        String target = String.format(
                Locale.ROOT,
                "lower bound of candidate − baseline above −%.1f points (non-inferiority margin)",
                margin * 100);
        if (r == null) return unknown("quality-non-inferior", GATE_SCALE, title, -margin, ">", target, RUNS);
        boolean met = r.verdict() == Verdict.PASS;
        double low = r.difference().low();
        String gapText = null;
        if (!met) {
            gapText = String.format(
                    Locale.ROOT,
                    "the lower bound %+.1f points is %.1f points short of −%.1f",
                    low * 100,
                    (-margin - low) * 100,
                    margin * 100);
            if (r.sampleSize() != null && r.sampleSize().additionalItems() > 0) {
                gapText += "; about " + r.sampleSize().additionalItems() + " more paired golden items would settle it";
            }
        }
        return new PilotCondition(
                "quality-non-inferior",
                GATE_SCALE,
                title,
                met,
                low,
                -margin,
                ">",
                difference(r),
                target,
                met ? null : -margin - low,
                gapText,
                null,
                null,
                runs(r));
    }

    private PilotCondition qualityTarget(RegressionReport r) {
        String title = "golden-set accuracy at its target";
        Double target = settings.qualityTarget();
        if (target == null)
            return unknown(
                    "quality-target",
                    GATE_SCALE,
                    title,
                    null,
                    ">=",
                    "no target configured",
                    "pilot.qualityTarget in tunegate.yaml");
        String targetText = "at least " + pct(target);
        if (r == null || r.sharedItems() == 0)
            return unknown("quality-target", GATE_SCALE, title, target, ">=", targetText, RUNS);
        double acc = r.candidateAccuracy().estimate();
        boolean met = acc >= target;
        String measured = String.format(
                Locale.ROOT,
                "%s [%s, %s] on %d golden items (%s)",
                pct(acc),
                pct(r.candidateAccuracy().low()),
                pct(r.candidateAccuracy().high()),
                r.sharedItems(),
                r.candidateAccuracy().method());
        return new PilotCondition(
                "quality-target",
                GATE_SCALE,
                title,
                met,
                acc,
                target,
                ">=",
                measured,
                targetText,
                met ? null : target - acc,
                met
                        ? null
                        : String.format(
                                Locale.ROOT,
                                "%s is %.1f points below the target %s",
                                pct(acc),
                                (target - acc) * 100,
                                pct(target)),
                null,
                null,
                runs(r));
    }

    private PilotCondition kpi(
            String id,
            String title,
            Checkpoints cps,
            Function<Checkpoint, Double> field,
            Double target,
            boolean atMost,
            String targetKey,
            String column,
            Unit unit) {
        Function<Double, String> fmt = unit::value;
        String cmp = atMost ? "<=" : ">=";
        if (target == null)
            return unknown(id, GATE_SCALE, title, null, cmp, "no target configured", targetKey + " in tunegate.yaml");
        String targetText = (atMost ? "at most " : "at least ") + fmt.apply(target) + " at the latest checkpoint";
        if (cps == null) return unknown(id, GATE_SCALE, title, target, cmp, targetText, CHECKPOINTS);
        List<Trend.Point> pts = new ArrayList<>();
        Checkpoint last = null;
        for (Checkpoint c : cps.rows()) {
            Double v = field.apply(c);
            if (v != null) {
                pts.add(new Trend.Point(c.day(), v));
                last = c;
            }
        }
        if (last == null)
            return unknown(
                    id, GATE_SCALE, title, target, cmp, targetText, cps.file() + " with a \"" + column + "\" field");
        double v = field.apply(last);
        boolean met = atMost ? v <= target : v >= target;
        double gap = atMost ? v - target : target - v;
        Trend trend = Trend.of(pts, !atMost);
        String measured = fmt.apply(v) + " on " + last.date();
        String gapText = met
                ? null
                : fmt.apply(v) + " is " + unit.difference(gap) + (atMost ? " above" : " below") + " the target "
                        + fmt.apply(target);
        String trendText = trend == null
                ? null
                : String.format(
                        Locale.ROOT,
                        "%s per week, %s%s over %d checkpoints",
                        unit.slope(trend.slopePerWeek()),
                        trend.direction(),
                        trend.low() == null
                                ? ""
                                : (trend.significant() ? ", significant" : ", not significant") + " (95 % interval "
                                        + unit.slope(trend.low()) + " to " + unit.slope(trend.high()) + ")",
                        trend.points());
        return new PilotCondition(
                id,
                GATE_SCALE,
                title,
                met,
                v,
                target,
                cmp,
                measured,
                targetText,
                met ? null : gap,
                gapText,
                trend,
                trendText,
                cps.file() + ":" + last.line());
    }

    private PilotCondition volume(Checkpoints cps) {
        String title = "representative volume of calls";
        double target = settings.minCalls();
        String targetText = String.format(Locale.ROOT, "at least %,d calls (pilot.minCalls)", settings.minCalls());
        if (cps == null) return unknown("volume", GATE_SCALE, title, target, ">=", targetText, CHECKPOINTS);
        long total = cps.totalCalls();
        boolean met = total >= settings.minCalls();
        String measured = String.format(
                        Locale.ROOT,
                        "%,d calls over %d checkpoints",
                        total,
                        cps.rows().size())
                + (cps.rows().isEmpty()
                        ? ""
                        : " (" + cps.rows().get(0).date() + " to "
                                + cps.latest().date() + ")");
        return new PilotCondition(
                "volume",
                GATE_SCALE,
                title,
                met,
                (double) total,
                target,
                ">=",
                measured,
                targetText,
                met ? null : target - total,
                met
                        ? null
                        : String.format(
                                Locale.ROOT,
                                "%,d calls are %,d short of %,d",
                                total,
                                settings.minCalls() - total,
                                settings.minCalls()),
                null,
                null,
                cps.file());
    }

    private static final String PAYBACK_TITLE = "the economics pay back within the pilot window";

    private String paybackTarget() {
        return "break-even within " + settings.weeks() + " weeks (pilot.weeks)";
    }

    private PilotCondition payback(Double weeks, String source) {
        String title = PAYBACK_TITLE;
        double window = settings.weeks();
        String target = paybackTarget();
        if (weeks == null) {
            return unknown(
                    "payback",
                    GATE_STOP,
                    title,
                    window,
                    "<=",
                    target,
                    source != null ? source : "traffic, prompts and model settings (the cost model)");
        }
        boolean never = weeks.isInfinite();
        boolean met = !never && weeks <= window;
        String measured =
                never ? "never breaks even" : String.format(Locale.ROOT, "break-even after %.1f weeks", weeks);
        return new PilotCondition(
                "payback",
                GATE_STOP,
                title,
                met,
                never ? null : weeks,
                window,
                "<=",
                measured,
                target,
                met || never ? null : weeks - window,
                met
                        ? null
                        : never
                                ? "it never breaks even"
                                : String.format(Locale.ROOT, "%.1f weeks beyond the window", weeks - window),
                null,
                null,
                source);
    }

    private static PilotCondition notApplicable(String id, String gate, String title, String targetText, String why) {
        return new PilotCondition(
                id,
                gate,
                title,
                null,
                null,
                null,
                null,
                PilotCondition.NOT_APPLICABLE,
                targetText,
                null,
                null,
                null,
                null,
                why);
    }

    private static PilotCondition unknown(
            String id, String gate, String title, Double target, String cmp, String targetText, String source) {
        return new PilotCondition(
                id, gate, title, null, null, target, cmp, "unknown", targetText, null, null, null, null, source);
    }

    private static String difference(RegressionReport r) {
        return String.format(
                Locale.ROOT,
                "candidate − baseline %+.1f points [%+.1f, %+.1f] on %d shared golden items (%s); McNemar exact p = %.3g",
                r.difference().estimate() * 100,
                r.difference().low() * 100,
                r.difference().high() * 100,
                r.sharedItems(),
                r.difference().method(),
                r.mcnemarP());
    }

    private static String runs(RegressionReport r) {
        return r.candidate() + " vs " + r.baseline();
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v * 100);
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, "%.0f ms", v);
    }

    static String usd(double v) {
        return String.format(Locale.ROOT, "$%.4f", v);
    }

    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    /** How a KPI's values, differences and slopes read. */
    enum Unit {
        MS,
        USD,
        SHARE,
        PLAIN;

        String value(double v) {
            return switch (this) {
                case MS -> ms(v);
                case USD -> usd(v);
                case SHARE -> pct(v);
                case PLAIN -> plain(v);
            };
        }

        String difference(double v) {
            return this == SHARE ? String.format(Locale.ROOT, "%.1f points", v * 100) : value(v);
        }

        String slope(double v) {
            return switch (this) {
                case MS -> String.format(Locale.ROOT, "%+.1f ms", v);
                case USD -> String.format(Locale.ROOT, "%+.6f USD", v);
                case SHARE -> String.format(Locale.ROOT, "%+.2f points", v * 100);
                case PLAIN -> String.format(Locale.ROOT, "%+.3g", v);
            };
        }
    }
}
