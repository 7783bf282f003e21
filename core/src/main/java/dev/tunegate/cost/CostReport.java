package dev.tunegate.cost;

import dev.tunegate.policy.Method;
import java.math.BigDecimal;
import java.util.List;

/**
 * What the cost model found, serialised as the JSON of {@code tunegate cost --format json}. Field
 * names carry their unit ({@code Usd}, {@code Tokens}, {@code Weeks}, {@code Hours}); every figure
 * lists the catalog entries it used. A null figure is unknown: {@link #unknowns()} says which input
 * would settle it. Break-even weeks are null for "never" too: {@code breakEvenStatus} tells them apart.
 *
 * @param runDate the date the stale-entry check used (ISO)
 * @param tokenizer the tokenizer prompt files were counted with
 * @param inputs every input with its value, unit and where it came from
 * @param tokens the per-call token budget before and after tuning
 * @param methods training and running cost per fine-tuning method
 * @param inference inference cost before and after (after: the method with the shortest break-even)
 * @param breakEvenWeeks weeks until savings repay the cheapest applicable method; null when never or unknown
 * @param breakEvenStatus {@code weeks}, {@code never} or {@code unknown}
 * @param breakEvenMethod the method the headline break-even is for (null when unknown)
 * @param breakEvenThresholdWeeks FT-COST.maxBreakEvenWeeks: the verdict fires at or below it
 * @param contextFits whether prompt + RAG + input + output fit the candidate's window; null when unknown
 * @param contextFit the figures behind {@code contextFits}
 * @param sensitivity per input: break-even at ±50 % and the value at which the FT-COST verdict flips
 * @param series cumulative cost over weeks 0..52 for today's setup, RAG and each method (for charts)
 * @param catalogEntries the catalog entries used, with their dates and age
 * @param unknowns figures that could not be computed and the input that would settle each
 * @param assumptions the approximations the figures rest on
 * @param warnings stale catalog entries, undated overrides and similar
 */
