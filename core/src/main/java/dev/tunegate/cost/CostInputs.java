package dev.tunegate.cost;

import java.math.BigDecimal;
import java.util.List;

/**
 * Everything the cost model computes from. A null field is an input nobody measured or configured:
 * the figures that need it are unknown, never zero.
 *
 * @param todayPromptTokens tokens of today's system prompt plus few-shot examples, per call
 * @param tunedPromptTokens tokens of the instruction that remains after tuning, per call
 * @param ragContextTokens RAG context tokens per call (0 when the use case has no retrieval)
 * @param inputTokensPerCall user input tokens per call
 * @param outputTokensPerCall output tokens per call
 * @param trainingTokensPerEpoch training tokens per epoch
 * @param trainingRows rows of the training set (epoch heuristic and labeling cost)
 * @param callsPerDay calls per day today
 * @param growthPerMonth monthly traffic growth as a fraction
 * @param current today's model
 * @param candidate the base model a fine-tune starts from (size and context window)
 * @param epochs configured epochs; null: OpenAI's data-prep heuristic from the row count
 * @param retrainEveryWeeks retrain cadence in weeks
 * @param labelingCostPerRow USD to review one row
 * @param evaluationCostUsd USD of one evaluation round
 * @param gpu the GPU type to train on; null: the cheapest that fits
 * @param mfu model FLOPs utilisation assumed for training
 * @param tunedModelSelfHosted whether the tuned model must run self-hosted ({@code model.hosting})
 * @param onPremInference whether inference must run on premises
 * @param dataMayLeavePerimeter whether training data may be sent to a provider
 * @param gpus the GPU types of the catalog
 * @param sequenceTokensP95 p95 tokens of a training example (activation memory); null: unknown, 4,096 assumed
 * @param runOverheadHours fixed wall-clock hours of every GPU training run besides its token passes (provisioning,
 *     downloading and loading the base weights, the evaluation pass, saving the result), billed on each GPU of the
 *     run ({@code training.runOverheadHours}; its default lives in the config schema; docs/formats/cost.md)
 */
