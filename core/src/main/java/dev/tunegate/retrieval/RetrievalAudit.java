package dev.tunegate.retrieval;

import dev.tunegate.analysis.Progress;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.Digests;
import dev.tunegate.io.FileDigests;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.retrieval.RetrievalReport.AclFinding;
import dev.tunegate.retrieval.RetrievalReport.AnonymousView;
import dev.tunegate.retrieval.RetrievalReport.ChangeIntervals;
import dev.tunegate.retrieval.RetrievalReport.Exposure;
import dev.tunegate.retrieval.RetrievalReport.GoldenSetProblem;
import dev.tunegate.retrieval.RetrievalReport.IndexInfo;
import dev.tunegate.retrieval.RetrievalReport.Interval;
import dev.tunegate.retrieval.RetrievalReport.Leak;
import dev.tunegate.retrieval.RetrievalReport.Miss;
import dev.tunegate.retrieval.RetrievalReport.Parameters;
import dev.tunegate.retrieval.RetrievalReport.QuestionResult;
import dev.tunegate.retrieval.RetrievalReport.RankedDocument;
import dev.tunegate.workspace.Settings;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The retrieval audit, used by {@link RetrievalAnalyzer} and by {@code tunegate retrieval}: reads the
 * corpus, chunks and indexes it (or reads an external run), runs every golden question as its
 * principal and measures recall, the access-control checks, freshness and context size.
 */
public final class RetrievalAudit {
    /** The cutoffs always reported besides k. */
    public static final List<Integer> CUTOFFS = List.of(1, 3, 5, 10);

    static final int BOOTSTRAP_RESAMPLES = 2000;
    private static final int MAX_LISTED = 1000;

    private RetrievalAudit() {}

    /**
     * What to audit.
     *
     * @param corpus a corpus folder or documents JSONL (null: none)
     * @param golden golden questions JSONL (null: none)
     * @param run an external run to evaluate instead of the built-in index (null: none)
     * @param qrels TREC qrels replacing the golden judgments (null: none)
     * @param k results a call retrieves
     * @param chunkTokens maximum chunk size in tokens
     * @param chunkOverlap overlap of split sections in tokens
     * @param publicDocuments whether documents without groups are public on purpose
     * @param indexFolder where the index lives
     * @param seed seed of the bootstrap intervals
     * @param display how paths are shown in the report
     * @param threads threads that chunk documents (at least 1)
     */
    public record Request(
            Path corpus,
            Path golden,
            Path run,
            Path qrels,
            int k,
            int chunkTokens,
            int chunkOverlap,
            boolean publicDocuments,
            Path indexFolder,
            long seed,
            java.util.function.Function<Path, String> display,
            int threads) {

        /** The request a workspace's {@code retrieval.*} keys describe; the index under {@code .tunegate/index}. */
        public static Request of(Workspace ws) {
            Settings.Retrieval r = ws.settings().retrieval();
            return new Request(
                    r.corpus(),
                    r.golden(),
                    r.run(),
                    null,
                    r.k(),
                    r.chunkTokens(),
                    r.chunkOverlap(),
                    r.publicDocuments(),
                    ws.root().resolve(".tunegate").resolve("index"),
                    ws.settings().evals().seed(),
                    ws::relative,
                    Runtime.getRuntime().availableProcessors());
        }

        /** A request without a workspace: defaults of the schema, the index in a cache folder keyed by the corpus path. */
        public static Request standalone(Path corpus, Path golden, Path run, Path qrels, int k) {
            Settings defaults = Settings.defaults();
            return new Request(
                    corpus,
                    golden,
                    run,
                    qrels,
                    k,
                    defaults.retrieval().chunkTokens(),
                    defaults.retrieval().chunkOverlap(),
                    defaults.retrieval().publicDocuments(),
                    cacheFolder(corpus),
                    defaults.evals().seed(),
                    Path::toString,
                    Runtime.getRuntime().availableProcessors());
        }

        public Request withCorpus(Path p) {
            return new Request(
                    p,
                    golden,
                    run,
                    qrels,
                    k,
                    chunkTokens,
                    chunkOverlap,
                    publicDocuments,
                    indexFolder,
                    seed,
                    display,
                    threads);
        }

        public Request withGolden(Path p) {
            return new Request(
                    corpus,
                    p,
                    run,
                    qrels,
                    k,
                    chunkTokens,
                    chunkOverlap,
                    publicDocuments,
                    indexFolder,
                    seed,
                    display,
                    threads);
        }

        public Request withRun(Path p) {
            return new Request(
                    corpus,
                    golden,
                    p,
                    qrels,
                    k,
                    chunkTokens,
                    chunkOverlap,
                    publicDocuments,
                    indexFolder,
                    seed,
                    display,
                    threads);
        }

        public Request withQrels(Path p) {
            return new Request(
                    corpus,
                    golden,
                    run,
                    p,
                    k,
                    chunkTokens,
                    chunkOverlap,
                    publicDocuments,
                    indexFolder,
                    seed,
                    display,
                    threads);
        }

        public Request withThreads(int n) {
            return new Request(
                    corpus,
                    golden,
                    run,
                    qrels,
                    k,
                    chunkTokens,
                    chunkOverlap,
                    publicDocuments,
                    indexFolder,
                    seed,
                    display,
                    Math.max(1, n));
        }

        public Request withK(int n) {
            return new Request(
                    corpus,
                    golden,
                    run,
                    qrels,
                    n,
                    chunkTokens,
                    chunkOverlap,
                    publicDocuments,
                    indexFolder,
                    seed,
                    display,
                    threads);
        }

        public Request withIndexFolder(Path p) {
            return new Request(
                    corpus,
                    golden,
                    run,
                    qrels,
                    k,
                    chunkTokens,
                    chunkOverlap,
                    publicDocuments,
                    p,
                    seed,
                    display,
                    threads);
        }

        public Request withChunking(int tokens, int overlap) {
            return new Request(
                    corpus,
                    golden,
                    run,
                    qrels,
                    k,
                    tokens,
                    overlap,
                    publicDocuments,
                    indexFolder,
                    seed,
                    display,
                    threads);
        }

        public Request withPublicDocuments(boolean b) {
            return new Request(
                    corpus, golden, run, qrels, k, chunkTokens, chunkOverlap, b, indexFolder, seed, display, threads);
        }

        String show(Path p) {
            return p == null ? null : display.apply(p);
        }
    }

