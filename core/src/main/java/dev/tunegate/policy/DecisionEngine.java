package dev.tunegate.policy;

import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.evidence.Measure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
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

    public Thresholds thresholds() { return thresholds; }

    /** The full decision with its rule table, reasons and counterfactuals. */
    public Decision decide(EvidenceSet ev) {
        Map<RuleId, Verdict> verdicts = verdicts(ev);
        Outcome outcome = ladder(verdicts, ev);
        List<RuleResult> results = new ArrayList<>();
        for (Rule r : policy.rules()) results.add(result(r, verdicts.get(r.id()), ev));
        List<String> reasons = outcome.deciding().stream().limit(3)
                .map(id -> reason(results.stream().filter(x -> x.id() == id).findFirst().orElseThrow()))
                .toList();
        return new Decision(outcome.kind(), outcome.method(), outcome.methodReason(), reasons, outcome.deciding(), results,
                counterfactuals(ev, verdicts, outcome), unsettled(ev, verdicts, outcome));
    }

    /** Each rule's verdict on the evidence. */
    public Map<RuleId, Verdict> verdicts(EvidenceSet ev) {
        Map<RuleId, Verdict> v = new EnumMap<>(RuleId.class);
        for (Rule r : policy.rules()) v.put(r.id(), r.condition().eval(ev, thresholds));
        return v;
    }

    /** The ladder's result. */
    record Outcome(DecisionKind kind, Method method, String methodReason, List<RuleId> deciding) {
        boolean sameAs(Outcome o) { return kind == o.kind && method == o.method; }
    }

    Outcome ladder(Map<RuleId, Verdict> v, EvidenceSet ev) {
        if (fired(v, RuleId.NO_PAIRS)) return new Outcome(DecisionKind.NOT_READY, null, "", List.of(RuleId.NO_PAIRS));
        if (fired(v, RuleId.FIX_ACL)) return new Outcome(DecisionKind.FIX_ACCESS_CONTROL, null, "", List.of(RuleId.FIX_ACL));
        if (fired(v, RuleId.FIX_RECALL)) return new Outcome(DecisionKind.FIX_RETRIEVAL, null, "", List.of(RuleId.FIX_RECALL));
        if (fired(v, RuleId.NO_STRUCT)) return new Outcome(DecisionKind.CONFIGURE_STRUCTURED_OUTPUT, null, "", List.of(RuleId.NO_STRUCT));

        List<RuleId> motive = firedAmong(v, RuleId.FT_PLATEAU, RuleId.FT_COST, RuleId.FT_ONPREM);
        List<RuleId> fit = firedAmong(v, RuleId.FT_TASK, RuleId.FT_SCHEMA);
        List<RuleId> rag = firedAmong(v, RuleId.NO_FRESH, RuleId.NO_CITE);
        boolean data = fired(v, RuleId.FT_DATA);
        boolean ftCase = !motive.isEmpty() && !fit.isEmpty();

        if (!rag.isEmpty()) {
            if (ftCase && data) {
                MethodChoice m = method(ev);
                return new Outcome(DecisionKind.HYBRID, m.method(), m.reason(), concat(rag, motive, List.of(RuleId.FT_DATA), fit));
            }
            List<RuleId> why = new ArrayList<>(rag);
            if (motive.isEmpty()) why.add(RuleId.FT_PLATEAU);
            else if (fit.isEmpty()) why.add(RuleId.FT_TASK);
            else why.add(RuleId.FT_DATA);
            return new Outcome(DecisionKind.USE_RAG, null, "", why);
        }
        if (ftCase) {
            if (data) {
                MethodChoice m = method(ev);
                return new Outcome(DecisionKind.FINE_TUNE, m.method(), m.reason(), concat(motive, List.of(RuleId.FT_DATA), fit));
            }
            List<RuleId> why = new ArrayList<>(List.of(RuleId.FT_DATA));
            if (fired(v, RuleId.NO_DATA)) why.add(RuleId.NO_DATA);
            why.addAll(motive);
            return new Outcome(DecisionKind.COLLECT_DATA, null, "", why);
        }
        List<RuleId> why = new ArrayList<>();
        if (motive.isEmpty()) why.addAll(List.of(RuleId.FT_PLATEAU, RuleId.FT_COST, RuleId.FT_ONPREM));
        else {
            why.addAll(List.of(RuleId.FT_TASK, RuleId.FT_SCHEMA));
            why.addAll(motive);
        }
        return new Outcome(DecisionKind.IMPROVE_PROMPT, null, "", why);
    }

    /** The method and why. */
    record MethodChoice(Method method, String reason) {}

    MethodChoice method(EvidenceSet ev) {
        boolean mayLeave = bool(ev, Measure.DATA_MAY_LEAVE_PERIMETER).orElse(false);
        boolean onPrem = bool(ev, Measure.ON_PREM_INFERENCE).orElse(false);
        Optional<Boolean> offered = bool(ev, Measure.PROVIDER_FINE_TUNING_OFFERED);
        if (mayLeave && !onPrem) {
            if (offered.orElse(true)) {
                return new MethodChoice(Method.PROVIDER_API, "data may leave the perimeter and inference need not run on premises"
                        + (offered.isPresent() ? ", and the provider offers fine-tuning for the model" : ""));
            }
        }
        String prefix = mayLeave && !onPrem ? "the provider no longer offers fine-tuning for the model; " : "data must stay inside the perimeter; ";
        Optional<Double> params = num(ev, Measure.CANDIDATE_PARAMS_B);
        double qloraAbove = thresholds.get(Policy.METHOD_QLORA_ABOVE_PARAMS_B);
        if (params.isPresent() && params.get() > qloraAbove) {
            return new MethodChoice(Method.QLORA, prefix + "the " + Evidence.display(Measure.CANDIDATE_PARAMS_B, params.get())
                    + " base model is above " + thresholds.display(Policy.METHOD_QLORA_ABOVE_PARAMS_B) + ": 4-bit QLoRA fits it on one GPU");
        }
        Optional<Double> pairs = num(ev, Measure.REVIEWED_PAIRS);
        boolean highStakes = ev.get(Measure.COST_OF_FAILURE).map(e -> e.asText().equals("high")).orElse(false);
        double fullMin = thresholds.get(Policy.METHOD_FULL_MIN_PAIRS);
        if (highStakes && pairs.isPresent() && pairs.get() >= fullMin) {
            return new MethodChoice(Method.FULL, prefix + "the cost of failure is high and " + Evidence.display(Measure.REVIEWED_PAIRS, pairs.get())
                    + " reviewed pairs (≥ " + thresholds.display(Policy.METHOD_FULL_MIN_PAIRS) + ") can use a full fine-tune's higher ceiling");
        }
        return new MethodChoice(Method.LORA, prefix + "LoRA is the production default for 7B–13B base models"
                + params.map(p -> " (candidate: " + Evidence.display(Measure.CANDIDATE_PARAMS_B, p) + ")").orElse(""));
    }

    private List<Counterfactual> counterfactuals(EvidenceSet ev, Map<RuleId, Verdict> verdicts, Outcome outcome) {
        List<Counterfactual> out = new ArrayList<>();
        for (Rule r : policy.rules()) {
            if (verdicts.get(r.id()) == Verdict.UNKNOWN) continue;
            Condition.Flip best = null;
            Outcome bestOutcome = null;
            for (Condition.Flip f : r.condition().flips(ev, thresholds)) {
                EvidenceSet changed = ev.with(f.replacement());
                Map<RuleId, Verdict> v2 = verdicts(changed);
                if (v2.get(r.id()) == verdicts.get(r.id())) continue; // this leaf alone does not flip the rule
                Outcome o2 = ladder(v2, changed);
                if (o2.sameAs(outcome)) continue;
                if (best == null || f.size() < best.size()) {
                    best = f;
                    bestOutcome = o2;
                }
            }
            if (best != null) out.add(new Counterfactual(r.id(), best.change(), bestOutcome.kind(), bestOutcome.method()));
        }
        return out;
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
                .map(t -> new RuleResult.ThresholdValue(t.name(), thresholds.get(t.name()), thresholds.display(t.name()), thresholds.overridden(t.name())))
                .toList();
        List<RuleResult.MeasuredValue> ms = new ArrayList<>();
        for (Measure m : r.condition().measures()) {
            ev.get(m).ifPresent(e -> ms.add(new RuleResult.MeasuredValue(m.key(), jsonValue(e), m.description() + " = " + e.display(),
                    e.origin().name(), e.source(), e.detail())));
        }
        return new RuleResult(r.id(), r.side(), r.title(), verdict, r.condition().describe(thresholds), ts, ms, r.sentence(),
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

    private static String reason(RuleResult r) {
        String v = switch (r.verdict()) {
            case FIRED -> "fired";
            case NOT_FIRED -> "did not fire";
            case UNKNOWN -> "is unknown";
        };
        String evidence = r.verdict() == Verdict.UNKNOWN
                ? "no evidence yet (" + String.join("; ", r.settledBy()) + ")"
                : r.measuredDisplay() + " (rule: " + r.condition() + ")";
        return r.id().code() + " " + v + " — " + r.title() + ": " + evidence;
    }

    private static boolean fired(Map<RuleId, Verdict> v, RuleId id) { return v.get(id) == Verdict.FIRED; }

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

    private static Optional<Boolean> bool(EvidenceSet ev, Measure m) { return ev.get(m).map(Evidence::asBoolean); }

    private static Optional<Double> num(EvidenceSet ev, Measure m) { return ev.get(m).map(Evidence::asDouble); }

}