public record CostInputs(
        Long todayPromptTokens,
        Long tunedPromptTokens,
        Long ragContextTokens,
        Long inputTokensPerCall,
        Long outputTokensPerCall,
        Double trainingTokensPerEpoch,
        Long trainingRows,
        Double callsPerDay,
        double growthPerMonth,
        ModelPrice current,
        ModelPrice candidate,
        Integer epochs,
        int retrainEveryWeeks,
        BigDecimal labelingCostPerRow,
        BigDecimal evaluationCostUsd,
        String gpu,
        double mfu,
        boolean tunedModelSelfHosted,
        boolean onPremInference,
        boolean dataMayLeavePerimeter,
        List<GpuPrice> gpus,
        Long sequenceTokensP95,
        double runOverheadHours) {
    public CostInputs {
        if (!(runOverheadHours >= 0))
            throw new IllegalArgumentException("runOverheadHours: expected ≥ 0, found " + runOverheadHours);
        gpus = List.copyOf(gpus);
        if (labelingCostPerRow == null) labelingCostPerRow = BigDecimal.ZERO;
        if (evaluationCostUsd == null) evaluationCostUsd = BigDecimal.ZERO;
    }

    public CostInputs withCallsPerDay(double v) {
        return new CostInputs(
                todayPromptTokens,
                tunedPromptTokens,
                ragContextTokens,
                inputTokensPerCall,
                outputTokensPerCall,
                trainingTokensPerEpoch,
                trainingRows,
                v,
                growthPerMonth,
                current,
                candidate,
                epochs,
                retrainEveryWeeks,
                labelingCostPerRow,
                evaluationCostUsd,
                gpu,
                mfu,
                tunedModelSelfHosted,
                onPremInference,
                dataMayLeavePerimeter,
                gpus,
                sequenceTokensP95,
                runOverheadHours);
    }

    public CostInputs withTodayPromptTokens(long v) {
        return new CostInputs(
                v,
                tunedPromptTokens,
                ragContextTokens,
                inputTokensPerCall,
                outputTokensPerCall,
                trainingTokensPerEpoch,
                trainingRows,
                callsPerDay,
                growthPerMonth,
                current,
                candidate,
                epochs,
                retrainEveryWeeks,
                labelingCostPerRow,
                evaluationCostUsd,
                gpu,
                mfu,
                tunedModelSelfHosted,
                onPremInference,
                dataMayLeavePerimeter,
                gpus,
                sequenceTokensP95,
                runOverheadHours);
    }

    public CostInputs withCurrent(ModelPrice m) {
        return new CostInputs(
                todayPromptTokens,
                tunedPromptTokens,
                ragContextTokens,
                inputTokensPerCall,
                outputTokensPerCall,
                trainingTokensPerEpoch,
                trainingRows,
                callsPerDay,
                growthPerMonth,
                m,
                candidate,
                epochs,
                retrainEveryWeeks,
                labelingCostPerRow,
                evaluationCostUsd,
                gpu,
                mfu,
                tunedModelSelfHosted,
                onPremInference,
                dataMayLeavePerimeter,
                gpus,
                sequenceTokensP95,
                runOverheadHours);
    }

    public CostInputs withEpochs(int v) {
        return new CostInputs(
                todayPromptTokens,
                tunedPromptTokens,
                ragContextTokens,
                inputTokensPerCall,
                outputTokensPerCall,
                trainingTokensPerEpoch,
                trainingRows,
                callsPerDay,
                growthPerMonth,
                current,
                candidate,
                v,
                retrainEveryWeeks,
                labelingCostPerRow,
                evaluationCostUsd,
                gpu,
                mfu,
                tunedModelSelfHosted,
                onPremInference,
                dataMayLeavePerimeter,
                gpus,
                sequenceTokensP95,
                runOverheadHours);
    }

    public CostInputs withRetrainEveryWeeks(int v) {
        return new CostInputs(
                todayPromptTokens,
                tunedPromptTokens,
                ragContextTokens,
                inputTokensPerCall,
                outputTokensPerCall,
                trainingTokensPerEpoch,
                trainingRows,
                callsPerDay,
                growthPerMonth,
                current,
                candidate,
                epochs,
                v,
                labelingCostPerRow,
                evaluationCostUsd,
                gpu,
                mfu,
                tunedModelSelfHosted,
                onPremInference,
                dataMayLeavePerimeter,
                gpus,
                sequenceTokensP95,
                runOverheadHours);
    }

    public CostInputs withLabelingCostPerRow(BigDecimal v) {
        return new CostInputs(
                todayPromptTokens,
                tunedPromptTokens,
                ragContextTokens,
                inputTokensPerCall,
                outputTokensPerCall,
                trainingTokensPerEpoch,
                trainingRows,
                callsPerDay,
                growthPerMonth,
                current,
                candidate,
                epochs,
                retrainEveryWeeks,
                v,
                evaluationCostUsd,
                gpu,
                mfu,
                tunedModelSelfHosted,
                onPremInference,
                dataMayLeavePerimeter,
                gpus,
                sequenceTokensP95,
                runOverheadHours);
    }

    public CostInputs withGpus(List<GpuPrice> v) {
        return new CostInputs(
                todayPromptTokens,
                tunedPromptTokens,
                ragContextTokens,
                inputTokensPerCall,
                outputTokensPerCall,
                trainingTokensPerEpoch,
                trainingRows,
                callsPerDay,
                growthPerMonth,
                current,
                candidate,
                epochs,
                retrainEveryWeeks,
                labelingCostPerRow,
                evaluationCostUsd,
                gpu,
                mfu,
                tunedModelSelfHosted,
                onPremInference,
                dataMayLeavePerimeter,
                v,
                sequenceTokensP95,
                runOverheadHours);
    }
}