public record CostReport(
        String runDate,
        String tokenizer,
        List<InputValue> inputs,
        Tokens tokens,
        List<MethodCost> methods,
        Inference inference,
        Double breakEvenWeeks,
        String breakEvenStatus,
        Method breakEvenMethod,
        double breakEvenThresholdWeeks,
        Boolean contextFits,
        ContextFit contextFit,
        List<Sensitivity> sensitivity,
        Series series,
        List<CatalogUse> catalogEntries,
        List<Unknown> unknowns,
        List<String> assumptions,
        List<String> warnings) {
    public CostReport {
        inputs = List.copyOf(inputs);
        methods = List.copyOf(methods);
        sensitivity = List.copyOf(sensitivity);
        catalogEntries = List.copyOf(catalogEntries);
        unknowns = List.copyOf(unknowns);
        assumptions = List.copyOf(assumptions);
        warnings = List.copyOf(warnings);
    }

    /** A copy with the inputs' provenance and extra warnings (the analyzer knows where inputs came from). */
    public CostReport withProvenance(List<InputValue> newInputs, List<String> moreWarnings) {
        List<String> w = new java.util.ArrayList<>(warnings);
        w.addAll(moreWarnings);
        return new CostReport(
                runDate,
                tokenizer,
                newInputs,
                tokens,
                methods,
                inference,
                breakEvenWeeks,
                breakEvenStatus,
                breakEvenMethod,
                breakEvenThresholdWeeks,
                contextFits,
                contextFit,
                sensitivity,
                series,
                catalogEntries,
                unknowns,
                assumptions,
                w);
    }

    /** The method's cost, if it was computed. */
    public java.util.Optional<MethodCost> method(Method m) {
        return methods.stream().filter(c -> c.method() == m).findFirst();
    }

    /** An input of the model: its value, unit and where it came from ({@code audit: data/train.jsonl}, {@code tunegate.yaml:12}). */
    public record InputValue(String name, Object value, String unit, String source) {}

    /**
     * The token budget of one call.
     *
     * @param todayPromptTokens system prompt + few-shot examples
     * @param tunedPromptTokens the instruction left after tuning
     * @param ragContextTokens RAG context (kept after tuning: weights learn behaviour, retrieval brings facts)
     * @param inputTokensPerCall user input
     * @param outputTokensPerCall output
     * @param prefillBeforeTokens prompt + RAG + input today
     * @param prefillAfterTokens tuned prompt + RAG + input after tuning
     * @param savedPrefillTokensPerCall prefill tokens a call no longer carries (a latency proxy)
     * @param requiredContextTokens prompt + RAG + input + output today (FT-ONPREM)
     * @param trainingTokensPerEpoch training tokens per epoch
     */
    public record Tokens(
            Long todayPromptTokens,
            Long tunedPromptTokens,
            Long ragContextTokens,
            Long inputTokensPerCall,
            Long outputTokensPerCall,
            Long prefillBeforeTokens,
            Long prefillAfterTokens,
            Long savedPrefillTokensPerCall,
            Long requiredContextTokens,
            Double trainingTokensPerEpoch) {}

    /** The seed's typical cost per run; {@code highUsd} null when open-ended ("$500–5k+"). */
    public record SeedBand(int lowUsd, Integer highUsd, String text) {}

    /**
     * Training and running cost of one fine-tuning method.
     *
     * @param method the method
     * @param applicable whether it may be used here (perimeter, hosting, provider offer)
     * @param notApplicableReason why not, when it may not
     * @param epochs epochs trained
     * @param trainingTokens training tokens × epochs
     * @param trainingFlops FLOPs of the run (GPU methods)
     * @param memoryGb GPU memory the run needs, GB (GPU methods)
     * @param gpu the GPU type chosen (GPU methods)
     * @param gpuCount how many of it
     * @param gpuHours GPU-hours at the stated MFU (null for the provider API)
     * @param wallClockHours hours on {@code gpuCount} GPUs
     * @param trainingCostUsd USD of one training run (token passes and the fixed per-run overhead)
     * @param overheadGpuHours GPU-hours of the fixed per-run overhead ({@code training.runOverheadHours} × GPUs);
     *     null for the provider's API, whose price includes it
     * @param overheadUsd the USD of that overhead, part of {@code trainingCostUsd}
     * @param seedBand the seed's typical cost per run (null for the provider API)
     * @param withinSeedBand whether the computed cost falls in the band (null without band or cost)
     * @param seedBandNote why it falls outside, when it does
     * @param labelingUsd review cost of the training rows, once
     * @param evaluationUsd one evaluation round
     * @param upfrontUsd training + evaluation + labeling
     * @param retrainUsdPerWeek (training + evaluation) ÷ retrain cadence
     * @param afterUsdPerCall inference cost per call on the tuned model
     * @param afterUsdPerWeek the same per week at today's traffic
     * @param savingsUsdPerWeek inference before − after, per week at today's traffic
     * @param breakEvenWeeks weeks until savings repay the upfront cost; null when never or unknown
     * @param breakEvenStatus {@code weeks}, {@code never} or {@code unknown}
     * @param formula how the training cost was computed, in words and numbers
     * @param catalogEntries the catalog entries used
     */
    public record MethodCost(
            Method method,
            boolean applicable,
            String notApplicableReason,
            Integer epochs,
            Double trainingTokens,
            Double trainingFlops,
            Double memoryGb,
            String gpu,
            Integer gpuCount,
            Double gpuHours,
            Double wallClockHours,
            BigDecimal trainingCostUsd,
            Double overheadGpuHours,
            BigDecimal overheadUsd,
            SeedBand seedBand,
            Boolean withinSeedBand,
            String seedBandNote,
            BigDecimal labelingUsd,
            BigDecimal evaluationUsd,
            BigDecimal upfrontUsd,
            BigDecimal retrainUsdPerWeek,
            BigDecimal afterUsdPerCall,
            BigDecimal afterUsdPerWeek,
            BigDecimal savingsUsdPerWeek,
            Double breakEvenWeeks,
            String breakEvenStatus,
            String formula,
            List<String> catalogEntries) {
        public MethodCost {
            catalogEntries = List.copyOf(catalogEntries);
        }
    }

    /**
     * Inference cost before and after tuning.
     *
     * @param callsPerWeek calls per week at today's traffic
     * @param beforeUsdPerCall today's cost per call
     * @param beforeUsdPerWeek today's cost per week
     * @param afterUsdPerCall cost per call on the tuned model of {@code afterMethod}
     * @param afterUsdPerWeek the same per week
     * @param afterMethod the method the "after" figures are for
     * @param savedPrefillTokensPerCall prefill tokens saved per call
     * @param beforeFormula how the "before" figure was computed
     * @param afterFormula how the "after" figure was computed
     * @param catalogEntries the catalog entries used
     */
    public record Inference(
            Double callsPerWeek,
            BigDecimal beforeUsdPerCall,
            BigDecimal beforeUsdPerWeek,
            BigDecimal afterUsdPerCall,
            BigDecimal afterUsdPerWeek,
            Method afterMethod,
            Long savedPrefillTokensPerCall,
            String beforeFormula,
            String afterFormula,
            List<String> catalogEntries) {
        public Inference {
            catalogEntries = List.copyOf(catalogEntries);
        }
    }

    /** The figures of FT-ONPREM's context fit. */
    public record ContextFit(Long requiredTokens, Long windowTokens, String model, Boolean fits) {}

    /**
     * What the FT-COST verdict is sensitive to: one input varied, the others held.
     *
     * @param input the input, e.g. {@code traffic.callsPerDay}
     * @param unit its unit
     * @param current its value now
     * @param breakEvenAtMinus50 break-even weeks with the input at 50 % of its value (null: never)
     * @param breakEvenAtPlus50 break-even weeks with the input at 150 % (null: never)
     * @param flipValue the value at which the verdict flips (null: no value in the searched range does)
     * @param flipsWhen {@code at or above} or {@code at or below} the flip value (empty when none)
     * @param note the searched range, or why there is no flip
     */
    public record Sensitivity(
            String input,
            String unit,
            double current,
            Double breakEvenAtMinus50,
            Double breakEvenAtPlus50,
            Double flipValue,
            String flipsWhen,
            String note) {}

    /** Cumulative cost lines over weeks, for charts. */
    public record Series(List<Integer> weeks, List<Line> lines) {
        public Series {
            weeks = List.copyOf(weeks);
            lines = List.copyOf(lines);
        }
    }

    /** One line: cumulative USD at the end of each week (week 0: the upfront cost). */
    public record Line(String name, String label, List<BigDecimal> cumulativeUsd) {
        public Line {
            cumulativeUsd = List.copyOf(cumulativeUsd);
        }
    }

    /** A catalog entry used, with its age at the run date ({@code ageDays} null when undated). */
    public record CatalogUse(String id, String asOf, String source, String origin, Long ageDays, boolean stale) {}

    /** A figure that could not be computed and the input that would settle it. */
    public record Unknown(String figure, String settledBy) {}
}
