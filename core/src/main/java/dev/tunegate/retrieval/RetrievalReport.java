package dev.tunegate.retrieval;

import dev.tunegate.evidence.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the retrieval audit found. Serialised as JSON by {@code tunegate retrieval --format json}
 * and kept in the decision record. Metrics are means over the questions with at least one relevant
 * judgment; absent ones are null.
 *
 * @param parameters what the audit ran with
 * @param evaluated what produced the rankings: {@code built-in index} or {@code run: <file>}
 * @param documents usable documents in the corpus
 * @param chunks chunks indexed
 * @param questions golden questions read
 * @param judgedQuestions questions with at least one relevant judgment (the metrics' denominator)
 * @param recallAtK mean recall at 1, 3, 5, 10 and k, keyed by the cutoff
 * @param mrr mean reciprocal rank
 * @param ndcgAt10 mean nDCG@10 (trec_eval's ndcg_cut.10)
 * @param intervals 95 % intervals of the means, keyed {@code recall@k}, {@code mrr}, {@code ndcg@10}
 * @param documentsWithoutGroups documents nobody restricted (0 when documents are declared public)
 * @param aclFindings those documents, at most 1,000 listed
 * @param leaks top-k results a principal may not read, in the rankings evaluated (blockers)
 * @param unfilteredExposure what the same questions would return without the group filter
 * @param anonymous what a principal with no groups sees
 * @param goldenSetProblems problems of the golden set that make metrics misleading
 * @param medianChangeIntervalDays the median days between updates used as evidence: of the documents
 *        the golden questions need when they have a history, else of the whole corpus
 * @param changeIntervals the change-history detail behind it
 * @param contextTokensP50 median tokens of the top-k chunks a question retrieves
 * @param contextTokensP95 95th percentile of the same
 * @param perQuestion every question's metrics and top-k results
 * @param misses questions whose top k missed a relevant document, worst first
 * @param findings bad documents, questions and run lines that were skipped or repaired
 * @param index the index used (null when an external run was evaluated)
 * @param timings wall-clock milliseconds of each stage (empty in a {@link #reproducible()} report)
 */
public record RetrievalReport(
        Parameters parameters,
        String evaluated,
        int documents,
        int chunks,
        int questions,
        int judgedQuestions,
        Map<String, Double> recallAtK,
        Double mrr,
        Double ndcgAt10,
        Map<String, Interval> intervals,
        int documentsWithoutGroups,
        List<AclFinding> aclFindings,
        List<Leak> leaks,
        Exposure unfilteredExposure,
        AnonymousView anonymous,
        List<GoldenSetProblem> goldenSetProblems,
        Double medianChangeIntervalDays,
        ChangeIntervals changeIntervals,
        Integer contextTokensP50,
        Integer contextTokensP95,
        List<QuestionResult> perQuestion,
        List<Miss> misses,
        List<Finding> findings,
        IndexInfo index,
        Map<String, Long> timings) {

    public RetrievalReport {
        recallAtK = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recallAtK));
        intervals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(intervals));
        aclFindings = List.copyOf(aclFindings);
        leaks = List.copyOf(leaks);
        goldenSetProblems = List.copyOf(goldenSetProblems);
        perQuestion = List.copyOf(perQuestion);
        misses = List.copyOf(misses);
        findings = List.copyOf(findings);
        timings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }

    /**
     * This report without what changes from run to run of the same inputs — timings and whether the
     * index was rebuilt — so a decision record that embeds it is reproducible.
     */
    public RetrievalReport reproducible() {
        return new RetrievalReport(
                parameters,
                evaluated,
                documents,
                chunks,
                questions,
                judgedQuestions,
                recallAtK,
                mrr,
                ndcgAt10,
                intervals,
                documentsWithoutGroups,
                aclFindings,
                leaks,
                unfilteredExposure,
                anonymous,
                goldenSetProblems,
                medianChangeIntervalDays,
                changeIntervals,
                contextTokensP50,
                contextTokensP95,
                perQuestion,
                misses,
                findings,
                index == null ? null : new IndexInfo(index.path(), null, index.digest()),
                Map.of());
    }

    /** recall@k at the configured k, or null. */
    public Double recallAtConfiguredK() {
        return recallAtK.get(Integer.toString(parameters.k()));
    }

    /**
     * The audit's parameters.
     *
     * @param corpus the corpus path (or null)
     * @param golden the golden questions file (or null)
     * @param run the external run (or null)
     * @param qrels the TREC qrels (or null)
     * @param k results a call retrieves
     * @param chunkTokens maximum chunk size in o200k_base tokens
     * @param chunkOverlap overlap of split sections in tokens
     * @param publicDocuments whether documents without groups are public on purpose
     * @param seed seed of the bootstrap intervals
     * @param bootstrapResamples resamples of the bootstrap intervals
     */
    public record Parameters(
            String corpus,
            String golden,
            String run,
            String qrels,
            int k,
            int chunkTokens,
            int chunkOverlap,
            boolean publicDocuments,
            long seed,
            int bootstrapResamples) {}

    /** A 95 % interval of a mean and how it was computed. */
    public record Interval(double low, double high, String method) {}

    /** A document without groups. */
    public record AclFinding(String document, String file, long line, String message) {}

    /**
     * A result a principal may not read.
     *
     * @param question the question id
     * @param document the document returned
     * @param rank its rank (1-based) in the top k
     * @param documentGroups the groups allowed to read it
     * @param principalGroups the groups of the principal who asked
     * @param retriever what returned it ({@code built-in index}, {@code run: file}, {@code unfiltered index})
     */
    public record Leak(
            String question,
            String document,
            int rank,
            List<String> documentGroups,
            List<String> principalGroups,
            String retriever) {
        public Leak {
            documentGroups = List.copyOf(documentGroups);
            principalGroups = List.copyOf(principalGroups);
        }
    }

    /**
     * What the questions with a principal would see if the index did not filter by groups.
     *
     * @param questionsChecked questions with a principal searched unfiltered
     * @param questionsExposed questions whose unfiltered top k holds a document outside their groups
     * @param results such results in total
     * @param examples the first of them (at most 20)
     */
    public record Exposure(int questionsChecked, int questionsExposed, int results, List<Leak> examples) {
        public Exposure {
            examples = List.copyOf(examples);
        }
    }

    /**
     * What a principal with no groups sees.
     *
     * @param questions questions searched as anonymous
     * @param questionsWithResults those that returned anything
     * @param documentsSeen distinct documents returned (at most 50 listed)
     * @param documentsSeenCount how many distinct documents in total
     */
    public record AnonymousView(
            int questions, int questionsWithResults, List<String> documentsSeen, int documentsSeenCount) {
        public AnonymousView {
            documentsSeen = List.copyOf(documentsSeen);
        }
    }

    /**
     * A problem of the golden set.
     *
     * @param kind a stable code: {@code JUDGED_NOT_IN_CORPUS}, {@code QUESTIONS_WITHOUT_JUDGMENTS},
     *        {@code IDS_SHIFTED}, {@code IDS_PREFIXED}, {@code IDS_SUFFIXED}, {@code IDS_CASE},
     *        {@code JUDGMENTS_SHIFTED}, {@code QUESTIONS_WITHOUT_TEXT}, {@code QUESTIONS_NOT_IN_RUN},
     *        {@code RUN_NOT_IN_CORPUS}, {@code QUESTIONS_WITHOUT_PRINCIPAL}
     * @param message what is wrong, with counts
     * @param suggestion what to do
     * @param count how many ids or questions it concerns
     * @param examples some of them
     */
    public record GoldenSetProblem(String kind, String message, String suggestion, int count, List<String> examples) {
        /** What marks a message whose problem makes the metrics look near zero for the wrong reason. */
        static final String LOUD = "LOUD: ";

        public GoldenSetProblem {
            examples = List.copyOf(examples);
        }

        /** Whether it makes the metrics look near zero for the wrong reason (its message starts with "LOUD: "). */
        public boolean loud() {
            return message.startsWith(LOUD);
        }

        /** The message as a sentence for people: without the "LOUD: " marker of the JSON's message. */
        public String sentence() {
            return loud() ? message.substring(LOUD.length()) : message;
        }
    }

    /**
     * How often the documents change, from their update histories.
     *
     * @param documentsWithHistory documents with two or more update dates
     * @param medianDaysAll median days between consecutive updates, all documents (null: no history)
     * @param medianDaysGolden the same for the documents judged relevant to a golden question
     * @param intervals intervals pooled over all documents
     * @param method how it is computed
     */
    public record ChangeIntervals(
            int documentsWithHistory, Double medianDaysAll, Double medianDaysGolden, int intervals, String method) {}

    /** A ranked document with its score (null when the run gives none) and judged grade (null: not judged). */
    public record RankedDocument(String document, Double score, Integer grade) {}

    /**
     * One question's result.
     *
     * @param id the question id
     * @param principalGroups the principal's groups (null: the question has no principal and ran unfiltered)
     * @param relevant judged relevant documents
     * @param recall recall at 1, 3, 5, 10, k (null values when nothing is relevant)
     * @param reciprocalRank 1/rank of the first relevant document
     * @param ndcgAt10 nDCG@10
     * @param contextTokens tokens of the top-k chunks (null when not known)
     * @param results the top k documents
     */
    public record QuestionResult(
            String id,
            List<String> principalGroups,
            int relevant,
            Map<String, Double> recall,
            Double reciprocalRank,
            Double ndcgAt10,
            Integer contextTokens,
            List<RankedDocument> results) {
        public QuestionResult {
            principalGroups = principalGroups == null ? null : List.copyOf(principalGroups);
            recall = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recall));
            results = List.copyOf(results);
        }
    }

    /**
     * A question whose top k missed relevant documents.
     *
     * @param id the question id
     * @param question its text
     * @param recallAtK its recall@k
     * @param expected the relevant documents
     * @param missing those not in the top k
     * @param returned the top k with scores
     */
    public record Miss(
            String id,
            String question,
            double recallAtK,
            List<String> expected,
            List<String> missing,
            List<RankedDocument> returned) {
        public Miss {
            expected = List.copyOf(expected);
            missing = List.copyOf(missing);
            returned = List.copyOf(returned);
        }
    }

    /**
     * The index used.
     *
     * @param path its folder
     * @param rebuilt whether this run (re)built it (null in a {@link #reproducible()} report)
     * @param digest the digest it was built from
     */
    public record IndexInfo(String path, Boolean rebuilt, String digest) {}
}
