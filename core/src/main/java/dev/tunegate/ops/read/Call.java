package dev.tunegate.ops.read;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One production call, whatever log it came from (docs/formats/call-log.md).
 *
 * @param ts when the call was made
 * @param query the user's question
 * @param answer the answer given, or null
 * @param refused whether the system declined to answer
 * @param retrieved the documents the retriever returned, best first; null when the log does not record them (a CSV
 *     without a {@code retrieved} column): the call's retrieval is then not measured, not empty
 * @param groups the caller's access groups; null when the log does not record them (access control not checked)
 * @param user the caller (for adoption), or null
 * @param latencyMs end-to-end latency, or null
 * @param costUsd the call's cost, or null
 * @param feedback the user's feedback, or null
 * @param model the model (or adapter) version that answered, or null
 * @param where {@code file:line} of the call in its log
 */
public record Call(
        Instant ts,
        String query,
        String answer,
        boolean refused,
        List<Retrieved> retrieved,
        List<String> groups,
        String user,
        Double latencyMs,
        Double costUsd,
        Feedback feedback,
        String model,
        String where) {
    public Call {
        retrieved = retrieved == null ? null : List.copyOf(retrieved);
        groups = groups == null ? null : List.copyOf(groups);
    }

    /** The best retrieval score, or NaN when nothing was retrieved (or the log does not say). */
    public double topScore() {
        double best = Double.NaN;
        if (retrieved == null) return best;
        for (Retrieved r : retrieved) if (Double.isNaN(best) || r.score() > best) best = r.score();
        return best;
    }

    /**
     * A retrieved document.
     *
     * @param id the document id (as in the corpus when there is one)
     * @param score the retriever's score
     * @param updated when the document was last updated, if the log says; else null
     */
    public record Retrieved(String id, double score, LocalDate updated) {}

    /** A user's thumbs up or down. */
    public enum Feedback {
        UP,
        DOWN
    }
}
