package dev.tunegate.ops;

import dev.tunegate.analysis.Progress;
import dev.tunegate.dataops.review.FailureIngest;
import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import dev.tunegate.ops.read.Call;
import dev.tunegate.ops.read.CallLogFormat;
import dev.tunegate.ops.read.CallLogReader;
import dev.tunegate.ops.read.CsvCallMapping;
import dev.tunegate.ops.read.LogProblem;
import dev.tunegate.retrieval.Document;
import dev.tunegate.retrieval.RetrievalAudit;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tunegate ops weekly}: one pass over the call logs (streamed, parsed on all cores) keeps the KPI
 * sums of every ISO week and the refused, low-score and thumbs-down calls; then the reviewed week's
 * refused and low-score queries are grouped into topics ({@link TopicClustering}), each topic is classified
 * into a backlog entry type, the backlog is updated (append-only, stable ids), thumbs-down calls go to the
 * review queue, and the review is written to {@code ops/weekly/YYYY-Www.json}.
 */
public final class WeeklyReview {
    static final int MAX_PROBLEMS_LISTED = 100;
    static final int EXAMPLES = 3;
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

    private WeeklyReview() {}

    /**
     * What to review.
     *
     * @param logs the call logs
     * @param week the ISO week ({@code 2026-W48}), or null for the week of the latest call
     * @param format the logs' format
     * @param mapping the CSV column mapping
     * @param threads parser threads
     * @param write whether to write the backlog, the review queue and {@code ops/weekly/} (false: a dry run)
     */
    public record Request(
            List<Path> logs, String week, CallLogFormat format, CsvCallMapping mapping, int threads, boolean write) {
        public Request {
            logs = List.copyOf(logs);
        }
    }

    /** The review and where it was written (null on a dry run). */
    public record Result(WeeklyReport report, Path json) {}

