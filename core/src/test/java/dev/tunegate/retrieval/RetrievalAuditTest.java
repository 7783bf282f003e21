package dev.tunegate.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tunegate.analysis.Progress;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import dev.tunegate.retrieval.RetrievalReport.Leak;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalAuditTest {
    @TempDir
    Path dir;

    Path docs;
    Path questions;

    @BeforeEach
    void corpus() throws IOException {
        docs = dir.resolve("docs.jsonl");
        Files.writeString(docs, """
                {"id": "hr-1", "title": "Parental leave", "text": "Parental leave is sixteen weeks, fully paid.", "groups": ["hr", "all-staff"], "updated": ["2025-01-06", "2025-01-13", "2025-01-20"]}
                {"id": "hr-2", "title": "Salary bands", "text": "Salary bands per level: L3 to L7 ranges.", "groups": ["hr-managers"], "updated": ["2025-01-01", "2025-04-01"]}
                {"id": "it-1", "title": "VPN setup", "text": "Install the VPN client. Error code 809 means the firewall blocks the VPN.", "groups": ["it", "all-staff"], "updated": []}
                {"id": "pub-1", "title": "Office hours", "text": "The office opening hours are eight to six.", "groups": [], "updated": []}
                {"id": "fin-1", "title": "Expenses", "text": "Expense reimbursement is paid within thirty days.", "groups": ["finance", "all-staff"], "updated": []}
                """);
        questions = dir.resolve("questions.jsonl");
        Files.writeString(questions, """
                {"id": "q1", "question": "How many weeks of parental leave?", "relevant": ["hr-1"], "groups": ["all-staff"]}
                {"id": "q2", "question": "What are the salary bands per level?", "relevant": ["hr-2"], "groups": ["all-staff"]}
                {"id": "q3", "question": "VPN error code 809", "relevant": {"it-1#0": 2}, "groups": ["it"]}
                {"id": "q4", "question": "office opening hours", "relevant": ["pub-1"], "groups": ["all-staff"]}
                {"id": "q5", "question": "no judgments here", "groups": ["all-staff"]}
                """);
    }

    private RetrievalAudit.Request request() {
        return RetrievalAudit.Request.standalone(docs, questions, null, null, 3).withIndexFolder(dir.resolve("index"));
    }

    @Test
    void everySearchRunsAsItsPrincipalSoDocumentsOutsideItsGroupsNeverComeBack() {
        RetrievalReport r = RetrievalAudit.run(request(), Progress.SILENT);
        assertThat(r.documents()).isEqualTo(5);
        assertThat(r.questions()).isEqualTo(5);
        assertThat(r.judgedQuestions()).isEqualTo(4);
        assertThat(r.leaks()).isEmpty();
        // q2 asks as all-staff for an hr-managers document: filtered out, so it is a miss, not a leak
        assertThat(r.perQuestion().get(1).results())
                .extracting(RetrievalReport.RankedDocument::document)
                .doesNotContain("hr-2");
        // q1 and q3 find their document first (q3 judged on a chunk id, which counts for its document)
        // q2 and q4 cannot: recall@3 = (1 + 0 + 1 + 0) / 4 = 0.5; MRR = (1 + 0 + 1 + 0) / 4 = 0.5
        assertThat(r.recallAtK()).containsEntry("3", 0.5).containsKeys("1", "3", "5", "10");
        assertThat(r.mrr()).isEqualTo(0.5);
        // nDCG@10 per question: 1, 0, 1, 0 → 0.5
        assertThat(r.ndcgAt10()).isEqualTo(0.5);
        assertThat(r.misses()).extracting(RetrievalReport.Miss::id).containsExactly("q2", "q4");
        assertThat(r.misses().get(0).missing()).containsExactly("hr-2");
    }

    @Test
    void theUnfilteredIndexShowsWhatWouldLeakAndAnAnonymousUserSeesNothing() {
        RetrievalReport r = RetrievalAudit.run(request(), Progress.SILENT);
        assertThat(r.unfilteredExposure().questionsChecked()).isEqualTo(5);
        assertThat(r.unfilteredExposure().examples())
                .extracting(Leak::question, Leak::document)
                .contains(org.assertj.core.groups.Tuple.tuple("q2", "hr-2"));
        assertThat(r.anonymous().questionsWithResults()).isZero();
        assertThat(r.documentsWithoutGroups()).isEqualTo(1);
        assertThat(r.aclFindings())
                .extracting(RetrievalReport.AclFinding::document)
                .containsExactly("pub-1");
    }

    @Test
    void publicDocumentsAreVisibleToEveryoneAndNoLongerAFinding() {
        RetrievalReport r = RetrievalAudit.run(request().withPublicDocuments(true), Progress.SILENT);
        assertThat(r.documentsWithoutGroups()).isZero();
        assertThat(r.anonymous().documentsSeen()).containsExactly("pub-1");
        // q4 now finds pub-1: recall@3 = 3 / 4
        assertThat(r.recallAtK()).containsEntry("3", 0.75);
    }

    @Test
    void aRetrieverThatDoesNotFilterIsCaughtByTheLeakCheck() throws IOException {
        // an external run that ignores groups: q2 (all-staff) gets hr-2 (hr-managers) at rank 1
        Path run = dir.resolve("run.trec");
        Files.writeString(run, """
                q1 Q0 hr-1 1 9.0 bm25
                q2 Q0 hr-2 1 8.0 bm25
                q2 Q0 fin-1 2 3.0 bm25
                q3 Q0 it-1 1 7.0 bm25
                q4 Q0 pub-1 1 5.0 bm25
                """);
        RetrievalReport r = RetrievalAudit.run(request().withRun(run), Progress.SILENT);
        assertThat(r.evaluated()).startsWith("run: ");
        assertThat(r.leaks()).hasSize(2);
        Leak leak = r.leaks().get(0);
        assertThat(leak.question()).isEqualTo("q2");
        assertThat(leak.document()).isEqualTo("hr-2");
        assertThat(leak.rank()).isEqualTo(1);
        assertThat(leak.documentGroups()).containsExactly("hr-managers");
        assertThat(leak.principalGroups()).containsExactly("all-staff");
        // pub-1 has no groups and documents are not declared public: returning it is a leak too
        assertThat(r.leaks().get(1).document()).isEqualTo("pub-1");
        assertThat(r.recallAtK()).containsEntry("3", 1.0);
    }

    @Test
    void theIndexIsRebuiltOnlyWhenTheCorpusChangesAndReportsProgress() throws IOException {
        AtomicLong indexed = new AtomicLong();
        Progress counting = (label, total, unit) -> new Progress.Task() {
            @Override
            public void advance(long units, long bytes) {
                if (label.startsWith("indexing")) indexed.addAndGet(units);
            }

            @Override
            public void close() {}
        };
        assertThat(RetrievalAudit.run(request(), counting).index().rebuilt()).isTrue();
        assertThat(indexed.get()).isEqualTo(5);
        assertThat(RetrievalAudit.run(request(), counting).index().rebuilt()).isFalse();
        assertThat(RetrievalAudit.run(request().withChunking(256, 32), counting)
                        .index()
                        .rebuilt())
                .isTrue();
        Files.writeString(docs, Files.readString(docs).replace("sixteen", "eighteen"));
        assertThat(RetrievalAudit.run(request().withChunking(256, 32), counting)
                        .index()
                        .rebuilt())
                .isTrue();
    }

    @Test
    void freshnessAndContextSizeAreMeasured() {
        RetrievalReport r = RetrievalAudit.run(request(), Progress.SILENT);
        // judged documents with a history: hr-1 (7, 7 days) and hr-2 (90 days) → pooled {7, 7, 90}, median 7
        assertThat(r.changeIntervals().medianDaysGolden()).isEqualTo(7.0);
        assertThat(r.medianChangeIntervalDays()).isEqualTo(7.0);
        // nearest rank over the 5 questions: p50 = the 3rd smallest (ceil(0.5 × 5) = 3), p95 = the 5th (ceil(0.95 × 5)
        // = 5)
        List<Integer> tokens = r.perQuestion().stream()
                .map(RetrievalReport.QuestionResult::contextTokens)
                .sorted()
                .toList();
        assertThat(tokens.get(4)).isPositive();
        assertThat(r.contextTokensP50()).isEqualTo(tokens.get(2));
        assertThat(r.contextTokensP95()).isEqualTo(tokens.get(4));
    }

    @Test
    void questionsWithoutJudgmentsAreReportedAndTheJsonHasTheContractFields() throws IOException {
        RetrievalReport r = RetrievalAudit.run(request(), Progress.SILENT);
        assertThat(r.goldenSetProblems())
                .extracting(RetrievalReport.GoldenSetProblem::kind)
                .contains("QUESTIONS_WITHOUT_JUDGMENTS");
        @SuppressWarnings("unchecked")
        Map<String, Object> json = Json.mapper().readValue(Json.pretty(r), Map.class);
        assertThat(json)
                .containsKeys(
                        "documents",
                        "chunks",
                        "questions",
                        "recallAtK",
                        "mrr",
                        "ndcgAt10",
                        "aclFindings",
                        "leaks",
                        "goldenSetProblems",
                        "medianChangeIntervalDays",
                        "contextTokensP50");
    }

    @Test
    void judgmentsWithPrefixedIdsAreReportedLoudlyWithASuggestion() throws IOException {
        Files.writeString(questions, """
                {"id": "q1", "question": "parental leave weeks", "relevant": ["kb/hr-1"], "groups": ["all-staff"]}
                {"id": "q3", "question": "VPN error code 809", "relevant": ["kb/it-1"], "groups": ["it"]}
                """);
        RetrievalReport r = RetrievalAudit.run(request(), Progress.SILENT);
        assertThat(r.recallAtK()).containsEntry("3", 0.0);
        assertThat(r.goldenSetProblems())
                .extracting(RetrievalReport.GoldenSetProblem::kind)
                .contains("JUDGED_NOT_IN_CORPUS", "IDS_PREFIXED");
        RetrievalReport.GoldenSetProblem p = r.goldenSetProblems().stream()
                .filter(x -> x.kind().equals("IDS_PREFIXED"))
                .findFirst()
                .orElseThrow();
        assertThat(p.message()).startsWith("LOUD").contains("\"kb/\"");
        // the sentence people read has no marker; the JSON's message keeps it
        assertThat(p.loud()).isTrue();
        assertThat(p.sentence()).isEqualTo(p.message().substring("LOUD: ".length()));
        assertThat(r.goldenSetProblems().get(0).sentence())
                .startsWith("2 of 2 judged relevant documents are not in the corpus");
        assertThat(p.suggestion()).contains("strip \"kb/\"");
    }

    @Test
    void nothingToAuditIsAOneLineInputError() {
        assertThatThrownBy(() -> RetrievalAudit.run(
                        RetrievalAudit.Request.standalone(null, questions, null, null, 5), Progress.SILENT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nothing to audit");
    }

    @Test
    void qrelsReplaceTheGoldenJudgments() throws IOException {
        Path qrels = dir.resolve("q.qrels");
        Files.writeString(qrels, "q1 0 fin-1 1\nq2 0 hr-1 0\nbroken line\n");
        RetrievalReport r = RetrievalAudit.run(request().withQrels(qrels), Progress.SILENT);
        // q1 now judges fin-1 (not what "parental leave" finds first); q2 has only a grade-0 judgment → unjudged
        assertThat(r.perQuestion().get(0).relevant()).isEqualTo(1);
        assertThat(r.perQuestion().get(1).reciprocalRank()).isNull();
        assertThat(r.findings()).extracting(Finding::kind).contains("INVALID_QREL");
        assertThat(List.of(r.judgedQuestions())).containsExactly(3);
    }

    @Test
    void aQrelsFileAsTheGoldenSetEvaluatesAnExternalRun() throws IOException {
        Path qrels = dir.resolve("golden.qrels");
        Files.writeString(qrels, "q1 0 hr-1 1\nq3 0 it-1 2\n");
        Path run = dir.resolve("run.jsonl");
        Files.writeString(
                run,
                "{\"id\": \"q1\", \"results\": [\"fin-1\", \"hr-1\"]}\n{\"id\": \"q3\", \"results\": [{\"id\": \"it-1#0\", \"score\": 3.5}]}\n");
        RetrievalReport r = RetrievalAudit.run(
                RetrievalAudit.Request.standalone(docs, qrels, run, null, 3).withIndexFolder(dir.resolve("i")),
                Progress.SILENT);
        // q1: hr-1 at rank 2 → RR 1/2; q3: the chunk it-1#0 counts for it-1 at rank 1 → RR 1; MRR = 0.75
        assertThat(r.questions()).isEqualTo(2);
        assertThat(r.mrr()).isEqualTo(0.75);
        assertThat(r.recallAtK()).containsEntry("1", 0.5).containsEntry("3", 1.0);
    }

    @Test
    void chunkJudgmentsCountForTheirDocumentEvenAfterTheChunkingChanged() {
        Map<String, Integer> judged = new java.util.LinkedHashMap<>();
        judged.put("a#0", 1);
        judged.put("a#7", 2);
        judged.put("b", 1);
        judged.put("zzz#1", 1);
        // a#0 is a chunk of a; a#7 no longer exists but a is a document: both count for a, best grade 2
        assertThat(RetrievalAudit.toDocuments(judged, Map.of("a#0", "a"), java.util.Set.of("a", "b")))
                .containsExactly(Map.entry("a", 2), Map.entry("b", 1), Map.entry("zzz#1", 1));
    }
}
