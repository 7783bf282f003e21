package dev.tunegate.cost;

import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.Analyzer;
import dev.tunegate.analysis.AnalyzerResult;
import dev.tunegate.cost.CostReport.InputValue;
import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.evidence.Measure;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.workspace.Settings;
import dev.tunegate.workspace.Workspace;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The cost analyzer: measures the prompt files with the tokenizer, reads the audit's and the
 * retrieval analyzer's token counts from the evidence so far (it runs after them), applies the
 * workspace's price overrides to the shipped catalog and runs the {@link CostModel}.
 *
 * <p>Emits {@link Measure#BREAK_EVEN_WEEKS} (+∞ for never; absent when unknown),
 * {@link Measure#REQUIRED_CONTEXT_TOKENS} and {@link Measure#PROVIDER_FINE_TUNING_OFFERED}, and the
 * candidate's size and context window from the catalog when the config does not declare them.
 */
public final class CostAnalyzer implements Analyzer {
    /** The threshold of FT-COST the sensitivity analysis solves for. */
    public static final String THRESHOLD = "FT-COST.maxBreakEvenWeeks";

    private final PriceCatalog shipped;
    private final CostModel model;

    /** With the shipped catalog. */
    public CostAnalyzer() {
        this(PriceCatalog.shipped());
    }

    /**
     * The stale-entry check ages entries by {@link AnalysisContext#today()} (tests and {@code --as-of} fix it).
     *
     * @param catalog the catalog before the workspace's overrides
     */
    public CostAnalyzer(PriceCatalog catalog) {
        this.shipped = catalog;
        this.model = new CostModel();
    }

    @Override
    public String name() {
        return "cost";
    }

    @Override
    public boolean applies(Workspace ws) {
        Settings s = ws.settings();
        return s.traffic().callsPerDay() != null
                || s.prompts().system() != null
                || !s.prompts().fewShot().isEmpty()
                || s.prompts().tuned() != null
                || s.model().current() != null
                || s.model().candidateName() != null
                || s.model().candidateParamsB() != null;
    }

    @Override
    public AnalyzerResult analyze(Workspace ws, AnalysisContext context) {
        // the price catalog's overrides are applied once per run: the report and the evidence share the catalog
        PriceCatalog catalog = PriceCatalogReader.withOverrides(shipped, ws);
        CostReport report = report(ws, context, catalog);
        List<Evidence> evidence = new ArrayList<>();
        String src = "cost: prompts, traffic, model and the price catalog";
        if (report.breakEvenStatus().equals("weeks")) {
            evidence.add(Evidence.measured(
                    Measure.BREAK_EVEN_WEEKS,
                    report.breakEvenWeeks(),
                    src,
                    report.breakEvenMethod().label() + ": " + report.breakEvenWeeks()
                            + " weeks to repay training from prompt savings"));
        } else if (report.breakEvenStatus().equals("never")) {
            evidence.add(Evidence.measured(
                    Measure.BREAK_EVEN_WEEKS,
                    Double.POSITIVE_INFINITY,
                    src,
                    "savings never repay training: the tuned call does not save enough per week ("
                            + report.breakEvenMethod().label() + " best)"));
        }
        if (report.tokens().requiredContextTokens() != null) {
            CostReport.Tokens t = report.tokens();
            evidence.add(Evidence.measured(
                    Measure.REQUIRED_CONTEXT_TOKENS,
                    t.requiredContextTokens(),
                    "cost: prompts and token counts",
                    t.todayPromptTokens() + " prompt + " + t.ragContextTokens() + " RAG + " + t.inputTokensPerCall()
                            + " input + " + t.outputTokensPerCall() + " output tokens (" + PromptTokenCounter.ENCODING
                            + ")"));
        }
        Settings.Model model = ws.settings().model();
        Optional.ofNullable(model.current())
                .flatMap(catalog::model)
                .filter(m -> m.hosting() == ModelPrice.Hosting.PROVIDER)
                .ifPresent(m -> evidence.add(Evidence.measured(
                        Measure.PROVIDER_FINE_TUNING_OFFERED,
                        m.fineTuningOffered(),
                        "cost: price catalog " + m.id() + " (" + m.origin() + ")",
                        m.provider() + " fine-tuning of " + m.id() + ": "
                                + m.fineTuning().status().key()
                                + (m.fineTuning().note().isEmpty()
                                        ? ""
                                        : " — " + m.fineTuning().note()))));
        Optional<ModelPrice> cand = Optional.ofNullable(model.candidateName()).flatMap(catalog::model);
        if (cand.isPresent() && model.candidateParamsB() == null && cand.get().paramsB() != null) {
            evidence.add(Evidence.declared(
                    Measure.CANDIDATE_PARAMS_B,
                    cand.get().paramsB(),
                    "cost: price catalog " + cand.get().id()));
        }
        if (cand.isPresent()
                && model.candidateContextWindow() == null
                && cand.get().contextWindow() != null) {
            evidence.add(Evidence.declared(
                    Measure.CANDIDATE_CONTEXT_WINDOW,
                    cand.get().contextWindow(),
                    "cost: price catalog " + cand.get().id()));
        }
        methodEvidence(ws, report, catalog, evidence);
        List<AnalyzerResult.InputFile> files = new ArrayList<>();
        Settings.Prompts prompts = ws.settings().prompts();
        for (Path p : java.util.Arrays.asList(prompts.system(), prompts.tuned())) {
            if (p != null)
                files.add(new AnalyzerResult.InputFile(
                        ws.relative(p), context.digests().sha256(p)));
        }
        // digested when the report read them to count their tokens: no second read
        for (Path p : prompts.fewShot())
            files.add(new AnalyzerResult.InputFile(
                    ws.relative(p), context.digests().sha256(p)));
        List<String> notes = new ArrayList<>(report.warnings());
        for (CostReport.Unknown u : report.unknowns()) notes.add("unknown " + u.figure() + ": add " + u.settledBy());
        return new AnalyzerResult(name(), evidence, files, report, notes);
    }

    /**
     * The cost report of a workspace (what {@code tunegate cost} prints).
     *
     * @throws InvalidInputException when a prompt file cannot be read, a model or GPU id is not in
     *         the catalog, or a price override is invalid
     */
    public CostReport report(Workspace ws, AnalysisContext context) {
        return report(ws, context, PriceCatalogReader.withOverrides(shipped, ws));
    }

    private CostReport report(Workspace ws, AnalysisContext context, PriceCatalog catalog) {
        EvidenceSet ev = context.evidenceSoFar();
        List<InputValue> inputs = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Settings settings = ws.settings();
        Settings.Prompts prompts = settings.prompts();

        Long system = Optional.ofNullable(prompts.system())
                .map(p -> PromptTokenCounter.countFile(
                        p, ws.relative(p), "prompts.system", ws.line("prompts.system"), context.digests()))
                .orElse(null);
        Long fewShot = null;
        for (Path p : prompts.fewShot()) {
            long n = PromptTokenCounter.countFile(
                    p, ws.relative(p), "prompts.fewShot", ws.line("prompts.fewShot"), context.digests());
            fewShot = fewShot == null ? n : fewShot + n;
        }
        Long today = system == null && fewShot == null
                ? null
                : (system == null ? 0 : system) + (fewShot == null ? 0 : fewShot);
        if (system != null)
            inputs.add(new InputValue(
                    "systemPromptTokens", system, "tokens", "measured: " + ws.relative(prompts.system())));
        if (fewShot != null)
            inputs.add(new InputValue(
                    "fewShotTokens",
                    fewShot,
                    "tokens",
                    "measured: "
                            + String.join(
                                    ", ",
                                    prompts.fewShot().stream().map(ws::relative).toList())));
        Long tuned = Optional.ofNullable(prompts.tuned())
                .map(p -> PromptTokenCounter.countFile(
                        p, ws.relative(p), "prompts.tuned", ws.line("prompts.tuned"), context.digests()))
                .orElse(null);
        if (tuned != null)
            inputs.add(
                    new InputValue("tunedPromptTokens", tuned, "tokens", "measured: " + ws.relative(prompts.tuned())));

        Long rag = tokens(
                ev,
                Measure.RAG_CONTEXT_TOKENS,
                ws,
                "prompts.ragContextTokens",
                prompts.ragContextTokens(),
                "ragContextTokens",
                inputs);
        if (rag == null && settings.retrieval().corpus() == null) {
            rag = 0L;
            inputs.add(new InputValue(
                    "ragContextTokens", 0, "tokens", "no retrieval configured (retrieval.corpus absent)"));
        }
        Long input = tokens(
                ev,
                Measure.INPUT_TOKENS_PER_CALL,
                ws,
                "prompts.inputTokensPerCall",
                prompts.inputTokensPerCall(),
                "inputTokensPerCall",
                inputs);
        Long output = tokens(
                ev,
                Measure.OUTPUT_TOKENS_PER_CALL,
                ws,
                "prompts.outputTokensPerCall",
                prompts.outputTokensPerCall(),
                "outputTokensPerCall",
                inputs);

        Double trainingTokens =
                ev.get(Measure.TRAINING_TOKENS).map(Evidence::asDouble).orElse(null);
        Long rows = ev.get(Measure.DATASET_ROWS).map(e -> (long) e.asDouble()).orElse(null);
        if (trainingTokens != null)
            inputs.add(new InputValue(
                    "trainingTokensPerEpoch", trainingTokens, "tokens", source(ev, Measure.TRAINING_TOKENS)));
        if (rows != null) inputs.add(new InputValue("trainingRows", rows, "rows", source(ev, Measure.DATASET_ROWS)));
        Optional<Path> train = settings.data().trainFile();
        if ((trainingTokens == null || rows == null)
                && train.isPresent()
                && train.get().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl")
                && java.nio.file.Files.isRegularFile(train.get())) {
            List<String> malformed = new ArrayList<>();
            PromptTokenCounter.Training t =
                    PromptTokenCounter.countJsonl(train.get(), ws.relative(train.get()), context.progress(), malformed);
            warnings.addAll(malformed);
            String how = "measured by the cost model: every string value but metadata of " + ws.relative(train.get())
                    + " (" + PromptTokenCounter.ENCODING + "); the audit's count replaces it when it runs";
            if (trainingTokens == null) {
                trainingTokens = (double) t.tokens();
                inputs.add(new InputValue("trainingTokensPerEpoch", t.tokens(), "tokens", how));
            }
            if (rows == null) {
                rows = t.rows();
                inputs.add(new InputValue("trainingRows", t.rows(), "rows", how));
            }
        }

        Double calls = settings.traffic().callsPerDay();
        if (calls != null) inputs.add(new InputValue("callsPerDay", calls, "calls/day", at(ws, "traffic.callsPerDay")));
        double growth = settings.traffic().growthPerMonth();
        inputs.add(new InputValue("growthPerMonth", growth, "fraction/month", at(ws, "traffic.growthPerMonth")));

        Settings.Model model = settings.model();
        Settings.Training training = settings.training();
        ModelPrice current = Optional.ofNullable(model.current())
                .map(id -> catalog.model(id).orElseThrow(() -> unknownId(ws, "model.current", id, catalog)))
                .orElse(null);
        if (current != null)
            inputs.add(new InputValue(
                    "model.current", current.id(), "", at(ws, "model.current") + "; catalog " + current.origin()));
        ModelPrice candidate = candidate(ws, model, catalog);
        if (candidate != null) {
            inputs.add(new InputValue(
                    "model.candidate",
                    candidate.id(),
                    "",
                    at(ws, model.candidateName() != null ? "model.candidate.name" : "model.candidate.paramsB")));
            if (candidate.paramsB() != null)
                inputs.add(new InputValue(
                        "candidateParamsB",
                        candidate.paramsB(),
                        "B params",
                        model.candidateParamsB() != null
                                ? at(ws, "model.candidate.paramsB")
                                : "catalog " + candidate.origin()));
            if (candidate.contextWindow() != null)
                inputs.add(new InputValue(
                        "candidateContextWindow",
                        candidate.contextWindow(),
                        "tokens",
                        model.candidateContextWindow() != null
                                ? at(ws, "model.candidate.contextWindow")
                                : "catalog " + candidate.origin()));
        }
        String gpu = training.gpu();
        if (gpu != null && catalog.gpu(gpu).isEmpty()) {
            throw InvalidInputException.field(
                    Path.of(Workspace.CONFIG_FILE),
                    ws.line("training.gpu"),
                    "training.gpu",
                    "a GPU id of the price catalog ("
                            + String.join(", ", catalog.gpus().keySet()) + ")",
                    "\"" + gpu + "\"");
        }
        Integer epochs = training.epochs() == null ? null : training.epochs().intValue();
        int cadence = (int) training.retrainEveryWeeks();
        BigDecimal labeling = BigDecimal.valueOf(training.labelingCostPerRow());
        BigDecimal evaluation = BigDecimal.valueOf(training.evaluationCostUsd());
        double mfu = training.mfu();
        double overhead = training.runOverheadHours();
        for (String k : List.of(
                "training.epochs",
                "training.retrainEveryWeeks",
                "training.labelingCostPerRow",
                "training.evaluationCostUsd",
                "training.gpu",
                "training.mfu",
                "training.runOverheadHours",
                "training.maxBudgetUsd",
                "training.gpuMemoryGb",
                "training.gpuCount",
                "training.iteration",
                "model.hosting",
                "requirements.onPremInference",
                "requirements.dataMayLeavePerimeter")) {
            Object v = ws.effective().get(k);
            if (v != null) inputs.add(new InputValue(k, v, "", at(ws, k)));
        }
        boolean selfHosted = "self-hosted".equals(model.hosting());
        boolean onPrem = settings.requirements().onPremInference();
        boolean mayLeave = settings.requirements().dataMayLeavePerimeter();

        Long seqP95 = ev.get(Measure.SEQUENCE_TOKENS_P95)
                .map(e -> Math.round(e.asDouble()))
                .orElse(null);
        if (seqP95 != null)
            inputs.add(new InputValue("sequenceTokensP95", seqP95, "tokens", source(ev, Measure.SEQUENCE_TOKENS_P95)));
        CostInputs in = new CostInputs(
                today,
                tuned,
                rag,
                input,
                output,
                trainingTokens,
                rows,
                calls,
                growth,
                current,
                candidate,
                epochs,
                cadence,
                labeling,
                evaluation,
                gpu,
                mfu,
                selfHosted,
                onPrem,
                mayLeave,
                List.copyOf(catalog.gpus().values()),
                seqP95,
                overhead);
        double threshold = context.thresholds().get(THRESHOLD);
        return this.model.compute(in, threshold, context.today()).withProvenance(inputs, warnings);
    }

    /**
     * The method choice's evidence: each GPU method's peak memory and cost per run, and the GPU memory the team can
     * train on — {@code training.gpuMemoryGb} × {@code training.gpuCount}, else the catalog's GPU ({@code training.gpu},
     * or the one with the most memory) × {@code training.gpuCount}.
     */
    private static void methodEvidence(Workspace ws, CostReport report, PriceCatalog catalog, List<Evidence> evidence) {
        String src = "cost: the candidate, the dataset and the price catalog";
        for (CostReport.MethodCost m : report.methods()) {
            Measure mem =
                    switch (m.method()) {
                        case FULL -> Measure.FULL_PEAK_MEMORY_GB;
                        case LORA -> Measure.LORA_PEAK_MEMORY_GB;
                        case QLORA -> Measure.QLORA_PEAK_MEMORY_GB;
                        case PROVIDER_API -> null;
                    };
            Measure usd =
                    switch (m.method()) {
                        case FULL -> Measure.FULL_RUN_USD;
                        case LORA -> Measure.LORA_RUN_USD;
                        case QLORA -> Measure.QLORA_RUN_USD;
                        case PROVIDER_API -> null;
                    };
            if (mem == null) continue;
            if (m.memoryGb() != null)
                evidence.add(Evidence.measured(
                        mem,
                        m.memoryGb(),
                        src,
                        "weights, optimizer and adapter states, activations (docs/formats/cost.md)"));
            if (m.trainingCostUsd() != null)
                evidence.add(Evidence.measured(usd, m.trainingCostUsd().doubleValue(), src, m.formula()));
        }
        Settings.Training training = ws.settings().training();
        long count = training.gpuCount();
        Optional<Double> perGpu = Optional.ofNullable(training.gpuMemoryGb());
        if (perGpu.isPresent()) {
            evidence.add(Evidence.declared(
                    Measure.TRAINING_MEMORY_GB,
                    perGpu.get() * count,
                    Workspace.CONFIG_FILE + ":" + ws.line("training.gpuMemoryGb") + " (" + count + " × " + perGpu.get()
                            + " GB, training.gpuMemoryGb × training.gpuCount)"));
            return;
        }
        Optional<GpuPrice> g = Optional.ofNullable(training.gpu())
                .flatMap(catalog::gpu)
                .or(() -> catalog.gpus().values().stream()
                        .max(java.util.Comparator.comparingDouble(GpuPrice::memoryGb)
                                .thenComparing(GpuPrice::id)));
        g.ifPresent(x -> evidence.add(Evidence.declared(
                Measure.TRAINING_MEMORY_GB,
                x.memoryGb() * count,
                "cost: price catalog " + x.id() + " (" + count + " × " + x.memoryGb()
                        + " GB; set training.gpuMemoryGb for the team's own GPUs)")));
    }

    private static Long tokens(
            EvidenceSet ev, Measure m, Workspace ws, String key, Long declared, String name, List<InputValue> inputs) {
        Optional<Evidence> e = ev.get(m);
        if (e.isPresent()) {
            long v = Math.round(e.get().asDouble());
            inputs.add(new InputValue(name, v, "tokens", source(ev, m)));
            return v;
        }
        Optional<Long> c = Optional.ofNullable(declared);
        c.ifPresent(v -> inputs.add(new InputValue(name, v, "tokens", at(ws, key))));
        return c.orElse(null);
    }

    private static String source(EvidenceSet ev, Measure m) {
        return ev.get(m)
                .map(e -> e.origin().name().toLowerCase(Locale.ROOT) + ": " + e.source())
                .orElse("");
    }

    private static ModelPrice candidate(Workspace ws, Settings.Model model, PriceCatalog catalog) {
        Optional<String> name = Optional.ofNullable(model.candidateName());
        Double params = model.candidateParamsB();
        Long window = model.candidateContextWindow();
        if (name.isEmpty() && params == null) return null;
        ModelPrice base = name.flatMap(catalog::model).orElse(null);
        if (name.isPresent() && base == null && params == null)
            throw unknownId(ws, "model.candidate.name", name.get(), catalog);
        if (base == null) {
            return new ModelPrice(
                    name.orElse("model.candidate"),
                    ModelPrice.Hosting.SELF_HOSTED,
                    "",
                    null,
                    null,
                    params,
                    window,
                    null,
                    null,
                    "tunegate.yaml",
                    "");
        }
        return new ModelPrice(
                base.id(),
                base.hosting(),
                base.provider(),
                base.inputPerMTok(),
                base.outputPerMTok(),
                params != null ? params : base.paramsB(),
                window != null ? window : base.contextWindow(),
                base.fineTuning(),
                base.asOf(),
                base.source(),
                base.origin());
    }

    private static InvalidInputException unknownId(Workspace ws, String key, String id, PriceCatalog catalog) {
        return InvalidInputException.field(
                Path.of(Workspace.CONFIG_FILE),
                ws.line(key),
                key,
                "an id of the price catalog ("
                        + String.join(", ", catalog.models().keySet()) + ") or an entry under prices:",
                "\"" + id + "\"");
    }

    private static String at(Workspace ws, String key) {
        int line = ws.line(key);
        return line > 0 ? Workspace.CONFIG_FILE + ":" + line : "default of " + key;
    }
}