    public static Result run(Workspace ws, Request req, Progress progress) {
        OpsSettings s = OpsSettings.of(ws);
        List<Path> logs = req.logs().isEmpty() ? s.logs() : req.logs();
        if (logs.isEmpty())
            throw new InvalidInputException(
                    "ops weekly: no call log; give --log FILE or set ops.logs in tunegate.yaml");
        String wantedWeek = req.week() == null ? null : normaliseWeek(req.week());
        try (RetrievalContext retrieval = RetrievalContext.open(RetrievalAudit.Request.of(ws), progress)) {
            WeeklyReport.Threshold threshold = threshold(s, retrieval.calibration());
            // 1. one pass: per-week sums, and the calls the topics and the queue need
            TreeMap<String, WeekStats> weeks = new TreeMap<>();
            List<Call> kept = new ArrayList<>();
            List<String> keptWeeks = new ArrayList<>();
            List<LogProblem> problems = new ArrayList<>();
            long[] problemCount = {0};
            List<CallLogReader.FileSummary> summaries = new ArrayList<>();
            CallLogReader reader = new CallLogReader(req.threads());
            WeekNames weekNames = new WeekNames();
            for (Path log : logs) {
                summaries.add(reader.read(
                        log,
                        ws.relative(log),
                        req.format(),
                        req.mapping(),
                        c -> {
                            String w = weekNames.of(c);
                            boolean low = isLow(c, threshold.value());
                            weeks.computeIfAbsent(w, k -> new WeekStats()).add(c, low);
                            if (c.refused() || low || c.feedback() == Call.Feedback.DOWN) {
                                kept.add(c);
                                keptWeeks.add(w);
                            }
                        },
                        p -> {
                            problemCount[0]++;
                            if (problems.size() < MAX_PROBLEMS_LISTED) problems.add(p);
                        },
                        progress));
            }
            if (weeks.isEmpty())
                throw new InvalidInputException("ops weekly: the logs hold no usable call (" + problemCount[0]
                        + (problemCount[0] == 1 ? " unusable line)" : " unusable lines)"));
            String week = wantedWeek != null ? wantedWeek : weeks.lastKey();
            // a week without calls has nothing to review: no review of zeros, no files for it
            if (!weeks.containsKey(week))
                throw new InvalidInputException("ops weekly: no calls in " + week + " (the logs cover "
                        + (weeks.size() == 1 ? weeks.firstKey() : weeks.firstKey() + " – " + weeks.lastKey())
                        + ")");
            LocalDate monday = mondayOf(week);
            String previous = weekOf(monday.minusDays(7));
            WeekStats stats = weeks.get(week);

            // 2. topics of the week
            List<Call> refused = new ArrayList<>();
            List<Call> low = new ArrayList<>();
            List<Call> down = new ArrayList<>();
            for (int i = 0; i < kept.size(); i++) {
                if (!keptWeeks.get(i).equals(week)) continue;
                Call c = kept.get(i);
                if (c.refused()) refused.add(c);
                if (isLow(c, threshold.value())) low.add(c);
                if (c.feedback() == Call.Feedback.DOWN) down.add(c);
            }
            TopicClustering clustering = new TopicClustering(s.topicSimilarity(), s.seed());
            List<WeeklyReport.Topic> refusedTopics = topics(refused, clustering, retrieval, threshold.value(), s);
            List<WeeklyReport.Topic> lowTopics = topics(low, clustering, retrieval, threshold.value(), s);

            // 3. backlog, 4. review queue
            Backlog backlog = new Backlog(ws.root().resolve(Backlog.FILE));
            List<WeeklyReport.BacklogItem> items =
                    updateBacklog(backlog, refusedTopics, lowTopics, s, week, monday, req.write());
            long queued = 0, already = 0;
            String queueFile = ws.relative(ws.data().reviewQueue());
            if (!down.isEmpty()) {
                List<FailureIngest.Failure> failures = new ArrayList<>();
                for (Call c : down) {
                    failures.add(new FailureIngest.Failure(
                            c.where(),
                            c.query(),
                            c.answer() == null ? "" : c.answer(),
                            null,
                            null,
                            null,
                            "negative feedback in production (" + week + (c.refused() ? ", refused" : "") + ")",
                            c.ts().toString()));
                }
                // a dry run counts what a run would queue, and queues nothing
                FailureIngest.Queued q = FailureIngest.queue(ws, failures, req.write());
                queued = q.added();
                already = q.alreadyQueued();
            }

            // 5. KPIs
            List<WeeklyReport.WeekKpis> series = new ArrayList<>();
            for (Map.Entry<String, WeekStats> e : weeks.entrySet()) {
                if (e.getKey().compareTo(week) <= 0) series.add(e.getValue().kpis(e.getKey(), s.eligibleUsers()));
            }
            WeeklyReport.WeekKpis now = stats.kpis(week, s.eligibleUsers());
            WeeklyReport.WeekKpis before =
                    weeks.containsKey(previous) ? weeks.get(previous).kpis(previous, s.eligibleUsers()) : null;
            WeeklyReport.Kpis kpis = new WeeklyReport.Kpis(series, KpiChecks.of(s, now, before));

            List<String> problemLines =
                    problems.stream().map(LogProblem::toString).toList();
            WeeklyReport report = new WeeklyReport(
                    week,
                    monday.toString(),
                    monday.plusDays(6).toString(),
                    !req.write(),
                    summaries,
                    problemLines,
                    problemCount[0],
                    stats.calls,
                    stats.refused,
                    now.refusedRate(),
                    before,
                    refusedTopics,
                    stats.lowScore,
                    stats.withRetrieval,
                    threshold,
                    lowTopics,
                    items,
                    down.size(),
                    queued,
                    already,
                    queueFile,
                    kpis,
                    new WeeklyReport.Owners(s.businessOwner(), s.technicalOwner()),
                    "MinHash LSH over the queries' content words (audit.neardup; word 1-shingles, "
                            + clustering.params().permutations()
                            + " bins, " + clustering.params().bands() + " bands, seed " + s.seed()
                            + "): queries whose Jaccard ≥ "
                            + s.topicSimilarity()
                            + " share a topic (ops.topicSimilarity); exact for two queries of at most "
                            + dev.tunegate.audit.neardup.MinHasher.SHORT
                            + " distinct content words, else estimated");
            Path json = null;
            if (req.write()) {
                json = ws.root().resolve("ops/weekly/" + week + ".json");
                AtomicFiles.write(json, Json.pretty(report));
            }
            return new Result(report, json);
        }
    }

    /** Below the threshold or nothing retrieved; a call whose log does not record retrieval is not measured. */
    private static boolean isLow(Call c, double threshold) {
        if (c.retrieved() == null) return false;
        double top = c.topScore();
        return Double.isNaN(top) || top < threshold;
    }

