package dev.tunegate.ops;

import dev.tunegate.analysis.Progress;
import dev.tunegate.io.Digests;
import dev.tunegate.retrieval.ChunkHit;
import dev.tunegate.retrieval.ChunkIndex;
import dev.tunegate.retrieval.Corpus;
import dev.tunegate.retrieval.Document;
import dev.tunegate.retrieval.GoldenQuestion;
import dev.tunegate.retrieval.GoldenSet;
import dev.tunegate.retrieval.HeadingChunker;
import dev.tunegate.retrieval.Principal;
import dev.tunegate.retrieval.RetrievalAudit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workspace's retrieval corpus as the weekly review uses it: document metadata (groups, update dates)
 * for access-control gaps and staleness, the built-in index (the retrieval audit's, same cache) to ask
 * whether a relevant document exists that a caller cannot see, and the calibration of the low-score
 * threshold from the golden questions.
 */
public final class RetrievalContext implements AutoCloseable {
    /** Share of golden questions' found relevant documents allowed to score below the calibrated threshold. */
    public static final double CALIBRATION_QUANTILE = 0.10;

    private final Map<String, Document> documents;
    private final ChunkIndex index;
    private final boolean publicDocuments;
    private final Calibration calibration;

    private RetrievalContext(
            Map<String, Document> documents, ChunkIndex index, boolean publicDocuments, Calibration calibration) {
        this.documents = documents;
        this.index = index;
        this.publicDocuments = publicDocuments;
        this.calibration = calibration;
    }

    /**
     * The threshold calibrated from the golden questions.
     *
     * @param threshold the score under which golden questions' relevant documents are rarely found
     * @param questions golden questions with relevant documents
     * @param found of them, those whose relevant document the built-in index ranked in the top k
     * @param k the cutoff
     * @param method how it was computed, in a sentence
     */
    public record Calibration(double threshold, int questions, int found, int k, String method) {}

    /** No corpus: nothing to look up. */
    public static RetrievalContext none() {
        return new RetrievalContext(Map.of(), null, false, null);
    }

    /** Opens the workspace's corpus and index; without {@code retrieval.corpus}, {@link #none()}. */
    public static RetrievalContext open(RetrievalAudit.Request req, Progress progress) {
        if (req.corpus() == null || req.run() != null && req.corpus() == null) return none();
        Corpus corpus = Corpus.read(req.corpus());
        HeadingChunker chunker = new HeadingChunker(req.chunkTokens(), req.chunkOverlap());
        // the same digest as the retrieval audit, so both share one cached index
        String digest = Digests.sha256(
                corpus.contentDigest() + "|chunkTokens=" + req.chunkTokens() + "|chunkOverlap=" + req.chunkOverlap());
        ChunkIndex index = ChunkIndex.openOrBuild(
                req.indexFolder(),
                digest,
                corpus.documents(),
                () -> corpus.documents().stream()
                        .flatMap(d -> chunker.chunk(d).stream())
                        .toList(),
                req.publicDocuments(),
                progress);
        Calibration cal = req.golden() == null
                ? null
                : calibrate(index, GoldenSet.read(req.golden()).questions(), req.k());
        return new RetrievalContext(corpus.byId(), index, req.publicDocuments(), cal);
    }

    /**
     * For each golden question with relevant documents, the built-in index's score of the best-ranked
     * relevant document when it is in the top k; the threshold is the 10th percentile (nearest rank) of
     * those scores: 90 % of the relevant documents the index finds score at or above it. Null with fewer
     * than five found.
     */
    static Calibration calibrate(ChunkIndex index, List<GoldenQuestion> questions, int k) {
        List<Double> scores = new ArrayList<>();
        int withRelevant = 0;
        for (GoldenQuestion q : questions) {
            if (!q.hasRelevant() || q.question().isBlank()) continue;
            withRelevant++;
            List<String> seenDocs = new ArrayList<>();
            for (ChunkHit h : index.search(q.question(), Principal.UNRESTRICTED, k * 4)) {
                if (!seenDocs.contains(h.documentId())) seenDocs.add(h.documentId());
                if (seenDocs.size() > k) break;
                Integer rel = q.relevance().get(h.documentId());
                if (rel != null && rel > 0) {
                    scores.add(h.score());
                    break;
                }
            }
        }
        if (scores.size() < 5) return null;
        scores.sort(null);
        int rank = (int) Math.ceil(CALIBRATION_QUANTILE * scores.size());
        double t = scores.get(Math.max(0, rank - 1));
        String method = String.format(
                java.util.Locale.ROOT,
                "10th percentile (nearest rank) of the built-in index's score of the best-ranked relevant document, over the %d of %d golden questions whose relevant document it ranked in the top %d",
                scores.size(),
                withRelevant,
                k);
        return new Calibration(t, withRelevant, scores.size(), k, method);
    }

    /** The calibration, or null (no corpus, no golden questions, or too few found). */
    public Calibration calibration() {
        return calibration;
    }

    /** A document of the corpus by id, or null. */
    public Document document(String id) {
        return documents.get(id);
    }

    /** Whether a corpus is open. */
    public boolean hasCorpus() {
        return index != null;
    }

    /**
     * Documents the built-in index ranks for {@code query} without access control that score at or above
     * the calibrated threshold and that a caller with {@code groups} may not read (ids only, never content).
     */
    public List<String> hiddenRelevant(String query, List<String> groups, int k) {
        if (index == null || calibration == null) return List.of();
        Principal caller = Principal.of(groups);
        List<String> out = new ArrayList<>();
        for (ChunkHit h : index.search(query, Principal.UNRESTRICTED, k)) {
            if (h.score() < calibration.threshold()) break;
            Document d = documents.get(h.documentId());
            if (d != null && !caller.mayRead(d.groups(), publicDocuments) && !out.contains(d.id())) out.add(d.id());
        }
        return out;
    }

    @Override
    public void close() {
        if (index != null) index.close();
    }
}
