package dev.tunegate.cost;

import dev.tunegate.cost.CostReport.CatalogUse;
import dev.tunegate.cost.CostReport.ContextFit;
import dev.tunegate.cost.CostReport.Inference;
import dev.tunegate.cost.CostReport.Line;
import dev.tunegate.cost.CostReport.MethodCost;
import dev.tunegate.cost.CostReport.SeedBand;
import dev.tunegate.cost.CostReport.Sensitivity;
import dev.tunegate.cost.CostReport.Series;
import dev.tunegate.cost.CostReport.Tokens;
import dev.tunegate.cost.CostReport.Unknown;
import dev.tunegate.policy.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * The cost model: pure arithmetic from {@link CostInputs} to a {@link CostReport}. Money is
 * {@link BigDecimal} throughout; physical estimates (FLOPs, GPU-hours, memory) are doubles and
 * enter money only as a GPU-hour count multiplied by a decimal price. The formulas and their
 * approximations are listed in {@link #assumptionLines()} and in {@code docs/formats/cost.md}.
 */
public final class CostModel {
    /** Weeks in an average month (52 ÷ 12), for monthly growth. */
    static final double WEEKS_PER_MONTH = 52.0 / 12.0;
    /** Weeks of the cumulative-cost series. */
    public static final int SERIES_WEEKS = 52;
    /** The furthest a break-even is looked for when traffic grows or shrinks. */
    public static final int HORIZON_WEEKS = 520;

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal SEVEN = BigDecimal.valueOf(7);

    /**
     * The approximations of the model, with their defaults.
     *
     * @param fullFlopsPerParamToken FLOPs per parameter per token of a full fine-tune: forward 2N, backward 4N
     * @param loraFlopsPerParamToken FLOPs per parameter per token of LoRA: forward 2N + activation gradients 2N
     *                               (frozen weights need no weight gradients; the adapters' are negligible)
     * @param qloraOverhead QLoRA's dequantisation overhead over LoRA (1.3–1.5 reported; 1.4 used)
     * @param adapterShare adapter parameters as a share of N (rank 16 on every linear layer ≈ 0.5 %)
     * @param qloraBytesPerParam bytes per frozen weight in 4-bit NF4 with double quantisation and bf16 embeddings
     * @param memoryOverhead factor on the memory sum for CUDA context and fragmentation
     * @param servingUtilisation share of peak FLOPs a batched server sustains (2·N FLOPs per token)
     * @param servingMemoryOverhead factor on bf16 weights for KV cache and activations when serving
     * @param maxGpus the most GPUs a run may use
     */
    public record Assumptions(
            double fullFlopsPerParamToken,
            double loraFlopsPerParamToken,
            double qloraOverhead,
            double adapterShare,
            double qloraBytesPerParam,
            double memoryOverhead,
            double servingUtilisation,
            double servingMemoryOverhead,
            int maxGpus) {
        /** The defaults documented in docs/formats/cost.md. */
        public static Assumptions standard() {
            return new Assumptions(6, 4, 1.4, 0.005, 0.55, 1.10, 0.25, 1.2, 64);
        }
    }

    private final Assumptions a;

    public CostModel(Assumptions assumptions) {
        this.a = assumptions;
    }

    public CostModel() {
        this(Assumptions.standard());
    }

    /** The assumptions, as sentences for the report. */
    public List<String> assumptionLines() {
        return List.of(
                "full fine-tune ≈ " + num(a.fullFlopsPerParamToken)
                        + "·N FLOPs per training token (forward 2N, backward 4N)",
                "LoRA ≈ " + num(a.loraFlopsPerParamToken)
                        + "·N FLOPs per training token: forward 2N + activation gradients 2N; frozen weights need no weight gradients",
                "QLoRA ≈ LoRA × " + num(a.qloraOverhead) + " for dequantising 4-bit weights (1.3–1.5× reported)",
                "memory: full = 16 bytes/param (bf16 weights 2 + bf16 gradients 2 + fp32 master weights 4 + Adam's two fp32 states 8); "
                        + "LoRA = bf16 weights 2 bytes/param; QLoRA = " + num(a.qloraBytesPerParam)
                        + " bytes/param; adapters = "
                        + num(a.adapterShare * 100)
                        + " % of N at 16 bytes each; activations of one example of the dataset's p95 length "
                        + "with gradient checkpointing = s·h·(2L + 34) bytes, h = ∛(N·128/12), L = h/128; × "
                        + num(a.memoryOverhead) + " overhead",
                "GPU-hours = FLOPs ÷ (peak dense bf16 FLOPS × MFU) ÷ 3600; several GPUs split the same GPU-hours (sharded with FSDP/ZeRO-3 when the model does not fit one)",
                "self-hosted inference: 2·N FLOPs per token (prefill and output alike) at "
                        + num(a.servingUtilisation * 100)
                        + " % of peak (continuous batching); cost per call = GPU $/h ÷ calls served per hour, i.e. the GPU's idle capacity is not charged",
                "after tuning a call carries the tuned prompt + the same RAG context + input: weights learn behaviour, retrieval keeps bringing facts",
                "break-even weeks = (training + evaluation + labeling) ÷ (weekly savings − (training + evaluation) ÷ retrain cadence); never when that is ≤ 0",
                "traffic grows by growthPerMonth compounded over 52/12 weeks a month; series are cumulative USD at the end of each week");
    }

    // ------------------------------------------------------------------ the report

    /**
     * Computes the whole report.
     *
     * @param in the inputs
     * @param thresholdWeeks FT-COST.maxBreakEvenWeeks
     * @param runDate the date of the stale-entry check
     */
    public CostReport compute(CostInputs in, double thresholdWeeks, LocalDate runDate) {
        Work w = new Work(in);
        List<MethodCost> methods = w.methods();

        MethodCost best = headline(w, methods);
        double be = breakEven(w, methods);
        String status = Double.isNaN(be) ? "unknown" : Double.isInfinite(be) ? "never" : "weeks";

        Inference inference = new Inference(
                w.callsPerWeek,
                money6(w.beforePerCall),
                money2(w.beforePerWeek),
                best == null ? null : money6(best.afterUsdPerCall()),
                best == null ? null : money2(best.afterUsdPerWeek()),
                best == null ? null : best.method(),
                w.saved,
                w.beforeFormula,
                best == null ? "" : w.afterFormulas.getOrDefault(best.method(), ""),
                best == null ? List.copyOf(w.beforeEntries) : union(w.beforeEntries, best.catalogEntries()));

        Long window = in.candidate() == null ? null : in.candidate().contextWindow();
        Boolean fits = w.required == null || window == null ? null : w.required <= window;
        if (window == null)
            w.unknown(
                    "whether a call fits the candidate model context window",
                    "model.candidate.contextWindow (or a catalog entry for model.candidate.name)");
        ContextFit fit = new ContextFit(
                w.required,
                window,
                in.candidate() == null ? null : in.candidate().id(),
                fits);

        Tokens tokens = new Tokens(
                in.todayPromptTokens(),
                in.tunedPromptTokens(),
                in.ragContextTokens(),
                in.inputTokensPerCall(),
                in.outputTokensPerCall(),
                w.prefillBefore,
                w.prefillAfter,
                w.saved,
                w.required,
                in.trainingTokensPerEpoch());

        List<Sensitivity> sensitivity = Double.isNaN(be) ? List.of() : sensitivity(in, thresholdWeeks);
        Series series = series(in, w, methods);

        List<CatalogUse> used = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>(w.beforeEntries);
        for (MethodCost m : methods) ids.addAll(m.catalogEntries());
        for (String id : ids) {
            CatalogEntry e = w.entries.get(id);
            if (e == null) continue;
            long age = PriceCatalog.ageDays(e, runDate);
            boolean stale = PriceCatalog.stale(e, runDate);
            used.add(new CatalogUse(
                    id,
                    e.asOf() == null ? null : e.asOf().toString(),
                    e.source(),
                    e.origin(),
                    e.asOf() == null ? null : age,
                    stale));
            if (stale) {
                warnings.add("price catalog entry " + id + " is " + age + " days old (asOf " + e.asOf() + ", more than "
                        + PriceCatalog.STALE_AFTER_DAYS + "): check it and override it under prices: in tunegate.yaml");
            } else if (e.asOf() == null) {
                warnings.add("price override " + id + " (" + e.origin() + ") has no asOf: its age cannot be checked");
            }
        }
        warnings.addAll(w.notes);
        if (best != null && best.method() != Method.PROVIDER_API && w.servedAfter != null && in.callsPerDay() != null) {
            Served s = w.servedAfter;
            double busy = in.callsPerDay() / 24 * s.gpuSecondsPerCall / 3600 / s.count;
            BigDecimal dedicated = s.gpu.usdPerHour().multiply(BigDecimal.valueOf(168L * s.count));
            if (busy < 0.5) {
                warnings.add("self-hosted figures charge only the GPU time the calls use: today's traffic keeps "
                        + s.count + " × " + s.gpu.id()
                        + " " + num(round(busy * 100, 2)) + " % busy; dedicated, it costs $" + plain(money2(dedicated))
                        + " a week (share the GPU, or override its price under prices: to reflect that)");
            }
        }

        return new CostReport(
                runDate.toString(),
                PromptTokenCounter.ENCODING,
                List.of(),
                tokens,
                methods,
                inference,
                Double.isNaN(be) || Double.isInfinite(be) ? null : round(be, 2),
                status,
                best == null ? null : best.method(),
                thresholdWeeks,
                fits,
                fit,
                sensitivity,
                series,
                used,
                w.unknowns(),
                assumptionLines(),
                warnings);
    }

    /** Break-even weeks of the cheapest applicable method: +∞ for never, NaN when unknown. */
    public double breakEvenWeeks(CostInputs in) {
        Work w = new Work(in);
        return breakEven(w, w.methods());
    }

    /** The headline break-even, unrounded (the report rounds to 2 decimals; the sensitivity search must not). */
    private static double breakEven(Work w, List<MethodCost> methods) {
        MethodCost best = headline(w, methods);
        return best == null ? Double.NaN : w.rawBreakEven.get(best.method());
    }

    /**
     * The applicable method with a known break-even that comes first ("never" last); null when none is known.
     * Compared unrounded: two methods whose rounded figures tie must not swap as an input moves.
     */
    private static MethodCost headline(Work w, List<MethodCost> methods) {
        MethodCost best = null;
        double bestWeeks = Double.NaN;
        for (MethodCost m : methods) {
            if (!m.applicable() || m.breakEvenStatus().equals("unknown")) continue;
            double weeks =
                    m.breakEvenStatus().equals("never") ? Double.POSITIVE_INFINITY : w.rawBreakEven.get(m.method());
            if (best == null || weeks < bestWeeks) {
                best = m;
                bestWeeks = weeks;
            }
        }
        return best;
    }

    // ------------------------------------------------------------------ one evaluation of the inputs

    /** The figures of one set of inputs, computed once and shared by the report's parts. */
    private final class Work {
        final CostInputs in;
        final Map<String, Unknown> unknowns = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();
        final Map<String, CatalogEntry> entries = new LinkedHashMap<>();
        final Set<String> beforeEntries = new LinkedHashSet<>();
        final Map<Method, String> afterFormulas = new LinkedHashMap<>();
        final Map<Method, Double> rawBreakEven = new LinkedHashMap<>();
        Served servedAfter;
        final Long prefillBefore;
        final Long prefillAfter;
        final Long saved;
        final Long required;
        final Double callsPerWeek;
        final BigDecimal beforePerCall;
        final BigDecimal beforePerWeek;
        final BigDecimal beforePerCallWithoutRag;
        String beforeFormula = "";
        final Integer epochs;
        final BigDecimal labeling;

        Work(CostInputs in) {
            this.in = in;
            if (in.current() != null) entries.put(in.current().id(), in.current());
            if (in.candidate() != null && !in.candidate().origin().isEmpty())
                entries.put(in.candidate().id(), in.candidate());
            for (GpuPrice g : in.gpus()) entries.put(g.id(), g);

            if (in.todayPromptTokens() == null)
                unknown("today's prompt tokens", "prompts.system and/or prompts.fewShot");
            if (in.tunedPromptTokens() == null) unknown("tuned prompt tokens", "prompts.tuned");
            if (in.ragContextTokens() == null)
                unknown("RAG context tokens", "retrieval.corpus (measured) or prompts.ragContextTokens");
            if (in.inputTokensPerCall() == null)
                unknown("input tokens per call", "data.train (audit) or prompts.inputTokensPerCall");
            if (in.outputTokensPerCall() == null)
                unknown("output tokens per call", "data.train (audit) or prompts.outputTokensPerCall");
            if (in.callsPerDay() == null) unknown("calls per week", "traffic.callsPerDay");
            if (in.current() == null) unknown("inference cost before", "model.current (an id of the price catalog)");

            prefillBefore = sum(in.todayPromptTokens(), in.ragContextTokens(), in.inputTokensPerCall());
            prefillAfter = sum(in.tunedPromptTokens(), in.ragContextTokens(), in.inputTokensPerCall());
            saved = in.todayPromptTokens() == null || in.tunedPromptTokens() == null
                    ? null
                    : in.todayPromptTokens() - in.tunedPromptTokens();
            required = prefillBefore == null || in.outputTokensPerCall() == null
                    ? null
                    : prefillBefore + in.outputTokensPerCall();
            callsPerWeek = in.callsPerDay() == null ? null : in.callsPerDay() * 7;

            Long prefillNoRag = sum(in.todayPromptTokens(), 0L, in.inputTokensPerCall());
            beforePerCall = perCallOf(in.current(), prefillBefore, true);
            beforePerCallWithoutRag = perCallOf(in.current(), prefillNoRag, false);
            beforePerWeek = weekly(beforePerCall);

            Integer e = in.epochs();
            if (e == null && in.trainingRows() != null) e = heuristicEpochs(in.trainingRows());
            if (e == null) {
                e = 3;
                notes.add(
                        "epochs: training.epochs is not set and the row count is unknown; 3 assumed (the heuristic's target)");
            }
            epochs = e;
            if (in.labelingCostPerRow().signum() == 0) labeling = BigDecimal.ZERO;
            else if (in.trainingRows() == null) {
                labeling = null;
                unknown("labeling cost", "data.train (the rows to review)");
            } else labeling = in.labelingCostPerRow().multiply(BigDecimal.valueOf(in.trainingRows()));
        }

        void unknown(String figure, String settledBy) {
            unknowns.putIfAbsent(figure, new Unknown(figure, settledBy));
        }

        List<Unknown> unknowns() {
            return List.copyOf(unknowns.values());
        }

        /** Cost per call of {@code model} for {@code prefill} tokens plus the output. */
        BigDecimal perCallOf(ModelPrice model, Long prefill, boolean record) {
            if (model == null || prefill == null || in.outputTokensPerCall() == null) return null;
            if (model.hosting() == ModelPrice.Hosting.PROVIDER) {
                if (record) {
                    beforeEntries.add(model.id());
                    beforeFormula = prefill + " prefill tokens × $" + plain(model.inputPerMTok()) + "/MTok + "
                            + in.outputTokensPerCall() + " output tokens × $" + plain(model.outputPerMTok()) + "/MTok ("
                            + model.id() + ")";
                }
                return providerPerCall(prefill, in.outputTokensPerCall(), model.inputPerMTok(), model.outputPerMTok());
            }
            Served s = served(model.paramsB(), prefill + in.outputTokensPerCall());
            if (s == null) {
                if (record) unknown("inference cost before", "a GPU in the price catalog that can serve " + model.id());
                return null;
            }
            if (record) {
                beforeEntries.add(model.id());
                beforeEntries.add(s.gpu.id());
                beforeFormula = s.formula;
            }
            return s.usdPerCall;
        }

        BigDecimal weekly(BigDecimal perCall) {
            if (perCall == null || in.callsPerDay() == null) return null;
            return perCall.multiply(BigDecimal.valueOf(in.callsPerDay())).multiply(SEVEN);
        }

        List<MethodCost> methods() {
            List<MethodCost> out = new ArrayList<>();
            out.add(provider());
            for (Method m : List.of(Method.LORA, Method.QLORA, Method.FULL)) out.add(gpuMethod(m));
            return out;
        }

        private MethodCost provider() {
            ModelPrice cur = in.current();
            String reason = null;
            if (cur == null) reason = "today's model is unknown (model.current)";
            else if (cur.hosting() != ModelPrice.Hosting.PROVIDER)
                reason = cur.id() + " is self-hosted: there is no provider to tune it";
            else if (cur.fineTuning().status() == FineTuningStatus.WITHDRAWN)
                reason = cur.provider() + " has withdrawn fine-tuning of " + cur.id()
                        + (cur.fineTuning().note().isEmpty()
                                ? ""
                                : ": " + cur.fineTuning().note());
            else if (cur.fineTuning().status() == FineTuningStatus.NOT_OFFERED)
                reason = cur.provider() + " offers no fine-tuning of " + cur.id()
                        + (cur.fineTuning().note().isEmpty()
                                ? ""
                                : ": " + cur.fineTuning().note());
            boolean offered = reason == null;
            if (offered && in.tunedModelSelfHosted())
                reason = "model.hosting is self-hosted: the tuned model cannot stay at the provider";
            else if (offered && in.onPremInference())
                reason = "inference must run on premises (requirements.onPremInference)";
            else if (offered && !in.dataMayLeavePerimeter())
                reason = "training data may not leave the perimeter (requirements.dataMayLeavePerimeter)";
            if (!offered) {
                return new MethodCost(
                        Method.PROVIDER_API,
                        false,
                        reason,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "unknown",
                        "",
                        cur == null ? List.of() : List.of(cur.id()));
            }
            FineTuningPrice ft = cur.fineTuning();
            Double tokens = in.trainingTokensPerEpoch() == null ? null : in.trainingTokensPerEpoch() * epochs;
            BigDecimal training = null;
            String formula = "";
            if (tokens == null) unknown("training cost", "data.train (the audit's training tokens)");
            else {
                training = BigDecimal.valueOf(tokens)
                        .multiply(ft.trainingPerMTok())
                        .divide(MILLION, MC);
                formula = grouped(tokens) + " training tokens (" + grouped(in.trainingTokensPerEpoch()) + " × " + epochs
                        + " epochs) × $" + plain(ft.trainingPerMTok()) + "/MTok (" + cur.id() + " fine-tuning) = $"
                        + plain(money2(training));
            }
            BigDecimal afterPerCall = prefillAfter == null || in.outputTokensPerCall() == null
                    ? null
                    : providerPerCall(
                            prefillAfter, in.outputTokensPerCall(), ft.tunedInputPerMTok(), ft.tunedOutputPerMTok());
            if (afterPerCall != null) {
                afterFormulas.put(
                        Method.PROVIDER_API,
                        prefillAfter + " prefill tokens × $" + plain(ft.tunedInputPerMTok()) + "/MTok + "
                                + in.outputTokensPerCall() + " output tokens × $" + plain(ft.tunedOutputPerMTok())
                                + "/MTok (tuned " + cur.id() + ")");
            }
            return finish(
                    Method.PROVIDER_API,
                    reason,
                    tokens,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    training,
                    null,
                    null,
                    afterPerCall,
                    formula,
                    List.of(cur.id()));
        }

        private MethodCost gpuMethod(Method m) {
            ModelPrice cand = in.candidate();
            Double n = cand == null ? null : cand.paramsB();
            Double tokens = in.trainingTokensPerEpoch() == null ? null : in.trainingTokensPerEpoch() * epochs;
            if (n == null)
                unknown(
                        "training and serving cost of " + m.label(),
                        "model.candidate.paramsB (or model.candidate.name in the price catalog)");
            if (tokens == null) unknown("training cost", "data.train (the audit's training tokens)");
            Double flops = n == null || tokens == null ? null : flopsPerParamToken(m) * n * 1e9 * tokens;
            Double memory = n == null
                    ? null
                    : peakMemoryGb(
                            m, n, in.sequenceTokensP95() == null ? DEFAULT_SEQUENCE_TOKENS : in.sequenceTokensP95());
            List<String> used = new ArrayList<>();
            if (cand != null && entries.containsKey(cand.id())) used.add(cand.id());
            String gpuId = null;
            Integer count = null;
            Double gpuHours = null;
            Double wall = null;
            BigDecimal training = null;
            Double overheadGpuHours = null;
            BigDecimal overheadUsd = null;
            String formula = "";
            if (flops != null) {
                Placement p = place(flops, memory);
                if (p == null) {
                    unknown(
                            "training cost of " + m.label(),
                            in.gpu() != null
                                    ? "a training.gpu with enough memory (" + round(memory, 1) + " GB needed, at most "
                                            + a.maxGpus + " GPUs)"
                                    : "a GPU type in the price catalog (prices:) that fits " + round(memory, 1)
                                            + " GB in at most " + a.maxGpus + " GPUs");
                } else {
                    gpuId = p.gpu.id();
                    count = p.count;
                    gpuHours = round(p.gpuHours, 4);
                    wall = round(p.gpuHours / p.count, 4);
                    training = p.usd;
                    used.add(gpuId);
                    formula = num(flopsPerParamToken(m)) + " × " + num(n) + "e9 params × " + grouped(tokens)
                            + " tokens ("
                            + grouped(in.trainingTokensPerEpoch()) + " × " + epochs + " epochs) = " + sci(flops)
                            + " FLOPs ÷ ("
                            + num(p.gpu.bf16Tflops()) + " TFLOPS × " + num(in.mfu()) + " MFU) = "
                            + num(round(p.gpuHours, 4))
                            + " GPU-h + " + num(in.runOverheadHours()) + " h fixed per run × " + p.count + " GPU"
                            + (p.count == 1 ? "" : "s") + " = " + num(round(p.gpuHours + p.overheadGpuHours, 4))
                            + " GPU-h × $" + plain(p.gpu.usdPerHour()) + "/h (" + p.count + " × " + p.gpu.id() + ", "
                            + num(round(memory, 1)) + " GB needed) = $" + plain(money2(p.usd));
                    overheadGpuHours = round(p.overheadGpuHours, 4);
                    overheadUsd = p.overheadUsd;
                }
            }
            BigDecimal afterPerCall = null;
            if (n != null && prefillAfter != null && in.outputTokensPerCall() != null) {
                Served s = served(n, prefillAfter + in.outputTokensPerCall());
                if (s == null)
                    unknown(
                            "inference cost after " + m.label(),
                            "a GPU in the price catalog that can serve the candidate");
                else {
                    afterPerCall = s.usdPerCall;
                    servedAfter = s;
                    if (!used.contains(s.gpu.id())) used.add(s.gpu.id());
                    afterFormulas.put(m, s.formula);
                }
            }
            return finish(
                    m,
                    null,
                    tokens,
                    flops,
                    memory,
                    gpuId,
                    count,
                    gpuHours,
                    wall,
                    training,
                    overheadGpuHours,
                    overheadUsd,
                    afterPerCall,
                    formula,
                    used);
        }

        private MethodCost finish(
                Method m,
                String notApplicable,
                Double tokens,
                Double flops,
                Double memory,
                String gpu,
                Integer count,
                Double gpuHours,
                Double wall,
                BigDecimal training,
                Double overheadGpuHours,
                BigDecimal overheadUsd,
                BigDecimal afterPerCall,
                String formula,
                List<String> used) {
            SeedBand band = band(m);
            Boolean within = band == null || training == null
                    ? null
                    : training.compareTo(BigDecimal.valueOf(band.lowUsd())) >= 0
                            && (band.highUsd() == null || training.compareTo(BigDecimal.valueOf(band.highUsd())) <= 0);
            String bandNote = within == null || within ? "" : bandNote(m, band, training, tokens, gpu, count, gpuHours);
            BigDecimal eval = in.evaluationCostUsd();
            BigDecimal upfront = training == null || labeling == null
                    ? null
                    : training.add(eval).add(labeling);
            BigDecimal retrain =
                    training == null ? null : training.add(eval).divide(BigDecimal.valueOf(in.retrainEveryWeeks()), MC);
            BigDecimal afterWeek = weekly(afterPerCall);
            BigDecimal savings = beforePerWeek == null || afterWeek == null ? null : beforePerWeek.subtract(afterWeek);
            if (afterPerCall == null && prefillAfter == null) unknown("inference cost after", "prompts.tuned");
            double be = Double.NaN;
            if (upfront != null && retrain != null && savings != null && beforePerCall != null) {
                be = solveBreakEven(
                        upfront, retrain, beforePerCall.subtract(afterPerCall), in.callsPerDay(), in.growthPerMonth());
            }
            String status = Double.isNaN(be) ? "unknown" : Double.isInfinite(be) ? "never" : "weeks";
            rawBreakEven.put(m, be);
            return new MethodCost(
                    m,
                    notApplicable == null,
                    notApplicable,
                    tokens == null ? null : epochs,
                    tokens,
                    flops,
                    memory == null ? null : round(memory, 2),
                    gpu,
                    count,
                    gpuHours,
                    wall,
                    training == null ? null : money2(training),
                    overheadGpuHours,
                    overheadUsd == null ? null : money2(overheadUsd),
                    band,
                    within,
                    bandNote,
                    labeling == null ? null : money2(labeling),
                    money2(eval),
                    upfront == null ? null : money2(upfront),
                    retrain == null ? null : money2(retrain),
                    afterPerCall == null ? null : money6(afterPerCall),
                    afterWeek == null ? null : money2(afterWeek),
                    savings == null ? null : money2(savings),
                    Double.isNaN(be) || Double.isInfinite(be) ? null : round(be, 2),
                    status,
                    formula,
                    used);
        }

        private String bandNote(
                Method m,
                SeedBand band,
                BigDecimal training,
                Double tokens,
                String gpu,
                Integer count,
                Double gpuHours) {
            boolean below = training.compareTo(BigDecimal.valueOf(band.lowUsd())) < 0;
            String run = grouped(tokens) + " training tokens"
                    + (gpu == null ? "" : " on " + count + " × " + gpu + " for " + num(gpuHours) + " GPU-h");
            if (below) {
                return "below the seed's " + band.text() + ": this is one run, compute and fixed overhead (" + run
                        + "); the band prices whole runs of "
                        + "typical 500–5,000-pair jobs on 7B–13B models, with setup, trial runs and minimum billing";
            }
            return "above the seed's " + band.text() + ": " + run
                    + (m == Method.FULL ? "" : "; the band assumes 7B–13B models and a few thousand pairs");
        }

        /** The cheapest GPU placement of a training run; null when none fits. */
        private Placement place(double flops, double memoryGb) {
            Placement best = null;
            for (GpuPrice g : in.gpus()) {
                if (in.gpu() != null && !g.id().equals(in.gpu())) continue;
                int count = (int) Math.ceil(memoryGb / g.memoryGb());
                if (count > a.maxGpus) continue;
                double hours = flops / (g.bf16Tflops() * 1e12 * in.mfu()) / 3600;
                // the fixed part of a run (provisioning, weights, loading, evaluation) is billed on every GPU of it
                double overhead = in.runOverheadHours() * Math.max(1, count);
                BigDecimal usd = BigDecimal.valueOf(hours + overhead).multiply(g.usdPerHour());
                if (best == null
                        || usd.compareTo(best.usd) < 0
                        || (usd.compareTo(best.usd) == 0 && count < best.count)) {
                    best = new Placement(
                            g,
                            Math.max(1, count),
                            hours,
                            overhead,
                            BigDecimal.valueOf(overhead).multiply(g.usdPerHour()),
                            usd);
                }
            }
            return best;
        }

        /** The cheapest way to serve a model of {@code paramsB} billions for calls of {@code tokens} tokens; null when no GPU fits. */
        private Served served(Double paramsB, long tokens) {
            if (paramsB == null) return null;
            Served best = null;
            for (GpuPrice g : in.gpus()) {
                int count = (int) Math.ceil(2 * paramsB * a.servingMemoryOverhead / g.memoryGb());
                if (count > 8) continue;
                double gpuSeconds = 2 * paramsB * 1e9 * tokens / (g.bf16Tflops() * 1e12 * a.servingUtilisation);
                BigDecimal usd =
                        BigDecimal.valueOf(gpuSeconds).multiply(g.usdPerHour()).divide(BigDecimal.valueOf(3600), MC);
                if (best == null || usd.compareTo(best.usdPerCall) < 0) {
                    double callsPerHour = 3600 * Math.max(1, count) / gpuSeconds;
                    String f = "2 × " + num(paramsB) + "e9 params × " + tokens + " tokens at "
                            + num(a.servingUtilisation * 100) + " % of "
                            + num(g.bf16Tflops()) + " TFLOPS = " + num(round(gpuSeconds, 5)) + " GPU-s per call; "
                            + Math.max(1, count) + " × "
                            + g.id() + " at $" + plain(g.usdPerHour()) + "/h each serves "
                            + grouped(Math.floor(callsPerHour)) + " calls/h";
                    best = new Served(g, Math.max(1, count), gpuSeconds, usd, f);
                }
            }
            return best;
        }

        private Long sum(Long x, Long y, Long z) {
            return x == null || y == null || z == null ? null : x + y + z;
        }
    }

    /**
     * Where a training run goes: {@code gpuHours} of token passes plus {@code overheadGpuHours} of fixed per-run work
     * ({@code overheadUsd} of {@code usd}).
     */
    private record Placement(
            GpuPrice gpu,
            int count,
            double gpuHours,
            double overheadGpuHours,
            BigDecimal overheadUsd,
            BigDecimal usd) {}

    private record Served(GpuPrice gpu, int count, double gpuSecondsPerCall, BigDecimal usdPerCall, String formula) {}

    // ------------------------------------------------------------------ formulas

    /** Provider cost of one call: prefill × input price + output × output price, prices per million tokens. */
    static BigDecimal providerPerCall(long prefill, long output, BigDecimal inPerMTok, BigDecimal outPerMTok) {
        return BigDecimal.valueOf(prefill)
                .multiply(inPerMTok)
                .add(BigDecimal.valueOf(output).multiply(outPerMTok))
                .divide(MILLION, MC);
    }

    double flopsPerParamToken(Method m) {
        return switch (m) {
            case FULL -> a.fullFlopsPerParamToken;
            case LORA -> a.loraFlopsPerParamToken;
            case QLORA -> a.loraFlopsPerParamToken * a.qloraOverhead;
            case PROVIDER_API -> 0;
        };
    }

    /** The example length assumed for activation memory when the dataset's p95 is unknown. */
    public static final long DEFAULT_SEQUENCE_TOKENS = 4096;

    /**
     * Peak GPU memory (GB = 10⁹ bytes) of one training run: weights and optimizer states, LoRA adapters, and the
     * activations of one micro-batch of {@code seqTokens} tokens with gradient checkpointing, × the overhead factor.
     * The formula and its sources are in docs/formats/cost.md ("Peak training memory").
     *
     * @param paramsB the candidate's parameters in billions
     * @param seqTokens the example length the run must hold (the dataset's p95)
     */
    public double peakMemoryGb(Method m, double paramsB, long seqTokens) {
        double adapters = a.adapterShare * paramsB * 16;
        double states =
                switch (m) {
                    case FULL -> 16 * paramsB;
                    case LORA -> 2 * paramsB + adapters;
                    case QLORA -> a.qloraBytesPerParam * paramsB + adapters;
                    case PROVIDER_API -> 0;
                };
        return (states + activationGb(paramsB, seqTokens)) * a.memoryOverhead;
    }

    /**
     * Activations (GB) of one sequence with full gradient checkpointing: each layer's input kept in bf16 (2·s·h·L bytes)
     * plus one layer's activations while it is recomputed (34·s·h bytes, Korthikanti et al. 2022 without the attention
     * matrix, which FlashAttention never stores). Width and depth are estimated from N for a dense decoder:
     * N ≈ 12·L·h² and L = h / 128 (Llama-2 7B: h 4,096, L 32; 13B: 5,120, 40).
     */
    static double activationGb(double paramsB, long seqTokens) {
        double h = Math.cbrt(paramsB * 1e9 * 128 / 12);
        double layers = h / 128;
        return seqTokens * h * (2 * layers + 34) / 1e9;
    }

    /** OpenAI's data-prep heuristic: 3 epochs, raised for small sets (≥ 100 examples seen), lowered for large (≤ 25,000). */
    static int heuristicEpochs(long rows) {
        if (rows <= 0) return 3;
        if (rows * 3 < 100) return (int) Math.min(25, 100 / rows);
        if (rows * 3 > 25_000) return (int) Math.max(1, 25_000 / rows);
        return 3;
    }

    static SeedBand band(Method m) {
        return switch (m) {
            case FULL -> new SeedBand(m.bandLowUsd(), null, "band $500–5k+ per run");
            case LORA, QLORA ->
                new SeedBand(
                        m.bandLowUsd(),
                        m.bandHighUsd(),
                        "band $" + m.bandLowUsd() + "–" + grouped(m.bandHighUsd()) + " per run");
            case PROVIDER_API -> null;
        };
    }

    /**
     * Weeks until cumulative net savings repay the upfront cost.
     *
     * <p>Savings per week at time t are s₀·e^{kt} with s₀ = per-call savings × calls per week and
     * k = ln(1 + growth) ÷ (52/12); the retraining rate r is subtracted. Without growth the answer is
     * upfront ÷ (s₀ − r) in decimal arithmetic; with growth the first t with
     * s₀(e^{kt} − 1)/k − r·t ≥ upfront is found within {@value #HORIZON_WEEKS} weeks.
     *
     * @return weeks, or +∞ for never
     */
    static double solveBreakEven(
            BigDecimal upfront,
            BigDecimal retrainPerWeek,
            BigDecimal savingsPerCall,
            double callsPerDay,
            double growthPerMonth) {
        BigDecimal s0 = savingsPerCall.multiply(BigDecimal.valueOf(callsPerDay)).multiply(SEVEN);
        if (savingsPerCall.signum() <= 0 || callsPerDay <= 0) return Double.POSITIVE_INFINITY;
        if (growthPerMonth == 0) {
            BigDecimal net = s0.subtract(retrainPerWeek);
            if (net.signum() <= 0) return Double.POSITIVE_INFINITY;
            return upfront.divide(net, MC).doubleValue();
        }
        double k = Math.log1p(growthPerMonth) / WEEKS_PER_MONTH;
        double s = s0.doubleValue();
        double r = retrainPerWeek.doubleValue();
        double u = upfront.doubleValue();
        java.util.function.DoubleUnaryOperator net =
                t -> (Math.abs(k * t) < 1e-12 ? s * t : s * Math.expm1(k * t) / k) - r * t;
        if (u <= 0) return 0;
        double prev = 0;
        for (int week = 1; week <= HORIZON_WEEKS; week++) {
            if (net.applyAsDouble(week) >= u) {
                double lo = prev;
                double hi = week;
                for (int i = 0; i < 80; i++) {
                    double mid = (lo + hi) / 2;
                    if (net.applyAsDouble(mid) >= u) hi = mid;
                    else lo = mid;
                }
                return hi;
            }
            prev = week;
        }
        return Double.POSITIVE_INFINITY;
    }

    // ------------------------------------------------------------------ series

    private Series series(CostInputs in, Work w, List<MethodCost> methods) {
        List<Integer> weeks = new ArrayList<>();
        for (int i = 0; i <= SERIES_WEEKS; i++) weeks.add(i);
        List<Line> lines = new ArrayList<>();
        if (in.callsPerDay() == null) return new Series(weeks, lines);
        if (w.beforePerCallWithoutRag != null) {
            lines.add(new Line(
                    "today",
                    "today's prompt (system + few-shot)",
                    cumulative(in, BigDecimal.ZERO, w.beforePerCallWithoutRag, null, null)));
        }
        if (w.beforePerCall != null && in.ragContextTokens() != null && in.ragContextTokens() > 0) {
            lines.add(new Line(
                    "rag",
                    "today's prompt + " + in.ragContextTokens() + " tokens of RAG context",
                    cumulative(in, BigDecimal.ZERO, w.beforePerCall, null, null)));
        }
        for (MethodCost m : methods) {
            if (!m.applicable() || m.upfrontUsd() == null || m.afterUsdPerCall() == null) continue;
            BigDecimal retrainLump = m.trainingCostUsd().add(m.evaluationUsd());
            lines.add(new Line(
                    m.method().name().toLowerCase(Locale.ROOT),
                    m.method().label() + " (training, retraining every " + in.retrainEveryWeeks()
                            + " weeks, tuned inference)",
                    cumulative(in, m.upfrontUsd(), m.afterUsdPerCall(), retrainLump, in.retrainEveryWeeks())));
        }
        return new Series(weeks, lines);
    }

    private static List<BigDecimal> cumulative(
            CostInputs in, BigDecimal upfront, BigDecimal perCall, BigDecimal retrain, Integer cadence) {
        List<BigDecimal> out = new ArrayList<>();
        BigDecimal total = upfront;
        BigDecimal callsPerWeek = BigDecimal.valueOf(in.callsPerDay()).multiply(SEVEN);
        out.add(money2(total));
        for (int week = 1; week <= SERIES_WEEKS; week++) {
            double factor = Math.pow(1 + in.growthPerMonth(), (week - 1) / WEEKS_PER_MONTH);
            BigDecimal growth = in.growthPerMonth() == 0 ? BigDecimal.ONE : BigDecimal.valueOf(factor);
            total = total.add(perCall.multiply(callsPerWeek).multiply(growth));
            if (retrain != null && week % cadence == 0) total = total.add(retrain);
            out.add(money2(total));
        }
        return out;
    }

    // ------------------------------------------------------------------ sensitivity

    private record Knob(
            String input,
            String unit,
            double current,
            double lo,
            double hi,
            int decimals,
            DoubleFunction<CostInputs> at) {}

    private List<Sensitivity> sensitivity(CostInputs in, double threshold) {
        List<Knob> knobs = new ArrayList<>();
        if (in.callsPerDay() != null) {
            double c = in.callsPerDay();
            knobs.add(new Knob(
                    "traffic.callsPerDay", "calls/day", c, 0, Math.max(c * 1000, 1e7), 0, in::withCallsPerDay));
        }
        if (in.current() != null
                && in.current().hosting() == ModelPrice.Hosting.PROVIDER
                && in.current().inputPerMTok().signum() > 0) {
            ModelPrice cur = in.current();
            double c = cur.inputPerMTok().doubleValue();
            knobs.add(new Knob(
                    "prices." + cur.id() + ".inputPerMTok",
                    "USD/MTok",
                    c,
                    0,
                    c * 100,
                    4,
                    v -> in.withCurrent(new ModelPrice(
                            cur.id(),
                            cur.hosting(),
                            cur.provider(),
                            BigDecimal.valueOf(v),
                            cur.outputPerMTok(),
                            cur.paramsB(),
                            cur.contextWindow(),
                            cur.fineTuning(),
                            cur.asOf(),
                            cur.source(),
                            cur.origin()))));
        }
        if (in.todayPromptTokens() != null && in.tunedPromptTokens() != null) {
            long tuned = in.tunedPromptTokens();
            double c = in.todayPromptTokens() - tuned;
            knobs.add(new Knob(
                    "prompt tokens saved per call",
                    "tokens",
                    c,
                    0,
                    Math.max(c * 100, 100_000),
                    0,
                    v -> in.withTodayPromptTokens(tuned + Math.round(v))));
        }
        if (in.trainingTokensPerEpoch() != null) {
            Work w = new Work(in);
            knobs.add(new Knob(
                    "training.epochs", "epochs", w.epochs, 1, 100, 0, v -> in.withEpochs((int) Math.round(v))));
        }
        knobs.add(new Knob(
                "training.retrainEveryWeeks",
                "weeks",
                in.retrainEveryWeeks(),
                1,
                520,
                0,
                v -> in.withRetrainEveryWeeks((int) Math.round(v))));
        if (in.trainingRows() != null) {
            double c = in.labelingCostPerRow().doubleValue();
            knobs.add(new Knob(
                    "training.labelingCostPerRow",
                    "USD/row",
                    c,
                    0,
                    Math.max(c * 100, 100),
                    2,
                    v -> in.withLabelingCostPerRow(BigDecimal.valueOf(v))));
        }
        if (in.candidate() != null && !in.gpus().isEmpty()) {
            knobs.add(new Knob(
                    "GPU usdPerHour (× catalog)",
                    "×",
                    1,
                    0.01,
                    100,
                    2,
                    v -> in.withGpus(in.gpus().stream()
                            .map(g -> g.scaled(BigDecimal.valueOf(v)))
                            .toList())));
        }
        List<Sensitivity> out = new ArrayList<>();
        for (Knob k : knobs) out.add(flip(k, threshold));
        return out;
    }

    private Sensitivity flip(Knob k, double threshold) {
        double current = k.current;
        boolean now = fires(value(k, current), threshold);
        Double minus = weeksOrNull(value(k, snap(k, current * 0.5)));
        Double plus = weeksOrNull(value(k, snap(k, current * 1.5)));
        String range = "searched " + num(k.lo) + " to " + num(k.hi) + " " + k.unit;
        double target;
        if (fires(value(k, k.lo), threshold) != now) target = k.lo;
        else if (fires(value(k, k.hi), threshold) != now) target = k.hi;
        else
            return new Sensitivity(
                    k.input, k.unit, current, minus, plus, null, "", "no value flips the verdict: " + range);
        double same = current;
        double flipped = target;
        for (int i = 0; i < 100; i++) {
            double mid = (same + flipped) / 2;
            if (fires(value(k, snap(k, mid)), threshold) == now) same = mid;
            else flipped = mid;
        }
        boolean up = target > current;
        double scale = Math.pow(10, k.decimals);
        double v = up ? Math.ceil(flipped * scale - 1e-9) / scale : Math.floor(flipped * scale + 1e-9) / scale;
        if (fires(value(k, v), threshold) == now)
            v = up ? v + 1 / scale : v - 1 / scale; // keep the reported value on the flipped side
        String when = (now ? "FT-COST stops firing " : "FT-COST fires ") + (up ? "at or above" : "at or below");
        return new Sensitivity(k.input, k.unit, current, minus, plus, v, when, range);
    }

    private double snap(Knob k, double v) {
        double scale = Math.pow(10, k.decimals);
        double s = Math.round(v * scale) / scale;
        return k.decimals == 0 && (k.input.startsWith("training.")) ? Math.max(1, s) : s;
    }

    private double value(Knob k, double v) {
        return breakEvenWeeks(k.at.apply(v));
    }

    private static boolean fires(double weeks, double threshold) {
        return !Double.isNaN(weeks) && weeks <= threshold;
    }

    private static Double weeksOrNull(double weeks) {
        return Double.isNaN(weeks) || Double.isInfinite(weeks) ? null : round(weeks, 2);
    }

    // ------------------------------------------------------------------ formatting

    static BigDecimal money2(BigDecimal v) {
        return v == null ? null : v.setScale(2, RoundingMode.HALF_EVEN);
    }

    static BigDecimal money6(BigDecimal v) {
        return v == null ? null : v.setScale(6, RoundingMode.HALF_EVEN);
    }

    static double round(double v, int decimals) {
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    static String plain(BigDecimal v) {
        return v.stripTrailingZeros().scale() < 2
                ? v.setScale(2, RoundingMode.HALF_EVEN).toPlainString()
                : v.stripTrailingZeros().toPlainString();
    }

    static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    static String grouped(double d) {
        return String.format(Locale.ROOT, "%,.0f", d);
    }

    static String sci(double d) {
        return String.format(Locale.ROOT, "%.3e", d);
    }

    private static List<String> union(Set<String> a, List<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }
}