    private static WeeklyReport.Threshold threshold(OpsSettings s, RetrievalContext.Calibration cal) {
        if (s.lowScoreThreshold() != null) {
            return new WeeklyReport.Threshold(
                    s.lowScoreThreshold(),
                    "configured",
                    "ops.lowScoreThreshold in tunegate.yaml"
                            + (cal == null
                                    ? ""
                                    : String.format(
                                            java.util.Locale.ROOT,
                                            " (the golden questions would calibrate %.4g on the built-in index's scale: %s)",
                                            cal.threshold(),
                                            cal.method())));
        }
        if (cal != null)
            return new WeeklyReport.Threshold(
                    cal.threshold(),
                    "calibrated",
                    cal.method()
                            + "; valid when the log's scores come from the same retriever — set ops.lowScoreThreshold otherwise");
        return new WeeklyReport.Threshold(
                s.defaultLowScoreThreshold(),
                "default",
                "ops.defaultLowScoreThreshold: no retrieval.corpus with retrieval.golden questions to calibrate from");
    }

    private static List<WeeklyReport.Topic> topics(
            List<Call> calls, TopicClustering clustering, RetrievalContext retrieval, double threshold, OpsSettings s) {
        List<String> queries = calls.stream().map(Call::query).toList();
        List<WeeklyReport.Topic> out = new ArrayList<>();
        for (TopicClustering.Group g : clustering.cluster(queries)) {
            List<Call> members = g.members().stream().map(calls::get).toList();
            LinkedHashSet<String> examples = new LinkedHashSet<>();
            for (Call c : members) {
                if (examples.size() == EXAMPLES) break;
                examples.add(c.query());
            }
            Map<String, long[]> docCalls = new LinkedHashMap<>();
            Map<String, double[]> docScores = new HashMap<>();
            Map<String, java.time.LocalDate> docUpdated = new HashMap<>();
            Map<List<String>, Integer> groupSets = new HashMap<>();
            List<Double> tops = new ArrayList<>();
            java.time.Instant latest = null;
            boolean retrievalLogged = false, groupsLogged = false;
            for (Call c : members) {
                if (c.retrieved() != null) retrievalLogged = true;
                for (Call.Retrieved r : c.retrieved() == null ? List.<Call.Retrieved>of() : c.retrieved()) {
                    docCalls.computeIfAbsent(r.id(), k -> new long[1])[0]++;
                    docScores.computeIfAbsent(r.id(), k -> new double[1])[0] += r.score();
                    if (r.updated() != null) docUpdated.merge(r.id(), r.updated(), (a, b) -> a.isAfter(b) ? a : b);
                }
                if (!Double.isNaN(c.topScore())) tops.add(c.topScore());
                if (c.groups() != null) {
                    groupsLogged = true;
                    groupSets.merge(c.groups().stream().sorted().toList(), 1, Integer::sum);
                }
                if (latest == null || c.ts().isAfter(latest)) latest = c.ts();
            }
            List<WeeklyReport.DocumentHits> docs = new ArrayList<>();
            for (Map.Entry<String, long[]> e : docCalls.entrySet()) {
                java.time.LocalDate upd = lastUpdated(e.getKey(), docUpdated, retrieval);
                docs.add(new WeeklyReport.DocumentHits(
                        e.getKey(),
                        e.getValue()[0],
                        round(docScores.get(e.getKey())[0] / e.getValue()[0]),
                        upd == null ? null : upd.toString()));
            }
            docs.sort(Comparator.comparingLong((WeeklyReport.DocumentHits d) -> -d.calls())
                    .thenComparing(d -> -d.meanScore())
                    .thenComparing(WeeklyReport.DocumentHits::id));
            if (docs.size() > 5) docs = new ArrayList<>(docs.subList(0, 5));
            List<String> groups = groupSets.entrySet().stream()
                    .max(Map.Entry.<List<String>, Integer>comparingByValue()
                            .thenComparing(e -> String.join(",", e.getKey()), Comparator.reverseOrder()))
                    .map(Map.Entry::getKey)
                    .orElse(List.of());
            tops.sort(null);
            Double median = tops.isEmpty() ? null : round(tops.get((tops.size() - 1) / 2));
            // without the callers' groups there is no access-control gap to find, and none is blamed
            List<String> hidden = groupsLogged ? retrieval.hiddenRelevant(g.representative(), groups, 3) : List.of();
            BacklogType type = classify(hidden, retrievalLogged, median, threshold, docs, latest, s.factsChangeDays());
            out.add(new WeeklyReport.Topic(
                    g.id(),
                    members.size(),
                    g.representative(),
                    List.copyOf(examples),
                    docs,
                    groupsLogged ? groups : null,
                    retrievalLogged,
                    median,
                    type,
                    hidden));
        }
        return out;
    }

