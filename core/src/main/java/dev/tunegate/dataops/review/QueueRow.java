package dev.tunegate.dataops.review;

import dev.tunegate.audit.read.Example;
import dev.tunegate.dataops.RowDigests;

/**
 * A candidate row waiting for (or past) human review.
 *
 * @param source where it is: {@code file:line}
 * @param example the row (its output is the draft a reviewer approves, edits or rejects)
 * @param why why it is in the queue (a production failure's reason, "LLM draft", …)
 * @param when when the failure happened (ISO-8601), or null
 * @param badOutput the output that failed in production, or null
 * @param digest the row's content digest ({@link RowDigests#content}): its identity in the review log
 */
public record QueueRow(String source, Example example, String why, String when, String badOutput, String digest) {

    public static QueueRow of(String source, Example example, String why, String when, String badOutput) {
        return new QueueRow(source, example, why, when, badOutput, RowDigests.content(example));
    }

    /** Whether the draft is the very output that failed in production (approving it would teach the failure). */
    public boolean draftIsBadOutput() {
        return badOutput != null && badOutput.strip().equals(example.output().strip());
    }
}
