package dev.tunegate.pilot;

import java.time.LocalDate;

/**
 * One dated KPI measurement of the pilot (docs/formats/pilot-checkpoints.md).
 *
 * @param date the day the period ends, ISO {@code YYYY-MM-DD}
 * @param line the line of the checkpoint file it came from (1-based)
 * @param calls calls served in the period since the previous checkpoint
 * @param adoption share of eligible users who used it in the period (0–1), or null when not measured
 * @param latencyP95Ms p95 response latency in the period, ms, or null
 * @param unitCostUsd cost per call in the period, USD, or null
 * @param processKpi the process KPI named by {@code pilot.processKpi}, or null
 */
public record Checkpoint(
        String date,
        long line,
        long calls,
        Double adoption,
        Double latencyP95Ms,
        Double unitCostUsd,
        Double processKpi) {
    /** The date as a day. */
    public LocalDate day() {
        return LocalDate.parse(date);
    }
}