    /**
     * Access-control gap first (a document answers it but the callers cannot see it); then, when the log does not
     * record retrieval, unclassified (nothing below is measurable); then nothing relevant
     * retrieved (median best score below the threshold); then the best document older than the facts'
     * change interval at the topic's latest call; else the answer itself.
     */
    static BacklogType classify(
            List<String> hidden,
            boolean retrievalLogged,
            Double medianTop,
            double threshold,
            List<WeeklyReport.DocumentHits> docs,
            java.time.Instant latest,
            Integer factsChangeDays) {
        if (!hidden.isEmpty()) return BacklogType.METADATA_FIX;
        if (!retrievalLogged) return BacklogType.UNCLASSIFIED;
        if (medianTop == null || medianTop < threshold) return BacklogType.NEW_DOCUMENT;
        if (factsChangeDays != null && !docs.isEmpty() && docs.get(0).lastUpdated() != null && latest != null) {
            LocalDate upd = LocalDate.parse(docs.get(0).lastUpdated());
            if (ChronoUnit.DAYS.between(upd, latest.atZone(ZoneOffset.UTC).toLocalDate()) > factsChangeDays)
                return BacklogType.STALE_DOCUMENT;
        }
        return BacklogType.ANSWER_REVIEW;
    }

    private static java.time.LocalDate lastUpdated(
            String id, Map<String, java.time.LocalDate> fromLog, RetrievalContext retrieval) {
        if (fromLog.containsKey(id)) return fromLog.get(id);
        Document d = retrieval.document(id);
        if (d == null || d.updated().isEmpty()) return null;
        return d.updated().stream().max(Comparator.naturalOrder()).orElse(null);
    }

    private static List<WeeklyReport.BacklogItem> updateBacklog(
            Backlog backlog,
            List<WeeklyReport.Topic> refusedTopics,
            List<WeeklyReport.Topic> lowTopics,
            OpsSettings s,
            String week,
            LocalDate monday,
            boolean write) {
        List<Backlog.Entry> existing = backlog.read().entries();
        Map<String, WeeklyReport.Topic> byId = new LinkedHashMap<>();
        for (List<WeeklyReport.Topic> list : List.of(refusedTopics, lowTopics)) {
            for (WeeklyReport.Topic t : list) {
                if (t.size() < s.minTopicSize()) continue;
                byId.merge(t.id(), t, (a, b) -> a.size() >= b.size() ? a : b);
            }
        }
        Map<WeeklyReport.Topic, Backlog.Entry> priors =
                match(existing, List.copyOf(byId.values()), s.topicSimilarity());
        List<WeeklyReport.BacklogItem> out = new ArrayList<>();
        for (WeeklyReport.Topic t : byId.values()) {
            Backlog.Entry prior = priors.get(t);
            String id = prior == null ? t.id() : prior.id();
            List<String> docs =
                    switch (t.type()) {
                        case METADATA_FIX -> t.hiddenDocuments();
                        case STALE_DOCUMENT -> List.of(t.documents().get(0).id());
                        default ->
                            t.documents().stream()
                                    .limit(3)
                                    .map(WeeklyReport.DocumentHits::id)
                                    .toList();
                    };
            String firstSeen = prior == null || prior.firstSeen() == null ? monday.toString() : prior.firstSeen();
            int weeksSeen = prior == null ? 1 : (week.equals(prior.week()) ? prior.weeks() : prior.weeks() + 1);
            // a topic that recurs in a later week is open again, whatever a person set
            String status = prior != null && week.equals(prior.week()) ? prior.status() : "open";
            Backlog.Entry now = new Backlog.Entry(
                    id,
                    t.type(),
                    prior == null ? t.representative() : prior.topic(),
                    t.size(),
                    s.ownerOf(t.type()),
                    docs,
                    firstSeen,
                    week,
                    weeksSeen,
                    status);
            boolean changed = prior == null || !now.equals(prior);
            if (write && changed) backlog.append(now);
            // a dry run shows what a run would append
            out.add(new WeeklyReport.BacklogItem(
                    id,
                    now.type(),
                    now.topic(),
                    now.size(),
                    now.owner(),
                    now.documents(),
                    now.firstSeen(),
                    now.weeks(),
                    now.status(),
                    changed));
        }
        return out;
    }