    /** The cache folder of a corpus's index when there is no workspace. */
    public static Path cacheFolder(Path corpus) {
        String key = corpus == null
                ? "none"
                : Digests.sha256(corpus.toAbsolutePath().normalize().toString()).substring(0, 16);
        return Path.of(System.getProperty("java.io.tmpdir"), "tunegate-index", key);
    }

    /**
     * Runs the audit.
     *
     * @throws InvalidInputException when neither a corpus nor a run is given, or a file cannot be used at all
     */
    public static RetrievalReport run(Request req, Progress progress) {
        return run(req, progress, new FileDigests());
    }

    /** As {@link #run(Request, Progress)}, with the run's digest memo (the corpus files read hand theirs in). */
    public static RetrievalReport run(Request req, Progress progress, FileDigests digests) {
        if (req.corpus() == null && req.run() == null) {
            throw new InvalidInputException(
                    "retrieval: nothing to audit; give a corpus (retrieval.corpus or --corpus) or a run (--run)");
        }
        if (req.k() < 1) throw new InvalidInputException("retrieval.k: expected at least 1, found " + req.k());
        Map<String, Long> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        long t = t0;
        List<Finding> findings = new ArrayList<>();

        // 1. corpus and run
        Corpus corpus = req.corpus() == null ? null : Corpus.read(req.corpus(), digests);
        Map<String, Document> docs = corpus == null ? Map.of() : corpus.byId();
        java.util.function.UnaryOperator<String> corpusFile =
                f -> corpus != null && java.nio.file.Files.isDirectory(req.corpus())
                        ? req.show(req.corpus().resolve(f))
                        : req.show(req.corpus());
        if (corpus != null) corpus.findings().forEach(f -> findings.add(f.inFile(corpusFile.apply(f.file()))));
        HeadingChunker chunker = new HeadingChunker(req.chunkTokens(), req.chunkOverlap());
        timings.put("read", ms(t));
        t = System.nanoTime();
        ExternalRun run = req.run() == null ? null : ExternalRun.read(req.run());

        // 2. chunks and index: the index is rebuilt (and documents chunked) only when the digest changed
        ChunkIndex index = null;
        IndexInfo indexInfo = null;
        Map<String, String> chunkToDoc = new HashMap<>();
        Map<String, Integer> chunkTokens = new HashMap<>();
        if (corpus != null && run == null) {
            String digest = Digests.sha256(corpus.contentDigest() + "|chunkTokens=" + req.chunkTokens()
                    + "|chunkOverlap=" + req.chunkOverlap());
            index = ChunkIndex.openOrBuild(
                    req.indexFolder(),
                    digest,
                    corpus.documents(),
                    () -> chunk(corpus, chunker, req.threads()),
                    req.publicDocuments(),
                    progress);
            indexInfo = new IndexInfo(req.show(req.indexFolder()), index.rebuilt(), digest);
            chunkToDoc = index.chunkDocuments();
            chunkTokens = index.chunkTokens();
        } else if (corpus != null) {
            for (Chunk c : chunk(corpus, chunker, req.threads())) {
                chunkToDoc.put(c.id(), c.documentId());
                chunkTokens.put(c.id(), c.tokens());
            }
        }
        Map<String, Integer> docTokens = new HashMap<>();
        for (Map.Entry<String, Integer> e : chunkTokens.entrySet())
            docTokens.merge(chunkToDoc.get(e.getKey()), e.getValue(), Integer::sum);
        int chunkCount = chunkToDoc.size();
        timings.put("chunkAndIndex", ms(t));
        t = System.nanoTime();

        // 3. golden set (judgments on chunk ids count for their documents)
        GoldenSet golden = req.golden() == null ? GoldenSet.EMPTY : GoldenSet.read(req.golden());
        if (req.qrels() != null) golden = golden.withQrels(req.qrels());
        for (Finding f : golden.findings()) {
            Path src =
                    req.qrels() != null && req.qrels().getFileName().toString().equals(f.file())
                            ? req.qrels()
                            : req.golden();
            findings.add(f.inFile(req.show(src)));
        }
        Map<String, String> c2d = Map.copyOf(chunkToDoc);
        List<GoldenQuestion> questions = golden.questions().stream()
                .map(q -> q.withRelevance(toDocuments(q.relevance(), c2d, docs.keySet())))
                .toList();
        if (run != null) run.findings().forEach(f -> findings.add(f.inFile(req.show(req.run()))));

        // 4. every question as its principal
        int k = req.k();
        int depth = Math.max(10, k);
        List<Integer> cutoffs = new ArrayList<>(new TreeSet<>(CUTOFFS));
        if (!cutoffs.contains(k)) cutoffs.add(k);
        cutoffs.sort(null);
        String retriever = run == null ? "built-in index" : "run: " + req.show(req.run());
        List<QuestionResult> perQuestion = new ArrayList<>();
        List<Leak> leaks = new ArrayList<>();
        List<Leak> exposure = new ArrayList<>();
        int exposureChecked = 0;
        Set<String> exposedQuestions = new LinkedHashSet<>();
        int anonQuestions = 0, anonWithResults = 0;
        Set<String> anonDocs = new TreeSet<>();
        List<Integer> contextTokens = new ArrayList<>();
        Map<String, List<String>> rankings = new HashMap<>();
        try (Progress.Task task = progress.start("evaluating questions", questions.size(), "questions")) {
            for (GoldenQuestion q : questions) {
                Principal principal = q.hasPrincipal() ? Principal.of(q.principalGroups()) : Principal.UNRESTRICTED;
                List<RankedDocument> ranked;
                Integer context = null;
                if (run != null) {
                    ranked = fromRun(run.rankings().get(q.id()), chunkToDoc, q.relevance());
                    if (corpus != null) {
                        int sum = 0;
                        for (ExternalRun.Ranked r : run.rankings()
                                .getOrDefault(q.id(), List.of())
                                .subList(
                                        0,
                                        Math.min(
                                                k,
                                                run.rankings()
                                                        .getOrDefault(q.id(), List.of())
                                                        .size()))) {
                            sum += chunkTokens.containsKey(r.id())
                                    ? chunkTokens.get(r.id())
                                    : docTokens.getOrDefault(r.id(), 0);
                        }
                        context = sum;
                    }
                } else if (index != null && !q.question().isBlank()) {
                    List<ChunkHit> hits = searchDocuments(index, q.question(), principal, depth);
                    ranked = toDocuments(hits, depth, q.relevance());
                    int sum = 0;
                    for (ChunkHit h : hits.subList(0, Math.min(k, hits.size()))) sum += h.tokens();
                    context = sum;
                    if (q.hasPrincipal()) {
                        exposureChecked++;
                        List<RankedDocument> open = toDocuments(
                                searchDocuments(index, q.question(), Principal.UNRESTRICTED, k), k, q.relevance());
                        for (Leak l : leaksOf(q, open, docs, req.publicDocuments(), "unfiltered index", k)) {
                            exposure.add(l);
                            exposedQuestions.add(q.id());
                        }
                    }
                    anonQuestions++;
                    List<RankedDocument> anon =
                            toDocuments(searchDocuments(index, q.question(), Principal.ANONYMOUS, k), k, q.relevance());
                    if (!anon.isEmpty()) anonWithResults++;
                    anon.forEach(r -> anonDocs.add(r.document()));
                } else {
                    ranked = List.of();
                }
                rankings.put(
                        q.id(), ranked.stream().map(RankedDocument::document).toList());
                if (context != null) contextTokens.add(context);
                if (q.hasPrincipal() && corpus != null)
                    leaks.addAll(leaksOf(q, ranked, docs, req.publicDocuments(), retriever, k));
                perQuestion.add(score(q, ranked, cutoffs, k, context));
                task.advance(1, 0);
            }
        } finally {
            if (index != null) index.close();
        }
        timings.put("search", ms(t));

        // 5. aggregate
        List<QuestionResult> judged =
                perQuestion.stream().filter(r -> r.reciprocalRank() != null).toList();
        Map<String, Double> recallAtK = new LinkedHashMap<>();
        Map<String, Interval> intervals = new LinkedHashMap<>();
        Double mrr = null, ndcg = null;
        if (!judged.isEmpty()) {
            for (int c : cutoffs)
                recallAtK.put(
                        Integer.toString(c),
                        mean(judged.stream()
                                .mapToDouble(r -> r.recall().get(Integer.toString(c)))
                                .toArray()));
            double[] rk = judged.stream()
                    .mapToDouble(r -> r.recall().get(Integer.toString(k)))
                    .toArray();
            double[] rr =
                    judged.stream().mapToDouble(QuestionResult::reciprocalRank).toArray();
            double[] nd = judged.stream().mapToDouble(QuestionResult::ndcgAt10).toArray();
            mrr = mean(rr);
            ndcg = mean(nd);
            intervals.put("recall@" + k, bootstrap(rk, req.seed()));
            intervals.put("mrr", bootstrap(rr, req.seed()));
            intervals.put("ndcg@10", bootstrap(nd, req.seed()));
        }
        List<Miss> misses = new ArrayList<>();
        Map<String, GoldenQuestion> byId = new HashMap<>();
        questions.forEach(q -> byId.put(q.id(), q));
        for (QuestionResult r : judged) {
            double rec = r.recall().get(Integer.toString(k));
            if (rec >= 1.0) continue;
            GoldenQuestion q = byId.get(r.id());
            List<String> expected = q.relevance().entrySet().stream()
                    .filter(e -> e.getValue() >= 1)
                    .map(Map.Entry::getKey)
                    .toList();
            Set<String> top = new java.util.HashSet<>();
            r.results().forEach(x -> top.add(x.document()));
            misses.add(new Miss(
                    r.id(),
                    q.question(),
                    rec,
                    expected,
                    expected.stream().filter(e -> !top.contains(e)).toList(),
                    r.results()));
        }
        misses.sort(Comparator.comparingDouble(Miss::recallAtK)
                .thenComparing(m -> ndcgOf(perQuestion, m.id()))
                .thenComparing(Miss::id));

        List<AclFinding> acl = new ArrayList<>();
        int ungrouped = 0;
        if (corpus != null && !req.publicDocuments()) {
            for (Document d : corpus.documents()) {
                if (!d.groups().isEmpty()) continue;
                ungrouped++;
                if (acl.size() < MAX_LISTED)
                    acl.add(
                            new AclFinding(
                                    d.id(),
                                    corpusFile.apply(d.file()),
                                    d.line(),
                                    "no groups: nobody restricted who may read it (FIX-ACL); add \"groups\" or declare retrieval.publicDocuments: true"));
            }
        }

        Set<String> needed = new LinkedHashSet<>();
        questions.forEach(q -> q.relevance().forEach((id, g) -> {
            if (g >= 1 && docs.containsKey(id)) needed.add(id);
        }));
        ChangeIntervals change = null;
        Double medianChange = null;
        if (corpus != null) {
            Double all = UpdateHistory.medianIntervalDays(corpus.documents());
            Double gold = needed.isEmpty()
                    ? null
                    : UpdateHistory.medianIntervalDays(
                            needed.stream().map(docs::get).toList());
            int withHistory = (int) corpus.documents().stream()
                    .filter(d -> d.updated().size() >= 2)
                    .count();
            change = new ChangeIntervals(
                    withHistory,
                    all,
                    gold,
                    UpdateHistory.intervalsDays(corpus.documents()).size(),
                    "days between consecutive update dates of each document, pooled, median; the documents the golden questions need when they have a history, else all");
            medianChange = gold != null ? gold : all;
        }

        List<GoldenSetProblem> problems = questions.isEmpty()
                ? List.of()
                : GoldenSetCheck.check(
                        questions, corpus == null ? null : docs.keySet(), rankings, run, run == null && corpus != null);

        Integer p50 = contextTokens.isEmpty() ? null : percentile(contextTokens, 50);
        Integer p95 = contextTokens.isEmpty() ? null : percentile(contextTokens, 95);
        timings.put("total", ms(t0));

        Parameters params = new Parameters(
                req.show(req.corpus()),
                req.show(req.golden()),
                req.show(req.run()),
                req.show(req.qrels()),
                k,
                req.chunkTokens(),
                req.chunkOverlap(),
                req.publicDocuments(),
                req.seed(),
                BOOTSTRAP_RESAMPLES);
        return new RetrievalReport(
                params,
                retriever,
                corpus == null ? 0 : corpus.documents().size(),
                chunkCount,
                questions.size(),
                judged.size(),
                recallAtK,
                mrr,
                ndcg,
                intervals,
                ungrouped,
                acl,
                leaks,
                index == null
                        ? null
                        : new Exposure(
                                exposureChecked,
                                exposedQuestions.size(),
                                exposure.size(),
                                exposure.subList(0, Math.min(20, exposure.size()))),
                index == null
                        ? null
                        : new AnonymousView(
                                anonQuestions,
                                anonWithResults,
                                anonDocs.stream().limit(50).toList(),
                                anonDocs.size()),
                problems,
                medianChange,
                change,
                p50,
                p95,
                perQuestion,
                misses,
                findings,
                indexInfo,
                timings);
    }

