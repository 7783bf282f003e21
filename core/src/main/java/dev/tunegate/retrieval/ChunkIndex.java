package dev.tunegate.retrieval;

import dev.tunegate.analysis.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The embedded Lucene index of a corpus's chunks: BM25 over an English-analyzed field holding the
 * document title and the chunk text, and the document's groups in a keyword field every search
 * filters on. The index lives in a folder and is rebuilt only when the corpus digest (content,
 * metadata, chunking parameters) recorded in its commit differs; Lucene's commits are atomic.
 */
public final class ChunkIndex implements AutoCloseable {
    /**
     * Lucene says through java.util.logging whether the incubating Vector API is on: not a user's concern. Set where
     * Lucene is used, so that a run that does not use it never starts java.util.logging; held in a field because the
     * logging keeps its loggers (and their levels) only weakly.
     */
    private static final java.util.logging.Logger LUCENE_LOG = quietLucene();

    private static java.util.logging.Logger quietLucene() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.apache.lucene");
        log.setLevel(java.util.logging.Level.SEVERE);
        return log;
    }

    /** Bumped when the index layout changes, so old indexes are rebuilt. */
    static final String LAYOUT = "tunegate-retrieval/1";

    private static final String DIGEST_KEY = "tunegate.digest";
    private static final String F_TEXT = "text";
    private static final String F_GROUP = "group";
    private static final String F_UNGROUPED = "ungrouped";
    private static final String F_CHUNK = "chunk";
    private static final String F_DOC = "doc";
    private static final String F_TOKENS = "tokens";
    private static final int MAX_QUERY_TERMS = 1000;

    private final Directory dir;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final boolean publicDocuments;
    private final boolean rebuilt;
    private final String[] chunkIds;
    private final String[] documentIds;
    private final int[] tokens;

    private ChunkIndex(Directory dir, boolean publicDocuments, boolean rebuilt) throws IOException {
        this.dir = dir;
        this.reader = DirectoryReader.open(dir);
        this.searcher = new IndexSearcher(reader);
        this.searcher.setSimilarity(new BM25Similarity());
        this.publicDocuments = publicDocuments;
        this.rebuilt = rebuilt;
        // stored fields are read once here, not per hit: searches then cost no document loads
        int max = reader.maxDoc();
        chunkIds = new String[max];
        documentIds = new String[max];
        tokens = new int[max];
        StoredFields stored = reader.storedFields();
        for (int i = 0; i < max; i++) {
            org.apache.lucene.document.Document d = stored.document(i);
            chunkIds[i] = d.get(F_CHUNK);
            documentIds[i] = d.get(F_DOC);
            tokens[i] = d.getField(F_TOKENS).numericValue().intValue();
        }
    }

    /**
     * Opens the index in {@code folder} when it was built from the same digest, or (re)builds it.
     *
     * @param folder where the index lives (created when missing)
     * @param digest the corpus digest: content, metadata and chunking parameters
     * @param documents the documents, for their titles and groups
     * @param chunks makes the chunks, in document order (called only when the index is rebuilt)
     * @param publicDocuments whether documents without groups are visible to every principal
     * @param progress where indexing reports progress
     */
    public static ChunkIndex openOrBuild(
            Path folder,
            String digest,
            List<Document> documents,
            Supplier<List<Chunk>> chunks,
            boolean publicDocuments,
            Progress progress) {
        String fullDigest = LAYOUT + ":" + digest;
        try {
            Files.createDirectories(folder);
            Directory dir = FSDirectory.open(folder);
            try {
                if (!fullDigest.equals(committedDigest(dir))) {
                    build(dir, fullDigest, documents, chunks.get(), progress);
                    return new ChunkIndex(dir, publicDocuments, true);
                }
                return new ChunkIndex(dir, publicDocuments, false);
            } catch (IOException | RuntimeException e) {
                dir.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the retrieval index in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String committedDigest(Directory dir) throws IOException {
        try {
            return SegmentInfos.readLatestCommit(dir).getUserData().get(DIGEST_KEY);
        } catch (IndexNotFoundException e) {
            return null;
        } catch (IOException e) {
            // a corrupt or foreign index is rebuilt from the corpus
            return null;
        }
    }

    private static void build(
            Directory dir, String digest, List<Document> documents, List<Chunk> chunks, Progress progress)
            throws IOException {
        Map<String, Document> byId = new java.util.HashMap<>();
        for (Document d : documents) byId.put(d.id(), d);
        IndexWriterConfig cfg = new IndexWriterConfig(new EnglishAnalyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setSimilarity(new BM25Similarity())
                .setRAMBufferSizeMB(64);
        try (IndexWriter w = new IndexWriter(dir, cfg);
                Progress.Task task = progress.start("indexing chunks", chunks.size(), "chunks")) {
            int pending = 0;
            for (Chunk c : chunks) {
                Document d = byId.get(c.documentId());
                org.apache.lucene.document.Document ld = new org.apache.lucene.document.Document();
                ld.add(new StringField(F_CHUNK, c.id(), Field.Store.YES));
                ld.add(new StringField(F_DOC, c.documentId(), Field.Store.YES));
                ld.add(new StoredField(F_TOKENS, c.tokens()));
                ld.add(new TextField(F_TEXT, d.title() + "\n" + c.text(), Field.Store.NO));
                for (String g : d.groups()) ld.add(new StringField(F_GROUP, g, Field.Store.NO));
                if (d.groups().isEmpty()) ld.add(new StringField(F_UNGROUPED, "true", Field.Store.NO));
                w.addDocument(ld);
                if (++pending == 256) {
                    task.advance(pending, 0);
                    pending = 0;
                }
            }
            task.advance(pending, 0);
            w.setLiveCommitData(Map.of(DIGEST_KEY, digest).entrySet());
            w.commit();
        }
    }

    /** Whether this open rebuilt the index (false: the committed index matched the digest). */
    public boolean rebuilt() {
        return rebuilt;
    }

    /** Chunks in the index. */
    public int size() {
        return reader.numDocs();
    }

    /** Chunk id → document id, for every chunk in the index. */
    public Map<String, String> chunkDocuments() {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < chunkIds.length; i++) if (chunkIds[i] != null) m.put(chunkIds[i], documentIds[i]);
        return m;
    }

    /** Chunk id → size in tokens, for every chunk in the index. */
    public Map<String, Integer> chunkTokens() {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (int i = 0; i < chunkIds.length; i++) if (chunkIds[i] != null) m.put(chunkIds[i], tokens[i]);
        return m;
    }

    /**
     * The best {@code n} chunks for a question, as a principal: only chunks of documents the
     * principal may read (a filter clause on the groups field) unless it is unrestricted.
     * Ties keep index order (document order), so results are deterministic.
     */
    public List<ChunkHit> search(String question, Principal principal, int n) {
        try {
            BooleanQuery.Builder terms = new BooleanQuery.Builder();
            int count = 0;
            try (TokenStream ts = analyzer.tokenStream(F_TEXT, question)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                ts.reset();
                while (ts.incrementToken() && count < MAX_QUERY_TERMS) {
                    terms.add(new TermQuery(new Term(F_TEXT, term.toString())), Occur.SHOULD);
                    count++;
                }
                ts.end();
            }
            if (count == 0) return List.of();
            Query query = terms.build();
            if (!principal.unrestricted()) {
                BooleanQuery.Builder allowed = new BooleanQuery.Builder();
                boolean any = false;
                if (!principal.groups().isEmpty()) {
                    List<BytesRef> groups =
                            principal.groups().stream().map(BytesRef::new).toList();
                    allowed.add(new TermInSetQuery(F_GROUP, groups), Occur.SHOULD);
                    any = true;
                }
                if (publicDocuments) {
                    allowed.add(new TermQuery(new Term(F_UNGROUPED, "true")), Occur.SHOULD);
                    any = true;
                }
                if (!any) return List.of();
                query = new BooleanQuery.Builder()
                        .add(query, Occur.MUST)
                        .add(allowed.build(), Occur.FILTER)
                        .build();
            }
            ScoreDoc[] docs = searcher.search(query, Math.max(1, n)).scoreDocs;
            List<ChunkHit> hits = new ArrayList<>(docs.length);
            for (ScoreDoc sd : docs)
                hits.add(new ChunkHit(chunkIds[sd.doc], documentIds[sd.doc], sd.score, tokens[sd.doc]));
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("retrieval index search failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
            dir.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