    /**
     * The backlog entry of each topic: first the entry with the topic's own id; then, for the topics left, the
     * entry whose topic is the most similar to the representative at or above the similarity (ties: the earlier
     * topic, refused before low-score, larger first). An entry is the entry of one topic at most: the clustering keeps this week's topics apart,
     * so two of them are never written under one id (that merged their sizes line after line, and a rerun
     * appended again).
     */
    private static Map<WeeklyReport.Topic, Backlog.Entry> match(
            List<Backlog.Entry> existing, List<WeeklyReport.Topic> topics, double similarity) {
        Map<WeeklyReport.Topic, Backlog.Entry> out = new HashMap<>();
        Map<String, Backlog.Entry> byId = new LinkedHashMap<>();
        for (Backlog.Entry e : existing) byId.put(e.id(), e);
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (WeeklyReport.Topic t : topics) {
            Backlog.Entry e = byId.get(t.id());
            if (e != null) {
                out.put(t, e);
                taken.add(e.id());
            }
        }
        record Candidate(WeeklyReport.Topic topic, Backlog.Entry entry, double jaccard) {}
        List<Candidate> candidates = new ArrayList<>();
        for (WeeklyReport.Topic t : topics) {
            if (out.containsKey(t)) continue;
            for (Backlog.Entry e : existing) {
                if (taken.contains(e.id())) continue;
                double j = TopicClustering.similarity(e.topic(), t.representative());
                if (j >= similarity) candidates.add(new Candidate(t, e, j));
            }
        }
        // the closest pairs first; the order of the topics (largest first) and of the entries breaks ties
        candidates.sort(Comparator.comparingDouble((Candidate c) -> -c.jaccard()));
        for (Candidate c : candidates) {
            if (out.containsKey(c.topic()) || taken.contains(c.entry().id())) continue;
            out.put(c.topic(), c.entry());
            taken.add(c.entry().id());
        }
        return out;
    }

    static String weekOf(Call c) {
        return weekOf(c.ts().atZone(ZoneOffset.UTC).toLocalDate());
    }

    /** Week names by epoch day, so a million calls do not format a million strings (one thread). */
    private static final class WeekNames {
        private final Map<Long, String> byDay = new HashMap<>();

        String of(Call c) {
            long day = Math.floorDiv(c.ts().getEpochSecond(), 86_400L);
            return byDay.computeIfAbsent(day, d -> weekOf(LocalDate.ofEpochDay(d)));
        }
    }

    /** {@code YYYY-Www} of a day (ISO week-based year). */
    public static String weekOf(LocalDate d) {
        return String.format("%04d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The Monday of an ISO week. */
    public static LocalDate mondayOf(String week) {
        Matcher m = WEEK.matcher(week);
        if (!m.matches())
            throw new InvalidInputException("--week \"" + week + "\": expected an ISO week like 2026-W48");
        int year = Integer.parseInt(m.group(1));
        int w = Integer.parseInt(m.group(2));
        LocalDate jan4 = LocalDate.of(year, 1, 4);
        int weeksInYear = (int) LocalDate.of(year, 6, 1)
                .range(IsoFields.WEEK_OF_WEEK_BASED_YEAR)
                .getMaximum();
        if (w < 1 || w > weeksInYear)
            throw new InvalidInputException(
                    "--week \"" + week + "\": expected a week 1–" + weeksInYear + " of " + year);
        return jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, w).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /**
     * An ISO week as given ({@code 2026-w48}, spaces around) in its canonical form ({@code 2026-W48}).
     *
     * @throws InvalidInputException when it is not an ISO week of its year
     */
    public static String normaliseWeek(String w) {
        String up = w.trim().toUpperCase(java.util.Locale.ROOT);
        mondayOf(up);
        return up;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
