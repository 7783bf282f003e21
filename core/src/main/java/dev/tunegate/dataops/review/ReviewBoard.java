package dev.tunegate.dataops.review;

import dev.tunegate.audit.neardup.Match;
import dev.tunegate.audit.neardup.MinHasher;
import dev.tunegate.audit.neardup.NearDuplicateIndex;
import dev.tunegate.audit.neardup.NearDuplicateParams;
import dev.tunegate.audit.read.Example;
import dev.tunegate.dataops.DatasetRows;
import dev.tunegate.io.Digests;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The review of one workspace shared by many reviewers and processes: the rows awaiting approval (the
 * review queue's pending rows, then the training file's pending LLM drafts), per-row {@link RowClaims} so
 * two active reviewers never get the same row, and every decision appended to the same fsync'd
 * {@link ReviewLog} the terminal review writes. A seeded share of rows goes to two reviewers (the
 * second decision comes from someone else), which gives the inter-reviewer agreement
 * ({@link ReviewAgreement}).
 *
 * <p>The log is the truth: the board follows it with {@link ReviewLog#readFrom} (so decisions another
 * process appends count at once), and a decision is checked against the claim and the log while the
 * claims lock is held, so a row is never decided twice by one reviewer nor more often than it needs.
 */
public final class ReviewBoard {
    /** How long a claim lasts without a decision. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * How a board shares rows.
     *
     * @param lease how long a claim lasts
     * @param doubleShare the share of rows (0..1) that go to two reviewers
     * @param seed which rows those are (a seeded hash of the row digest)
     */
    public record Settings(Duration lease, double doubleShare, long seed) {
        public Settings {
            if (lease.isNegative() || lease.isZero())
                throw new InvalidInputException("lease: expected a positive duration, found " + lease);
            if (!(doubleShare >= 0 && doubleShare <= 1))
                throw new InvalidInputException(
                        "double-review share: expected a number from 0 to 1, found " + doubleShare);
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_LEASE, 0.1, 42);
        }
    }

    /** A row handed to a reviewer: decide it with {@code token} before {@code expires}. */
    public record Claimed(QueueRow row, String token, String expires) {}

    /** A training row that resembles a queued one. */
    public record Neighbour(long line, String status, String input, String output, double jaccard) {}

    /**
     * How far the review is.
     *
     * @param rows rows awaiting or past review
     * @param done rows with every decision they need
     * @param left rows still needing a decision
     * @param claimed live claims
     * @param byReviewer decisions on these rows per reviewer
     * @param doubleRows rows sampled for a second reviewer
     */
    public record Progress(int rows, int done, int left, int claimed, Map<String, Long> byReviewer, int doubleRows) {}

    /** What a bulk action did. */
    public record Bulk(int decided, int skippedClaimed, int skippedBadDraft) {}

    private final Workspace ws;
    private final Clock clock;
    private final Settings settings;
    private final RowClaims claims;
    private final ReviewLog log;

    private List<QueueRow> rows = List.of();
    private Map<String, QueueRow> byId = Map.of();
    private List<String> warnings = List.of();
    private String rowsStamp = "";
    private long logOffset;
    private final Map<String, List<ReviewLog.Entry>> decisions = new LinkedHashMap<>();
    private NearDuplicateIndex index;
    private MinHasher hasher;
    private List<Neighbour> indexed;

    public ReviewBoard(Workspace ws, Clock clock, Settings settings) {
        this.ws = ws;
        this.clock = clock;
        this.settings = settings;
        this.claims = new RowClaims(ws.root());
        this.log = ReviewedDataset.log(ws);
    }

    public Workspace workspace() {
        return ws;
    }

    public Settings settings() {
        return settings;
    }

    /** Lines of the queue, training file or log that could not be read. */
    public synchronized List<String> warnings() {
        refresh();
        return warnings;
    }

    /** The rows still needing a decision (from anyone), in queue order. */
    public synchronized List<QueueRow> pending() {
        refresh();
        return rows.stream()
                .filter(r -> decidedBy(r.digest()).size() < required(r.digest()))
                .toList();
    }

    /** A row by id (its content digest). */
    public synchronized QueueRow row(String id) {
        refresh();
        QueueRow r = byId.get(id);
        if (r == null)
            throw new NoSuchElementException(
                    "no row " + id + " in the review of " + ws.root().getFileName());
        return r;
    }

    /** Whether the row goes to two reviewers. */
    public boolean doubleReviewed(String digest) {
        if (settings.doubleShare() <= 0) return false;
        String h = Digests.sha256((settings.seed() + ":" + digest).getBytes(StandardCharsets.UTF_8));
        double u = Long.parseLong(h.substring(0, 13), 16) / (double) (1L << 52);
        return u < settings.doubleShare();
    }

    private int required(String digest) {
        return doubleReviewed(digest) ? 2 : 1;
    }

    private Set<String> decidedBy(String digest) {
        Set<String> who = new LinkedHashSet<>();
        for (ReviewLog.Entry e : decisions.getOrDefault(digest, List.of())) who.add(e.reviewer());
        return who;
    }

    private boolean openFor(QueueRow r, String reviewer) {
        Set<String> who = decidedBy(r.digest());
        return who.size() < required(r.digest()) && !who.contains(reviewer);
    }

    /**
     * Gives the reviewer a row nobody else holds: the one they already hold, or the first open row not in
     * {@code skip}. Empty when nothing is left for them.
     */
    public synchronized Optional<Claimed> claim(String reviewer, Set<String> skip) {
        return claim(reviewer, skip, r -> true);
    }

    /**
     * The same among the rows {@code only} selects (a reviewer's filter): a row they hold that it does not select is
     * given back, so that it is open to others at once.
     */
    public synchronized Optional<Claimed> claim(String reviewer, Set<String> skip, Predicate<QueueRow> only) {
        String who = name(reviewer);
        return claims.update(map -> {
            refresh();
            Instant now = clock.instant();
            for (RowClaims.Claim c : map.values()) {
                QueueRow r = byId.get(c.row());
                if (c.reviewer().equals(who)
                        && c.activeAt(now)
                        && r != null
                        && openFor(r, who)
                        && !skip.contains(r.digest())
                        && only.test(r)) {
                    RowClaims.Claim renewed = new RowClaims.Claim(c.row(), who, c.token(), expiry(now));
                    map.put(c.row(), renewed);
                    return Optional.of(new Claimed(r, renewed.token(), renewed.expires()));
                }
            }
            map.values()
                    .removeIf(c -> !c.activeAt(now)
                            || !byId.containsKey(c.row())
                            || decidedBy(c.row()).contains(c.reviewer())
                            || (c.reviewer().equals(who) && !only.test(byId.get(c.row()))));
            for (QueueRow r : rows) {
                if (skip.contains(r.digest()) || !openFor(r, who) || !only.test(r)) continue;
                RowClaims.Claim held = map.get(r.digest());
                if (holds(held, now) && !held.reviewer().equals(who)) continue;
                byte[] t = new byte[16];
                RANDOM.nextBytes(t);
                RowClaims.Claim c =
                        new RowClaims.Claim(r.digest(), who, HexFormat.of().formatHex(t), expiry(now));
                map.put(r.digest(), c);
                return Optional.of(new Claimed(r, c.token(), c.expires()));
            }
            return Optional.empty();
        });
    }

    /** Whether a claim still holds its row: live, and its holder has not decided the row yet. */
    private boolean holds(RowClaims.Claim c, Instant now) {
        return c != null && c.activeAt(now) && !decidedBy(c.row()).contains(c.reviewer());
    }

    /** Gives a claimed row back (a skip): it is open to others at once. */
    public synchronized void release(String reviewer, String id, String token) {
        claims.update(map -> {
            RowClaims.Claim c = map.get(id);
            if (c != null && c.token().equals(token) && c.reviewer().equals(name(reviewer))) map.remove(id);
            return null;
        });
    }

    /**
     * Decides a claimed row: appends the decision (with fsync) to the review log, then drops the claim.
     *
     * @param action {@code approve}, {@code reject} or {@code edit} (with {@code output})
     * @throws ClaimConflictException when the claim is not this reviewer's (another holds the row, or it was decided)
     * @throws InvalidInputException when the action is not one of those, an edit has no output, or the draft
     *     approved is the very output that failed in production
     */
    public synchronized ReviewLog.Entry decide(String reviewer, String id, String token, String action, String output) {
        String who = name(reviewer);
        String fixed = validate(action, output);
        return claims.update(map -> {
            refresh();
            QueueRow r = byId.get(id);
            if (r == null)
                throw new NoSuchElementException(
                        "no row " + id + " in the review of " + ws.root().getFileName());
            RowClaims.Claim c = map.get(id);
            Instant now = clock.instant();
            if (c == null
                    || token == null
                    || !c.token().equals(token)
                    || !c.reviewer().equals(who)) {
                if (holds(c, now) && !c.reviewer().equals(who)) {
                    throw new ClaimConflictException(
                            "row " + id + " is claimed by " + c.reviewer() + " until " + c.expires());
                }
                throw new ClaimConflictException("row " + id + ": this claim is not held by " + who
                        + " (it expired and was taken, or was never given); claim a row again");
            }
            if (!openFor(r, who)) throw new ClaimConflictException("row " + id + " has every decision it needs");
            // the claim stays in the file until the next claim rewrites it: a claim whose holder has decided the
            // row no longer holds it, and not rewriting the file here saves a write per decision
            return append(who, r, action, fixed);
        });
    }

    /**
     * Decides every open row that {@code filter} selects and no other reviewer holds, as {@code reviewer}
     * ({@code approve} or {@code reject}). A draft that is the output that failed in production is never
     * bulk-approved.
     */
    public synchronized Bulk bulk(String reviewer, Predicate<QueueRow> filter, String action) {
        String who = name(reviewer);
        if (!"approve".equals(action) && !"reject".equals(action))
            throw new InvalidInputException("action: expected approve or reject, found \"" + action + "\"");
        return claims.update(map -> {
            refresh();
            Instant now = clock.instant();
            int decided = 0, claimed = 0, bad = 0;
            for (QueueRow r : rows) {
                if (!openFor(r, who) || !filter.test(r)) continue;
                RowClaims.Claim c = map.get(r.digest());
                if (holds(c, now) && !c.reviewer().equals(who)) {
                    claimed++;
                    continue;
                }
                if ("approve".equals(action) && r.draftIsBadOutput()) {
                    bad++;
                    continue;
                }
                append(who, r, action, null);
                decided++;
            }
            return new Bulk(decided, claimed, bad);
        });
    }

    /** How far the review is. */
    public synchronized Progress progress() {
        Map<String, RowClaims.Claim> live = claims.update(m -> new LinkedHashMap<>(m));
        refresh();
        Instant now = clock.instant();
        int done = 0, doubles = 0;
        Map<String, Long> by = new TreeMap<>();
        for (QueueRow r : rows) {
            List<ReviewLog.Entry> es = decisions.getOrDefault(r.digest(), List.of());
            if (decidedBy(r.digest()).size() >= required(r.digest())) done++;
            if (doubleReviewed(r.digest())) doubles++;
            for (ReviewLog.Entry e : es) by.merge(e.reviewer(), 1L, Long::sum);
        }
        int claimed = (int) live.values().stream()
                .filter(c -> byId.containsKey(c.row()) && holds(c, now))
                .count();
        return new Progress(rows.size(), done, rows.size() - done, claimed, by, doubles);
    }

    /** Every row's decisions in log order (rows of this review only), for agreement. */
    public synchronized Map<String, List<ReviewLog.Entry>> decisions() {
        refresh();
        Map<String, List<ReviewLog.Entry>> out = new LinkedHashMap<>();
        for (QueueRow r : rows) {
            List<ReviewLog.Entry> es = decisions.get(r.digest());
            if (es != null) out.put(r.digest(), List.copyOf(es));
        }
        return out;
    }

    /** The training rows most like a queued row (MinHash estimate of the Jaccard similarity), best first. */
    public synchronized List<Neighbour> neighbours(QueueRow q, int max) {
        refresh();
        if (index == null || index.size() == 0) return List.of();
        List<Neighbour> out = new ArrayList<>();
        for (Match m : index.query(hasher.sign(q.example().input()))) {
            Neighbour n = indexed.get(m.row());
            out.add(new Neighbour(n.line(), n.status(), n.input(), n.output(), m.estimatedJaccard()));
            if (out.size() == max) break;
        }
        return out;
    }

    private ReviewLog.Entry append(String who, QueueRow r, String action, String output) {
        ReviewLog.Entry e = new ReviewLog.Entry(
                1,
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                who,
                action,
                r.digest(),
                r.source(),
                output);
        log.append(e);
        follow();
        return e;
    }

    private static String validate(String action, String output) {
        if (action == null || !List.of("approve", "reject", "edit").contains(action)) {
            throw new InvalidInputException("action: expected approve, reject or edit, found "
                    + (action == null ? "nothing" : "\"" + action + "\""));
        }
        if (!"edit".equals(action)) return null;
        if (output == null || output.isBlank())
            throw new InvalidInputException("output: expected the edited output for an edit, found nothing");
        return output.strip();
    }

    private static String name(String reviewer) {
        if (reviewer == null || reviewer.isBlank())
            throw new InvalidInputException("reviewer: expected a name, found nothing");
        return reviewer.strip();
    }

    private String expiry(Instant now) {
        return now.plus(settings.lease()).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** Reloads the rows when the queue or training file changed, and reads the log's new lines. */
    private void refresh() {
        Path queue = ReviewedDataset.queue(ws).file();
        Path train = ws.data().train();
        String stamp = stamp(queue) + "|" + (train == null ? "" : stamp(train));
        if (!stamp.equals(rowsStamp)) {
            load(train);
            rowsStamp = stamp;
        }
        follow();
    }

    private void follow() {
        ReviewLog.Tail tail = log.readFrom(logOffset);
        if (tail.offset() < logOffset) decisions.clear();
        logOffset = tail.offset();
        for (ReviewLog.Entry e : tail.entries())
            decisions.computeIfAbsent(e.row(), k -> new ArrayList<>()).add(e);
    }

    private static String stamp(Path f) {
        try {
            return Files.exists(f)
                    ? Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis()
                    : "-";
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private void load(Path train) {
        List<QueueRow> list = new ArrayList<>();
        List<String> warn = new ArrayList<>();
        ReviewQueue.Contents queue = ReviewedDataset.queue(ws).read();
        queue.findings().forEach(f -> warn.add("review queue: " + f));
        for (QueueRow q : queue.rows()) if (ReviewSession.isPending(q.example())) list.add(q);
        NearDuplicateParams params = NearDuplicateParams.defaults();
        MinHasher h = new MinHasher(params);
        NearDuplicateIndex idx = new NearDuplicateIndex(params);
        List<Neighbour> shown = new ArrayList<>();
        if (train != null && Files.isRegularFile(train)) {
            String name = ws.relative(train);
            DatasetRows.read(ws, train, r -> {
                if (!r.valid()) return;
                Example ex = r.example();
                if (ReviewSession.isPending(ex)) {
                    String prov = ex.metadata().provenance() == null
                            ? "no provenance"
                            : ex.metadata().provenance();
                    list.add(QueueRow.of(
                            name + ":" + r.line(), ex, "LLM draft awaiting approval (" + prov + ")", null, null));
                    return;
                }
                idx.add(shown.size(), h.sign(ex.input()));
                shown.add(new Neighbour(r.line(), String.valueOf(ex.metadata().status()), ex.input(), ex.output(), 1));
            });
        }
        Map<String, QueueRow> ids = new LinkedHashMap<>();
        for (QueueRow q : list) ids.putIfAbsent(q.digest(), q);
        rows = List.copyOf(ids.values());
        byId = ids;
        warnings = List.copyOf(warn);
        index = idx;
        hasher = h;
        indexed = shown;
    }
}
