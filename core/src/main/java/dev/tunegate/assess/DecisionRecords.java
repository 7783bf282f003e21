package dev.tunegate.assess;

import dev.tunegate.analysis.AnalyzerResult;
import dev.tunegate.analysis.Pipeline;
import dev.tunegate.dataops.version.DatasetVersionAnalyzer;
import dev.tunegate.evidence.Evidence;
import dev.tunegate.policy.Counterfactual;
import dev.tunegate.policy.Decision;
import dev.tunegate.policy.RuleResult;
import dev.tunegate.policy.Thresholds;
import dev.tunegate.policy.Unsettled;
import dev.tunegate.policy.Verdict;
import dev.tunegate.record.DecisionRecord;
import dev.tunegate.record.Provenance;
import dev.tunegate.workspace.Settings;
import dev.tunegate.workspace.Workspace;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the decision record's content from a workspace, the pipeline's run and the decision: the one
 * place that computes what {@link DecisionRecord} holds (with {@link Alternatives} and {@link PilotPlans}).
 */
final class DecisionRecords {
    private DecisionRecords() {}

    static DecisionRecord build(
            Workspace ws, Pipeline.Run run, Decision d, Thresholds thresholds, LocalDate today, int number) {
        Settings.UseCase useCase = ws.settings().useCase();
        Settings.Requirements requirements = ws.settings().requirements();
        String name = useCase.name();
        String id = String.format(Locale.ROOT, "%04d", number);
        DecisionRecord.UseCase uc = new DecisionRecord.UseCase(
                name,
                useCase.taskType(),
                useCase.businessOwner(),
                useCase.technicalOwner(),
                useCase.costOfFailure(),
                useCase.mustBeTrue(),
                requirements.factsChange(),
                requirements.citationsRequired());
        List<DecisionRecord.Rule> rules = new ArrayList<>();
        for (RuleResult r : d.rules()) {
            Map<String, Object> th = new LinkedHashMap<>();
            r.thresholds().forEach(t -> th.put(t.name(), t.value()));
            Map<String, Object> me = new LinkedHashMap<>();
            r.measured().forEach(m -> me.put(m.measure(), m.value()));
            rules.add(new DecisionRecord.Rule(
                    r.id().code(),
                    r.side().name(),
                    r.title(),
                    r.verdict(),
                    r.condition(),
                    th,
                    r.thresholdDisplay(),
                    me,
                    r.verdict() == Verdict.UNKNOWN
                            ? "unknown"
                            : r.verdict() == Verdict.NOT_APPLICABLE ? "n/a" : r.measuredDisplay(),
                    r.settledBy(),
                    r.sentence(),
                    d.deciding().contains(r.id())));
        }
        List<DecisionRecord.CounterfactualEntry> cfs = new ArrayList<>();
        for (Counterfactual c : d.counterfactuals()) {
            cfs.add(new DecisionRecord.CounterfactualEntry(
                    c.ruleCode(),
                    c.change(),
                    c.decision().name(),
                    c.method() == null ? null : c.method().name(),
                    c.text()));
        }
        List<DecisionRecord.UnsettledEntry> uns = new ArrayList<>();
        for (Unsettled u : d.unsettled()) {
            uns.add(new DecisionRecord.UnsettledEntry(
                    u.rule().code(),
                    u.settledBy(),
                    u.ifFired().name(),
                    u.method() == null ? null : u.method().name()));
        }
        List<DecisionRecord.EvidenceEntry> evidence = new ArrayList<>();
        for (Evidence e : run.evidence().all()) {
            Object v = e.value() instanceof Double x && Double.isInfinite(x) ? null : e.value();
            evidence.add(new DecisionRecord.EvidenceEntry(
                    e.measure().key(), v, e.display(), e.origin().name(), e.source(), e.detail()));
        }
        Map<String, Object> reports = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (AnalyzerResult r : run.results()) {
            if (r.report() != null) reports.put(r.analyzer(), r.report());
            r.notes().forEach(n -> notes.add(r.analyzer() + ": " + n));
        }
        Provenance prov = Provenance.of(
                ws,
                run.inputs(),
                ws.effective(),
                new Provenance.Analysis(
                        thresholds.values(),
                        run.results().stream().map(AnalyzerResult::analyzer).toList(),
                        run.skipped(),
                        run.result(DatasetVersionAnalyzer.NAME)
                                .map(r -> DatasetVersionAnalyzer.versionOf(r.report()))
                                .orElse(null)));
        String title = name + ": " + d.kind().title()
                + (d.method() == null ? "" : " (" + d.method().label() + ")");
        return new DecisionRecord(
                DecisionRecord.SCHEMA_VERSION,
                id,
                title,
                today.toString(),
                today.plusWeeks(13).toString(),
                uc,
                d.kind().name(),
                d.method() == null ? null : d.method().name(),
                d.label(),
                d.kind().summary(),
                d.methodReason(),
                d.reasons(),
                rules,
                cfs,
                uns,
                Alternatives.of(d),
                Alternatives.consequences(d),
                PilotPlans.of(ws, d, run.evidence()),
                evidence,
                reports,
                notes,
                prov,
                d.methodOptions().stream()
                        .map(o -> new DecisionRecord.MethodRow(
                                o.method().name(),
                                o.method().label(),
                                o.peakMemoryGb(),
                                o.fitsHardware(),
                                o.costPerRunUsd(),
                                o.withinBudget(),
                                o.seedBand(),
                                o.bestFor(),
                                o.method() == d.method()))
                        .toList());
    }
}
