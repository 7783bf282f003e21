package dev.tunegate.ops;

import dev.tunegate.evals.stats.Interval;
import dev.tunegate.ops.read.CallLogReader;
import java.util.List;

/**
 * The weekly review (docs/formats/ops-weekly.md); its JSON is stored as {@code ops/weekly/YYYY-Www.json}.
 *
 * @param week the ISO week reviewed
 * @param from its first day (Monday, UTC)
 * @param to its last day
 * @param dryRun whether nothing was written ({@code --dry-run}): the backlog's {@code written} and the queued
 *     counts then say what a run would write and queue
 * @param logs what was read from each log
 * @param problems lines that could not be used ({@code file:line: …}), the first {@value WeeklyReview#MAX_PROBLEMS_LISTED}
 * @param problemCount all such lines
 * @param calls calls in the week
 * @param refused refused calls in the week
 * @param refusedRate their share, with its interval
 * @param previousWeek the week before, for comparison (null when the logs have none)
 * @param refusedTopics refused queries grouped into topics, largest first
 * @param lowScoreRetrievals calls in the week whose top retrieval score is below the threshold (or that retrieved nothing)
 * @param callsWithRetrieval calls in the week whose log records the retrieved documents (the low-score share's
 *     denominator; 0: not measurable, e.g. a CSV log without a {@code retrieved} column)
 * @param lowScoreThreshold the threshold and where it comes from
 * @param lowScoreTopics those calls' queries grouped into topics
 * @param backlog one entry per topic of at least {@code ops.minTopicSize} calls, as written to the backlog
 * @param negativeFeedback calls with negative feedback in the week
 * @param failuresQueued of them, appended to the review queue now (on a dry run: that a run would append)
 * @param failuresAlreadyQueued of them, already in the queue from an earlier run
 * @param reviewQueue the review queue file
 * @param kpis KPIs week over week, and the week's checks against the pilot's targets and guardrails
 * @param owners who owns what
 * @param clustering how topics were formed
 */
public record WeeklyReport(
        String week,
        String from,
        String to,
        boolean dryRun,
        List<CallLogReader.FileSummary> logs,
        List<String> problems,
        long problemCount,
        long calls,
        long refused,
        Interval refusedRate,
        WeekKpis previousWeek,
        List<Topic> refusedTopics,
        long lowScoreRetrievals,
        long callsWithRetrieval,
        Threshold lowScoreThreshold,
        List<Topic> lowScoreTopics,
        List<BacklogItem> backlog,
        long negativeFeedback,
        long failuresQueued,
        long failuresAlreadyQueued,
        String reviewQueue,
        Kpis kpis,
        Owners owners,
        String clustering) {

    /**
     * A topic of queries.
     *
     * @param id stable id (digest of the normalised representative)
     * @param size calls in the topic
     * @param representative the topic's most frequent normalised query
     * @param examples up to three distinct queries as asked
     * @param documents what the retriever returned for the topic: id, calls, mean score (ids only)
     * @param groups the callers' access groups (most frequent set); null when the log does not record them (then
     *     access control is not checked)
     * @param retrievalLogged whether the log records the retrieved documents of any of its calls
     * @param medianTopScore the median of the calls' best retrieval scores (null when nothing was retrieved)
     * @param type the backlog entry type the topic calls for
     * @param hiddenDocuments documents that answer the topic but the callers' groups cannot see (ids only)
     */
    public record Topic(
            String id,
            long size,
            String representative,
            List<String> examples,
            List<DocumentHits> documents,
            List<String> groups,
            boolean retrievalLogged,
            Double medianTopScore,
            BacklogType type,
            List<String> hiddenDocuments) {}

    /** A document the retriever returned for a topic. */
    public record DocumentHits(String id, long calls, double meanScore, String lastUpdated) {}

    /** The low-score threshold: its value, its source ({@code configured}, {@code calibrated}, {@code default}) and how. */
    public record Threshold(double value, String source, String method) {}

    /**
     * A backlog entry as this review wrote it (or found it unchanged); {@code written}: a line was appended for it
     * (on a dry run: would be).
     */
    public record BacklogItem(
            String id,
            BacklogType type,
            String topic,
            long size,
            String owner,
            List<String> documents,
            String firstSeen,
            int weeks,
            String status,
            boolean written) {}

    /** The KPIs of one week. */
    public record WeekKpis(
            String week,
            long calls,
            long refused,
            Interval refusedRate,
            long lowScore,
            long callsWithRetrieval,
            Interval lowScoreRate,
            long feedbackUp,
            long feedbackDown,
            Interval answerQuality,
            long distinctUsers,
            Interval adoption,
            Interval latencyP50Ms,
            Interval latencyP95Ms,
            Interval costPerCallUsd) {}

    /** Every week of the logs, oldest first, and the reviewed week's checks. */
    public record Kpis(List<WeekKpis> weeks, List<KpiCheck> checks) {}

    /**
     * A KPI against a pilot target or guardrail.
     *
     * @param kpi its name
     * @param key the tunegate.yaml key of the target
     * @param kind {@code target} (at least) or {@code guardrail} (at most)
     * @param limit the target's value
     * @param value the week's estimate (null when not measured)
     * @param status {@code met}, {@code missed}, {@code unclear} (the interval straddles the limit) or {@code unmeasured}
     * @param previous last week's estimate, or null
     */
    public record KpiCheck(
            String kpi,
            String key,
            String kind,
            double limit,
            Double value,
            Double low,
            Double high,
            String status,
            Double previous) {}

    /** The owners named on backlog entries. */
    public record Owners(String business, String technical) {}
}
