package dev.tunegate.cost;

import java.math.BigDecimal;

/**
 * A provider's fine-tuning offer for a model.
 *
 * @param status offered, not offered or withdrawn
 * @param trainingPerMTok USD per million training tokens (tokens × epochs); null unless offered
 * @param tunedInputPerMTok USD per million input tokens on the tuned model; null unless offered
 * @param tunedOutputPerMTok USD per million output tokens on the tuned model; null unless offered
 * @param note a short explanation (why not offered, when withdrawn); may be empty
 */
public record FineTuningPrice(
        FineTuningStatus status,
        BigDecimal trainingPerMTok,
        BigDecimal tunedInputPerMTok,
        BigDecimal tunedOutputPerMTok,
        String note) {
    public FineTuningPrice {
        note = note == null ? "" : note;
    }

    public boolean offered() {
        return status == FineTuningStatus.OFFERED;
    }
}
