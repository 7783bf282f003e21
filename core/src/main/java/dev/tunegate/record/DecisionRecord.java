package dev.tunegate.record;

import dev.tunegate.ToolVersion;
import dev.tunegate.analysis.AnalyzerResult;
import dev.tunegate.analysis.Pipeline;
import dev.tunegate.assess.Assessment;
import dev.tunegate.evidence.Evidence;
import dev.tunegate.policy.Counterfactual;
import dev.tunegate.policy.Decision;
import dev.tunegate.policy.RuleId;
import dev.tunegate.policy.RuleResult;
import dev.tunegate.policy.Thresholds;
import dev.tunegate.policy.Unsettled;
import dev.tunegate.policy.Verdict;
import dev.tunegate.workspace.Workspace;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The decision record's content — the JSON twin's schema (docs/formats/decision-record.md) — built
 * from a decision and its evidence. Writers render it; they compute nothing.
 */
public record DecisionRecord(
        int schemaVersion,
        String id,
        String title,
        String date,
        String nextReview,
        UseCase useCase,
        String decision,
        String method,
        String label,
        String summary,
        String methodReason,
        List<String> reasons,
        List<Rule> rules,
        List<CounterfactualEntry> counterfactuals,
        List<UnsettledEntry> unsettled,
        List<Alternative> alternatives,
        List<String> consequences,
        PilotPlan pilotPlan,
        List<EvidenceEntry> evidence,
        Map<String, Object> reports,
        List<String> notes,
        Provenance provenance,
        List<MethodRow> methods) {

    public static final int SCHEMA_VERSION = 1;

    /** The use case as declared. */
    public record UseCase(String name, String taskType, String businessOwner, String technicalOwner, String costOfFailure,
                          List<String> mustBeTrue, String factsChange, boolean citationsRequired) {}

    /** A rule's row in the table. {@code threshold} and {@code measured} are maps of name → value. */
    public record Rule(String id, String side, String title, Verdict verdict, String condition,
                       Map<String, Object> threshold, String thresholdText, Map<String, Object> measured, String measuredText,
                       List<String> settledBy, String sentence, boolean deciding) {}

    /**
     * A row of the method table (FINE_TUNE and HYBRID): estimated peak memory, whether it fits the hardware,
     * cost per run, whether it is within budget (null: unknown or no budget set), the seed's band.
     */
    public record MethodRow(String method, String label, Double peakMemoryGb, Boolean fitsHardware, Double costPerRunUsd,
                            Boolean withinBudget, String seedBand, String bestFor, boolean chosen) {}

    public record CounterfactualEntry(String rule, String change, String decision, String method, String text) {}

    public record UnsettledEntry(String rule, List<String> settledBy, String decisionIfFired, String method) {}

    public record Alternative(String option, String whyNot) {}

    public record PilotPlan(int weeks, List<Metric> metrics, String exit) {
        public record Metric(String name, String target, String source) {}
    }

    public record EvidenceEntry(String measure, Object value, String display, String origin, String source, String detail) {}

    /**
     * Where the decision came from. {@code datasetVersion}: the dataset version (tunegate data snapshot) of the
     * training file the decision used, or null when none records its current bytes.
     */
    public record Provenance(String tool, String toolVersion, String workspace, List<AnalyzerResult.InputFile> inputs,
                             Map<String, Object> config, Map<String, Double> thresholds, List<String> analyzers, List<String> skippedAnalyzers,
                             String datasetVersion) {}

    public static DecisionRecord of(Workspace ws, Pipeline.Run run, Decision d, Thresholds thresholds, LocalDate today, int number) {
        String name = ws.requireString("useCase.name");
        String id = String.format(Locale.ROOT, "%04d", number);
        UseCase uc = new UseCase(name, ws.requireString("useCase.taskType"), ws.string("useCase.businessOwner").orElse(null),
                ws.string("useCase.technicalOwner").orElse(null), ws.string("useCase.costOfFailure").orElse(null),
                ws.strings("useCase.mustBeTrue"), ws.string("requirements.factsChange").orElse(null),
                ws.bool("requirements.citationsRequired").orElse(false));
        List<Rule> rules = new ArrayList<>();
        for (RuleResult r : d.rules()) {
            Map<String, Object> th = new LinkedHashMap<>();
            r.thresholds().forEach(t -> th.put(t.name(), t.value()));
            Map<String, Object> me = new LinkedHashMap<>();
            r.measured().forEach(m -> me.put(m.measure(), m.value()));
            rules.add(new Rule(r.id().code(), r.side().name(), r.title(), r.verdict(), r.condition(), th, r.thresholdDisplay(), me,
                    r.verdict() == Verdict.UNKNOWN ? "unknown" : r.verdict() == Verdict.NOT_APPLICABLE ? "n/a" : r.measuredDisplay(), r.settledBy(), r.sentence(), d.deciding().contains(r.id())));
        }
        List<CounterfactualEntry> cfs = new ArrayList<>();
        for (Counterfactual c : d.counterfactuals()) {
            cfs.add(new CounterfactualEntry(c.ruleCode(), c.change(), c.decision().name(), c.method() == null ? null : c.method().name(), c.text()));
        }
        List<UnsettledEntry> uns = new ArrayList<>();
        for (Unsettled u : d.unsettled()) {
            uns.add(new UnsettledEntry(u.rule().code(), u.settledBy(), u.ifFired().name(), u.method() == null ? null : u.method().name()));
        }
        List<EvidenceEntry> evidence = new ArrayList<>();
        for (Evidence e : run.evidence().all()) {
            Object v = e.value() instanceof Double x && Double.isInfinite(x) ? null : e.value();
            evidence.add(new EvidenceEntry(e.measure().key(), v, e.display(), e.origin().name(), e.source(), e.detail()));
        }
        Map<String, Object> reports = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (AnalyzerResult r : run.results()) {
            if (r.report() != null) reports.put(r.analyzer(), r.report());
            r.notes().forEach(n -> notes.add(r.analyzer() + ": " + n));
        }
        Provenance prov = new Provenance("tunegate", ToolVersion.get(), ws.root().getFileName().toString(), Assessment.inputs(run),
                ws.effective(), thresholds.values(), run.results().stream().map(AnalyzerResult::analyzer).toList(), run.skipped(),
                run.result(dev.tunegate.dataops.version.DatasetVersionAnalyzer.NAME).map(r -> dev.tunegate.dataops.version.DatasetVersionAnalyzer.versionOf(r.report())).orElse(null));
        String title = name + ": " + d.kind().title() + (d.method() == null ? "" : " (" + d.method().label() + ")");
        return new DecisionRecord(SCHEMA_VERSION, id, title, today.toString(), today.plusWeeks(13).toString(), uc,
                d.kind().name(), d.method() == null ? null : d.method().name(), d.label(), d.kind().summary(), d.methodReason(),
                d.reasons(), rules, cfs, uns, Alternatives.of(d), Alternatives.consequences(d),
                PilotPlans.of(ws, d, run.evidence()), evidence, reports, notes, prov, d.methodOptions().stream()
                        .map(o -> new MethodRow(o.method().name(), o.method().label(), o.peakMemoryGb(), o.fitsHardware(), o.costPerRunUsd(),
                                o.withinBudget(), o.seedBand(), o.bestFor(), o.method() == d.method())).toList());
    }


    /** The file-name slug: {@code ticket-routing-fine-tune}. */
    public String slug() {
        String base = (useCase.name() + "-" + decision).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return base.length() > 60 ? base.substring(0, 60) : base;
    }

    /** Whether a rule decided. */
    public boolean deciding(RuleId id) {
        return rules.stream().anyMatch(r -> r.id().equals(id.code()) && r.deciding());
    }
}
