package dev.tunegate.evals;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One item's result in one run, as read from an eval results file.
 *
 * @param run the run (prompt iteration) it belongs to
 * @param iteration the iteration number when the file states one, else null
 * @param timestamp the ISO-8601 timestamp when the file states one, else null
 * @param item the item's stable id (the same item across runs)
 * @param passed whether it passed; null when only a score is known
 * @param score a score (usually in [0, 1]); null when not given
 * @param expected the expected output or label; null when not given
 * @param output the model's output; null when not given
 * @param errorClass the user's error class for a failed item; null to derive one
 * @param finishReason why generation stopped ({@code stop}, {@code length}…), null when unknown
 * @param latencyMs latency in milliseconds, or null
 * @param tokens tokens used, or null
 * @param costUsd cost in USD, or null
 * @param tags free tags (slice, policy era…)
 * @param file the file it was read from (for findings)
 * @param line the 1-based line where the record starts
 */
public record EvalRecord(
        String run,
        Long iteration,
        String timestamp,
        String item,
        Boolean passed,
        Double score,
        String expected,
        String output,
        String errorClass,
        String finishReason,
        Double latencyMs,
        Long tokens,
        Double costUsd,
        Map<String, String> tags,
        String file,
        long line) {
    public EvalRecord {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(item, "item");
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
        file = file == null ? "" : file;
    }

    /** {@code file:line} for findings. */
    public String location() {
        return line > 0 ? file + ":" + line : file;
    }

    /** A copy with {@code passed} set. */
    public EvalRecord withPassed(Boolean p) {
        return new EvalRecord(
                run,
                iteration,
                timestamp,
                item,
                p,
                score,
                expected,
                output,
                errorClass,
                finishReason,
                latencyMs,
                tokens,
                costUsd,
                tags,
                file,
                line);
    }

    /** A copy in another run (used when a file holds a single unnamed run). */
    public EvalRecord withRun(String r) {
        return new EvalRecord(
                r,
                iteration,
                timestamp,
                item,
                passed,
                score,
                expected,
                output,
                errorClass,
                finishReason,
                latencyMs,
                tokens,
                costUsd,
                tags,
                file,
                line);
    }
}