    private static List<Chunk> chunk(Corpus corpus, HeadingChunker chunker, int threads) {
        if (threads <= 1)
            return corpus.documents().stream()
                    .flatMap(d -> chunker.chunk(d).stream())
                    .toList();
        // tokenizing is the costly part: documents in parallel on `threads` threads, order kept
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        try {
            return pool.submit(() -> corpus.documents().parallelStream()
                            .flatMap(d -> chunker.chunk(d).stream())
                            .toList())
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while chunking", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private static double ndcgOf(List<QuestionResult> all, String id) {
        for (QuestionResult r : all) if (r.id().equals(id)) return r.ndcgAt10() == null ? 0 : r.ndcgAt10();
        return 0;
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    /**
     * Judgments on chunk ids count for their document (the best grade wins); a {@code docid#n} whose
     * chunk no longer exists (the chunking changed) still counts for {@code docid} when that is a document.
     */
    static Map<String, Integer> toDocuments(
            Map<String, Integer> relevance, Map<String, String> chunkToDoc, Set<String> documentIds) {
        Map<String, Integer> out = new LinkedHashMap<>();
        relevance.forEach((id, g) -> {
            String doc = chunkToDoc.get(id);
            if (doc == null) {
                int hash = id.lastIndexOf('#');
                doc = hash > 0 && documentIds.contains(id.substring(0, hash)) && !documentIds.contains(id)
                        ? id.substring(0, hash)
                        : id;
            }
            out.merge(doc, g, Math::max);
        });
        return out;
    }

    /** Chunks enough to rank {@code depth} distinct documents (or all the index has). */
    private static List<ChunkHit> searchDocuments(ChunkIndex index, String question, Principal principal, int depth) {
        int n = depth * 4;
        while (true) {
            List<ChunkHit> hits = index.search(question, principal, n);
            long distinct = hits.stream().map(ChunkHit::documentId).distinct().count();
            if (distinct >= depth || hits.size() < n || n >= index.size()) return hits;
            n *= 4;
        }
    }

    /** Documents ranked by their best chunk. */
    static List<RankedDocument> toDocuments(List<ChunkHit> hits, int depth, Map<String, Integer> relevance) {
        List<RankedDocument> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (ChunkHit h : hits) {
            if (out.size() == depth) break;
            if (seen.add(h.documentId()))
                out.add(new RankedDocument(h.documentId(), h.score(), relevance.get(h.documentId())));
        }
        return out;
    }

    private static List<RankedDocument> fromRun(
            List<ExternalRun.Ranked> ranked, Map<String, String> chunkToDoc, Map<String, Integer> relevance) {
        if (ranked == null) return List.of();
        List<RankedDocument> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (ExternalRun.Ranked r : ranked) {
            String doc = chunkToDoc.getOrDefault(r.id(), r.id());
            if (seen.add(doc))
                out.add(new RankedDocument(doc, Double.isNaN(r.score()) ? null : r.score(), relevance.get(doc)));
        }
        return out;
    }

    private static List<Leak> leaksOf(
            GoldenQuestion q,
            List<RankedDocument> ranked,
            Map<String, Document> docs,
            boolean publicDocuments,
            String retriever,
            int k) {
        List<Leak> out = new ArrayList<>();
        Principal p = Principal.of(q.principalGroups());
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            Document d = docs.get(ranked.get(i).document());
            if (d != null && !p.mayRead(d.groups(), publicDocuments)) {
                out.add(new Leak(q.id(), d.id(), i + 1, d.groups(), q.principalGroups(), retriever));
            }
        }
        return out;
    }

    private static QuestionResult score(
            GoldenQuestion q, List<RankedDocument> ranked, List<Integer> cutoffs, int k, Integer context) {
        List<String> ids = ranked.stream().map(RankedDocument::document).toList();
        Map<String, Double> recall = new LinkedHashMap<>();
        Double rr = null, nd = null;
        if (q.hasRelevant()) {
            for (int c : cutoffs) recall.put(Integer.toString(c), RankingMetrics.recallAt(ids, q.relevance(), c));
            rr = RankingMetrics.reciprocalRank(ids, q.relevance());
            nd = RankingMetrics.ndcgAt(ids, q.relevance(), 10);
        }
        return new QuestionResult(
                q.id(),
                q.principalGroups(),
                (int) RankingMetrics.relevantCount(q.relevance()),
                recall,
                rr,
                nd,
                context,
                ranked.subList(0, Math.min(k, ranked.size())));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    /** Percentile bootstrap of the mean: {@link #BOOTSTRAP_RESAMPLES} resamples with the given seed. */
    static Interval bootstrap(double[] v, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] means = new double[BOOTSTRAP_RESAMPLES];
        for (int b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
            double s = 0;
            for (int i = 0; i < v.length; i++) s += v[rnd.nextInt(v.length)];
            means[b] = s / v.length;
        }
        java.util.Arrays.sort(means);
        return new Interval(
                means[(int) Math.floor(0.025 * (BOOTSTRAP_RESAMPLES - 1))],
                means[(int) Math.ceil(0.975 * (BOOTSTRAP_RESAMPLES - 1))],
                "percentile bootstrap over questions, " + BOOTSTRAP_RESAMPLES + " resamples, seed " + seed);
    }

    /** Nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
    static int percentile(List<Integer> values, int p) {
        List<Integer> v = new ArrayList<>(values);
        v.sort(null);
        int rank = (int) Math.ceil(p / 100.0 * v.size());
        return v.get(Math.max(0, rank - 1));
    }
}
