package dev.tunegate.policy;

import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.evidence.Measure;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a {@link Policy} to an {@link EvidenceSet}: every rule's verdict, the ladder of docs/RULES.md,
 * the method, and the counterfactuals. Pure and deterministic: the same evidence and thresholds
 * always give the same decision, whatever order the evidence was gathered in.
 */
public final class DecisionEngine {
    private final Policy policy;
    private final Thresholds thresholds;

    public DecisionEngine(Policy policy, Thresholds thresholds) {
        this.policy = policy;
        this.thresholds = thresholds;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    /** The full decision with its rule table, reasons and counterfactuals. */
    public Decision decide(EvidenceSet ev) {
        Map<RuleId, Verdict> verdicts = verdicts(ev);
        Outcome outcome = ladder(verdicts, ev);
        List<RuleResult> results = new ArrayList<>();
        for (Rule r : policy.rules()) results.add(result(r, verdicts.get(r.id()), ev));
        ReasonText text = new ReasonText(ev, thresholds);
        List<String> reasons = outcome.deciding().stream()
                .limit(3)
                .map(id -> text.of(
                        id,
                        verdicts.get(id),
                        results.stream()
                                .filter(x -> x.id() == id)
                                .findFirst()
                                .orElseThrow()
                                .settledBy()))
                .toList();
        List<Counterfactual> cfs = counterfactuals(ev, verdicts, outcome);
        List<MethodOption> options =
                outcome.method() == null ? List.of() : method(ev).options();
        return new Decision(
                outcome.kind(),
                outcome.method(),
                outcome.methodReason(),
                reasons,
                outcome.deciding(),
                results,
                cfs,
                unsettled(ev, verdicts, outcome),
                options);
    }

    /** Each rule's verdict on the evidence: NOT_APPLICABLE when its subject is known to be absent. */
    public Map<RuleId, Verdict> verdicts(EvidenceSet ev) {
        Map<RuleId, Verdict> v = new EnumMap<>(RuleId.class);
        for (Rule r : policy.rules()) {
            boolean absent = r.subject() != null && r.subject().eval(ev, thresholds) == Verdict.NOT_FIRED;
            v.put(r.id(), absent ? Verdict.NOT_APPLICABLE : r.condition().eval(ev, thresholds));
        }
        return v;
    }

    /** The ladder's result. */
    record Outcome(DecisionKind kind, Method method, String methodReason, List<RuleId> deciding) {
        boolean sameAs(Outcome o) {
            return kind == o.kind && method == o.method;
        }
    }

    Outcome ladder(Map<RuleId, Verdict> v, EvidenceSet ev) {
        if (fired(v, RuleId.NO_PAIRS)) return new Outcome(DecisionKind.NOT_READY, null, "", List.of(RuleId.NO_PAIRS));
        if (fired(v, RuleId.FIX_ACL))
            return new Outcome(DecisionKind.FIX_ACCESS_CONTROL, null, "", List.of(RuleId.FIX_ACL));
        if (fired(v, RuleId.FIX_RECALL))
            return new Outcome(DecisionKind.FIX_RETRIEVAL, null, "", List.of(RuleId.FIX_RECALL));
        if (fired(v, RuleId.NO_STRUCT))
            return new Outcome(DecisionKind.CONFIGURE_STRUCTURED_OUTPUT, null, "", List.of(RuleId.NO_STRUCT));

        // a behaviour reason: prompting (and retrieval) cannot fix it; FT-COST's own condition already
        // requires that prompting has stopped improving, so cost alone never skips the prompt step
        List<RuleId> behaviour = firedAmong(v, RuleId.FT_PLATEAU, RuleId.FT_ONPREM);
        List<RuleId> motive = firedAmong(v, RuleId.FT_PLATEAU, RuleId.FT_COST, RuleId.FT_ONPREM);
        List<RuleId> fit = firedAmong(v, RuleId.FT_TASK, RuleId.FT_SCHEMA);
        List<RuleId> rag = firedAmong(v, RuleId.NO_FRESH, RuleId.NO_CITE);
        boolean data = fired(v, RuleId.FT_DATA);
        boolean conflicts = fired(v, RuleId.FT_CONSISTENT);

        if (!rag.isEmpty()) {
            if (!behaviour.isEmpty() && !fit.isEmpty() && data && !conflicts) {
                MethodChoice m = method(ev);
                return new Outcome(
                        DecisionKind.HYBRID,
                        m.method(),
                        m.reason(),
                        concat(rag, behaviour, List.of(RuleId.FT_DATA), fit));
            }
            List<RuleId> why = new ArrayList<>(rag);
            if (behaviour.isEmpty()) why.add(RuleId.FT_PLATEAU);
            else if (fit.isEmpty()) why.add(RuleId.FT_TASK);
            else if (conflicts) why.add(RuleId.FT_CONSISTENT);
            else why.add(RuleId.FT_DATA);
            return new Outcome(DecisionKind.USE_RAG, null, "", why);
        }
        if (!motive.isEmpty() && !fit.isEmpty()) {
            if (data && !conflicts) {
                MethodChoice m = method(ev);
                return new Outcome(
                        DecisionKind.FINE_TUNE, m.method(), m.reason(), concat(motive, List.of(RuleId.FT_DATA), fit));
            }
            List<RuleId> why = new ArrayList<>();
            if (conflicts) why.add(RuleId.FT_CONSISTENT);
            if (!data) {
                why.add(RuleId.FT_DATA);
                if (fired(v, RuleId.NO_DATA)) why.add(RuleId.NO_DATA);
            }
            why.addAll(motive);
            return new Outcome(DecisionKind.COLLECT_DATA, null, "", why);
        }
        List<RuleId> why = new ArrayList<>();
        if (motive.isEmpty()) {
            why.addAll(List.of(RuleId.FT_PLATEAU, RuleId.FT_COST));
            if (v.get(RuleId.FT_ONPREM) != Verdict.NOT_APPLICABLE) why.add(RuleId.FT_ONPREM);
        } else {
            why.addAll(List.of(RuleId.FT_TASK, RuleId.FT_SCHEMA));
            why.addAll(motive);
        }
        return new Outcome(DecisionKind.IMPROVE_PROMPT, null, "", why);
    }

    /** The method, why, and the table of GPU methods it was chosen from. */
    record MethodChoice(Method method, String reason, List<MethodOption> options) {}

    MethodChoice method(EvidenceSet ev) {
        List<MethodOption> options = options(ev);
        boolean mayLeave = bool(ev, Measure.DATA_MAY_LEAVE_PERIMETER).orElse(false);
        boolean onPrem = bool(ev, Measure.ON_PREM_INFERENCE).orElse(false);
        Optional<Boolean> offered = bool(ev, Measure.PROVIDER_FINE_TUNING_OFFERED);
        if (mayLeave && !onPrem) {
            if (offered.orElse(true)) {
                return new MethodChoice(
                        Method.PROVIDER_API,
                        "data may leave the perimeter and inference need not run on premises"
                                + (offered.isPresent() ? ", and the provider offers fine-tuning for the model" : ""),
                        options);
            }
        }
        String prefix = mayLeave && !onPrem
                ? "the provider no longer offers fine-tuning for the model; "
                : "data must stay inside the perimeter; ";
        MethodOption full = option(options, Method.FULL);
        MethodOption lora = option(options, Method.LORA);
        MethodOption qlora = option(options, Method.QLORA);
        boolean rapid = ev.get(Measure.TRAINING_ITERATION)
                .map(e -> e.asText().equals("rapid"))
                .orElse(false);
        Optional<Double> params = num(ev, Measure.CANDIDATE_PARAMS_B);
        boolean memoryKnown = lora.peakMemoryGb() != null;
        // without a memory estimate, the size rule of thumb: LoRA in 16-bit needs multi-GPU memory above 13 B
        // parameters
        boolean loraOk = memoryKnown
                ? lora.acceptable()
                : lora.acceptable()
                        && !(params.isPresent() && params.get() > thresholds.get(Policy.METHOD_QLORA_ABOVE_PARAMS_B));

        Optional<Double> pairs = num(ev, Measure.REVIEWED_PAIRS);
        boolean highStakes = ev.get(Measure.COST_OF_FAILURE)
                .map(e -> e.asText().equals("high"))
                .orElse(false);
        double fullMin = thresholds.get(Policy.METHOD_FULL_MIN_PAIRS);
        if (!rapid && highStakes && pairs.isPresent() && pairs.get() >= fullMin && full.acceptable() && loraOk) {
            return new MethodChoice(
                    Method.FULL,
                    prefix + "the cost of failure is high and " + Evidence.display(Measure.REVIEWED_PAIRS, pairs.get())
                            + " reviewed pairs (≥ " + thresholds.display(Policy.METHOD_FULL_MIN_PAIRS)
                            + ") can use a full fine-tune's higher ceiling"
                            + fitText(full),
                    options);
        }
        if (rapid && qlora.acceptable()) {
            return new MethodChoice(
                    Method.QLORA,
                    prefix + "iteration is rapid and QLoRA fits" + fitText(qlora)
                            + ": the seed's choice for budget labs and rapid iteration",
                    options);
        }
        if (loraOk) {
            return new MethodChoice(
                    Method.LORA,
                    prefix + "LoRA is the production default for 7B–13B base models"
                            + params.map(p -> " (candidate: " + Evidence.display(Measure.CANDIDATE_PARAMS_B, p) + ")")
                                    .orElse("")
                            + fitText(lora),
                    options);
        }
        String why = !memoryKnown && lora.acceptable()
                ? "the " + Evidence.display(Measure.CANDIDATE_PARAMS_B, params.orElseThrow()) + " base model is above "
                        + thresholds.display(Policy.METHOD_QLORA_ABOVE_PARAMS_B) + ": 4-bit QLoRA fits it on one GPU"
                : "LoRA " + objection(lora, ev);
        if (qlora.acceptable())
            return new MethodChoice(Method.QLORA, prefix + why + "; QLoRA fits" + fitText(qlora), options);
        return new MethodChoice(
                Method.QLORA,
                prefix + why + "; QLoRA, the smallest footprint, does not fit either: it " + objection(qlora, ev)
                        + " — add GPU memory (training.gpuMemoryGb, training.gpuCount) or budget (training.maxBudgetUsd), or a smaller candidate",
                options);
    }

    /** The GPU methods against the hardware and the budget. */
    static List<MethodOption> options(EvidenceSet ev) {
        Optional<Double> hardware = num(ev, Measure.TRAINING_MEMORY_GB);
        Optional<Double> budget = num(ev, Measure.MAX_BUDGET_USD);
        List<MethodOption> out = new ArrayList<>();
        for (Method m : List.of(Method.FULL, Method.LORA, Method.QLORA)) {
            Double mem = num(
                            ev,
                            switch (m) {
                                case FULL -> Measure.FULL_PEAK_MEMORY_GB;
                                case LORA -> Measure.LORA_PEAK_MEMORY_GB;
                                default -> Measure.QLORA_PEAK_MEMORY_GB;
                            })
                    .orElse(null);
            Double usd = num(
                            ev,
                            switch (m) {
                                case FULL -> Measure.FULL_RUN_USD;
                                case LORA -> Measure.LORA_RUN_USD;
                                default -> Measure.QLORA_RUN_USD;
                            })
                    .orElse(null);
            Boolean fits = mem == null || hardware.isEmpty() ? null : mem <= hardware.get();
            Boolean within = usd == null || budget.isEmpty() ? null : usd <= budget.get();
            String band = m == Method.FULL
                    ? "$500–5k+"
                    : String.format(Locale.ROOT, "$%d–%,d", m.bandLowUsd(), m.bandHighUsd());
            out.add(new MethodOption(m, mem, fits, usd, within, band, m.bestFor()));
        }
        return out;
    }

    private static MethodOption option(List<MethodOption> options, Method m) {
        return options.stream().filter(o -> o.method() == m).findFirst().orElseThrow();
    }

    private static String fitText(MethodOption o) {
        List<String> parts = new ArrayList<>();
        if (o.peakMemoryGb() != null)
            parts.add(gb(o.peakMemoryGb()) + " peak"
                    + (o.fitsHardware() == null ? "" : o.fitsHardware() ? " fits the hardware" : " does not fit"));
        if (o.costPerRunUsd() != null)
            parts.add(usd(o.costPerRunUsd()) + " a run"
                    + (o.withinBudget() == null ? "" : o.withinBudget() ? " within budget" : " over budget"));
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static String objection(MethodOption o, EvidenceSet ev) {
        List<String> parts = new ArrayList<>();
        if (Boolean.FALSE.equals(o.fitsHardware())) {
            parts.add("needs " + gb(o.peakMemoryGb()) + " and the hardware has "
                    + gb(num(ev, Measure.TRAINING_MEMORY_GB).orElseThrow()));
        }
        if (Boolean.FALSE.equals(o.withinBudget())) {
            parts.add("costs " + usd(o.costPerRunUsd()) + " a run, over the "
                    + usd(num(ev, Measure.MAX_BUDGET_USD).orElseThrow()) + " budget");
        }
        return String.join(" and ", parts);
    }

    static String gb(double v) {
        return String.format(Locale.ROOT, "%.1f GB", v);
    }

    static String usd(double v) {
        return String.format(Locale.ROOT, "$%,.2f", v);
    }

    private List<Counterfactual> counterfactuals(EvidenceSet ev, Map<RuleId, Verdict> verdicts, Outcome outcome) {
        List<Counterfactual> out = new ArrayList<>();
        for (Rule r : policy.rules()) {
            Verdict now = verdicts.get(r.id());
            if (now == Verdict.UNKNOWN || now == Verdict.NOT_APPLICABLE) continue;
            Condition.Flip best = null;
            Outcome bestOutcome = null;
            for (Condition.Flip f : r.condition().flips(ev, thresholds)) {
                EvidenceSet changed = ev.with(f.replacement());
                Map<RuleId, Verdict> v2 = verdicts(changed);
                if (v2.get(r.id()) == now) continue; // this leaf alone does not flip the rule
                Outcome o2 = ladder(v2, changed);
                if (o2.sameAs(outcome)) continue;
                if (best == null || f.size() < best.size()) {
                    best = f;
                    bestOutcome = o2;
                }
            }
            if (best == null) continue;
            String change = best.change();
            if (r.id() == RuleId.FT_CONSISTENT && now == Verdict.FIRED)
                change = resolveText(ev).orElse(change);
            out.add(new Counterfactual(r.id(), change, bestOutcome.kind(), bestOutcome.method()));
        }
        if (outcome.method() != null) methodCounterfactual(ev, outcome).ifPresent(out::add);
        return out;
    }

    /** "resolve 7 of 12 conflict groups (…)": the conflict share's flip as the work a reviewer does. */
    private Optional<String> resolveText(EvidenceSet ev) {
        Optional<Double> k = num(ev, Measure.CONFLICT_GROUPS_TO_RESOLVE);
        if (k.isEmpty()) return Optional.empty();
        String of = num(ev, Measure.CONFLICT_GROUPS)
                .map(n -> " of " + (long) (double) n)
                .orElse("");
        return Optional.of("you resolve " + ReasonText.counted(k.get(), "conflict group")
                + of
                + ", largest first (tunegate review DIR --conflicts), so that at most "
                + thresholds.display(Policy.FT_CONSISTENT_MAX_SHARE)
                + " of approved rows conflict");
    }

    /**
     * The smallest change of the budget or of the GPU memory that changes the method alone: each other method's
     * cost or memory is a candidate value of the budget or the hardware.
     */
    private Optional<Counterfactual> methodCounterfactual(EvidenceSet ev, Outcome outcome) {
        Counterfactual best = null;
        double bestSize = Double.MAX_VALUE;
        List<MethodOption> opts = options(ev);
        for (Measure knob : List.of(Measure.MAX_BUDGET_USD, Measure.TRAINING_MEMORY_GB)) {
            Optional<Evidence> cur = ev.get(knob);
            if (cur.isEmpty()) continue;
            double v = cur.get().asDouble();
            for (MethodOption o : opts) {
                Double at = knob == Measure.MAX_BUDGET_USD ? o.costPerRunUsd() : o.peakMemoryGb();
                if (at == null) continue;
                // just enough for the method, or just too little for it
                for (double target : new double[] {at, at - 0.01}) {
                    if (target < 0 || target == v) continue;
                    EvidenceSet changed = ev.with(new Evidence(
                            knob, target, cur.get().origin(), cur.get().source(), "counterfactual"));
                    Outcome o2 = ladder(verdicts(changed), changed);
                    if (o2.sameAs(outcome)) continue;
                    double size = Math.abs(target - v) / Math.max(Math.abs(v), 1e-9);
                    if (size < bestSize) {
                        bestSize = size;
                        best = new Counterfactual(
                                null,
                                knob.description() + " were " + Evidence.display(knob, target) + " instead of "
                                        + Evidence.display(knob, v),
                                o2.kind(),
                                o2.method());
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private List<Unsettled> unsettled(EvidenceSet ev, Map<RuleId, Verdict> verdicts, Outcome outcome) {
        List<Unsettled> out = new ArrayList<>();
        for (Rule r : policy.rules()) {
            if (verdicts.get(r.id()) != Verdict.UNKNOWN) continue;
            Map<RuleId, Verdict> v2 = new EnumMap<>(verdicts);
            v2.put(r.id(), Verdict.FIRED);
            Outcome o2 = ladder(v2, ev);
            if (o2.sameAs(outcome)) continue;
            out.add(new Unsettled(r.id(), settledBy(r, ev), o2.kind(), o2.method()));
        }
        return out;
    }

    private RuleResult result(Rule r, Verdict verdict, EvidenceSet ev) {
        List<RuleResult.ThresholdValue> ts = r.thresholds().stream()
                .map(t -> new RuleResult.ThresholdValue(
                        t.name(),
                        thresholds.get(t.name()),
                        thresholds.display(t.name()),
                        thresholds.overridden(t.name())))
                .toList();
        List<RuleResult.MeasuredValue> ms = new ArrayList<>();
        for (Measure m : r.condition().measures()) {
            ev.get(m)
                    .ifPresent(e -> ms.add(new RuleResult.MeasuredValue(
                            m.key(),
                            jsonValue(e),
                            m.description() + " = " + e.display(),
                            e.origin().name(),
                            e.source(),
                            e.detail())));
        }
        return new RuleResult(
                r.id(),
                r.side(),
                r.title(),
                verdict,
                r.condition().describe(thresholds),
                ts,
                ms,
                r.sentence(),
                verdict == Verdict.UNKNOWN ? settledBy(r, ev) : List.of());
    }

    private static Object jsonValue(Evidence e) {
        if (e.value() instanceof Double d && Double.isInfinite(d)) return null;
        return e.value();
    }

    private static List<String> settledBy(Rule r, EvidenceSet ev) {
        Set<String> s = new LinkedHashSet<>();
        for (Measure m : r.condition().measures()) if (!ev.has(m)) s.add(m.settledBy());
        return List.copyOf(s);
    }

    private static boolean fired(Map<RuleId, Verdict> v, RuleId id) {
        return v.get(id) == Verdict.FIRED;
    }

    private static List<RuleId> firedAmong(Map<RuleId, Verdict> v, RuleId... ids) {
        List<RuleId> out = new ArrayList<>();
        for (RuleId id : ids) if (fired(v, id)) out.add(id);
        return out;
    }

    @SafeVarargs
    private static List<RuleId> concat(List<RuleId>... lists) {
        Set<RuleId> s = new LinkedHashSet<>();
        for (List<RuleId> l : lists) s.addAll(l);
        return List.copyOf(s);
    }

    private static Optional<Boolean> bool(EvidenceSet ev, Measure m) {
        return ev.get(m).map(Evidence::asBoolean);
    }

    private static Optional<Double> num(EvidenceSet ev, Measure m) {
        return ev.get(m).map(Evidence::asDouble);
    }
}
