package dev.tunegate.ops;

import dev.tunegate.evals.stats.Interval;
import java.util.ArrayList;
import java.util.List;

/** The reviewed week's KPIs against the pilot's targets (at least) and guardrails (at most). */
final class KpiChecks {
    private KpiChecks() {}

    static List<WeeklyReport.KpiCheck> of(OpsSettings s, WeeklyReport.WeekKpis now, WeeklyReport.WeekKpis before) {
        List<WeeklyReport.KpiCheck> out = new ArrayList<>();
        if (s.qualityTarget() != null) {
            out.add(check(
                    "answer quality (share of thumbs up among rated calls)",
                    "pilot.qualityTarget",
                    "target",
                    s.qualityTarget(),
                    now.answerQuality(),
                    before == null ? null : before.answerQuality()));
        }
        if (s.adoptionTarget() != null) {
            out.add(check(
                    "adoption (distinct users / ops.eligibleUsers)",
                    "pilot.adoptionTarget",
                    "target",
                    s.adoptionTarget(),
                    now.adoption(),
                    before == null ? null : before.adoption()));
        }
        if (s.latencyP95MsMax() != null) {
            out.add(check(
                    "latency p95 (ms)",
                    "pilot.latencyP95MsMax",
                    "guardrail",
                    s.latencyP95MsMax(),
                    now.latencyP95Ms(),
                    before == null ? null : before.latencyP95Ms()));
        }
        if (s.unitCostUsdMax() != null) {
            out.add(check(
                    "cost per call (USD)",
                    "pilot.unitCostUsdMax",
                    "guardrail",
                    s.unitCostUsdMax(),
                    now.costPerCallUsd(),
                    before == null ? null : before.costPerCallUsd()));
        }
        return out;
    }

    /**
     * {@code met} when the whole interval is on the right side of the limit, {@code missed} when the whole
     * interval is on the wrong side, {@code unclear} when it straddles the limit.
     */
    static WeeklyReport.KpiCheck check(
            String kpi, String key, String kind, double limit, Interval value, Interval previous) {
        Double prev = previous == null ? null : previous.estimate();
        if (value == null)
            return new WeeklyReport.KpiCheck(kpi, key, kind, limit, null, null, null, "unmeasured", prev);
        boolean target = kind.equals("target");
        String status;
        if (target) status = value.low() >= limit ? "met" : value.high() < limit ? "missed" : "unclear";
        else status = value.high() <= limit ? "met" : value.low() > limit ? "missed" : "unclear";
        return new WeeklyReport.KpiCheck(
                kpi, key, kind, limit, value.estimate(), value.low(), value.high(), status, prev);
    }
}
