package dev.tunegate.assess;

import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.evidence.Measure;
import dev.tunegate.policy.Decision;
import dev.tunegate.policy.DecisionKind;
import dev.tunegate.policy.RuleId;
import dev.tunegate.record.DecisionRecord;
import dev.tunegate.workspace.PilotSettings;
import dev.tunegate.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The pilot plan of a decision record: 4–8 weeks with named metrics, from {@code pilot} in tunegate.yaml or defaults. */
final class PilotPlans {
    private PilotPlans() {}

    static DecisionRecord.PilotPlan of(Workspace ws, Decision d, EvidenceSet ev) {
        PilotSettings p = ws.pilot();
        double margin = p.nonInferiorityMargin();
        List<DecisionRecord.PilotPlan.Metric> m = new ArrayList<>();
        boolean noCorpus =
                ev.get(Measure.RETRIEVAL_IN_USE).map(e -> !e.asBoolean()).orElse(false);
        if (noCorpus && (d.kind() == DecisionKind.USE_RAG || d.kind() == DecisionKind.HYBRID)) {
            // there is no index yet: building it, with access control and recall, comes before any other metric
            m.add(new DecisionRecord.PilotPlan.Metric(
                    "first, build the index: access groups on every document",
                    "0 documents without groups, 0 leaks",
                    "tunegate retrieval (retrieval.corpus with group metadata)"));
            m.add(new DecisionRecord.PilotPlan.Metric(
                    "then, retrieval recall@k on golden questions",
                    "≥ "
                            + pct(d.rules().stream()
                                    .filter(r -> r.id() == RuleId.FIX_RECALL)
                                    .flatMap(r -> r.thresholds().stream())
                                    .mapToDouble(t -> t.value())
                                    .findFirst()
                                    .orElse(0.8)),
                    "tunegate retrieval (retrieval.golden)"));
        }
        m.add(new DecisionRecord.PilotPlan.Metric(
                "answer quality (golden set)",
                p.qualityTarget() != null
                        ? "≥ " + pct(p.qualityTarget()) + " and no worse than baseline − " + pct(margin)
                        : "no worse than baseline − " + pct(margin),
                "tunegate regress on the golden set"));
        m.add(new DecisionRecord.PilotPlan.Metric(
                "user adoption",
                p.adoptionTarget() != null ? "≥ " + pct(p.adoptionTarget()) : "set pilot.adoptionTarget",
                "pilot checkpoints"));
        m.add(new DecisionRecord.PilotPlan.Metric(
                "response latency p95",
                p.latencyP95MsMax() != null ? "≤ " + fmt(p.latencyP95MsMax()) + " ms" : "set pilot.latencyP95MsMax",
                "pilot checkpoints"));
        m.add(new DecisionRecord.PilotPlan.Metric(
                "unit cost per call",
                p.unitCostUsdMax() != null ? "≤ $" + p.unitCostUsdMax() : "set pilot.unitCostUsdMax",
                "pilot checkpoints"));
        String kpi = p.processKpi() != null ? p.processKpi() : "process KPI";
        m.add(new DecisionRecord.PilotPlan.Metric(
                kpi,
                p.processKpiTarget() != null
                        ? (p.processKpiAtMost() ? "≤ " : "≥ ") + fmt(p.processKpiTarget())
                        : "set pilot.processKpi and pilot.processKpiTarget",
                "pilot checkpoints"));
        String exit = "Scale only when quality, unit economics and operational stability hold on at least "
                + p.minCalls() + " calls; stop when quality is significantly worse than the baseline "
                + "or the economics cannot pay back within the window; otherwise improve the KPI that misses.";
        return new DecisionRecord.PilotPlan(Math.max(4, Math.min(8, p.weeks())), m, exit);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v * 100);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
