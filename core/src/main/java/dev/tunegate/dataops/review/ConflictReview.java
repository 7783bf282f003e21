package dev.tunegate.dataops.review;

import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.AuditCheck;
import dev.tunegate.audit.AuditRequest;
import dev.tunegate.audit.DatasetAudit;
import dev.tunegate.audit.FindingKind;
import dev.tunegate.audit.FindingSink;
import dev.tunegate.audit.Fingerprint;
import dev.tunegate.audit.RowOverlay;
import dev.tunegate.audit.read.Example;
import dev.tunegate.audit.read.RowMetadata;
import dev.tunegate.dataops.RowDigests;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.Digests;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.WorkspaceWriteLock;
import dev.tunegate.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The conflict groups of a workspace's approved rows, for a reviewer to settle ({@code tunegate review DIR
 * --conflicts}): each group is a conflict finding of the audit (the same or a near-duplicate input with rival
 * outputs) over the reviewed dataset (the training file with the review log applied, the approved queue rows, rows
 * that lost an earlier resolution left out) whose approved (or gold), current-era rows disagree — exactly the groups
 * FT-CONSISTENT counts. The reviewed dataset is not written out: it is the view of the log as the overlay of the
 * training file's one audit pass ({@link ReviewOverlay}), whose rows and groups the listing follows as the pass goes
 * (a {@link RowOverlay.Listener}). A resolution picks the output that wins (or rejects the whole
 * group) and is appended to the review log as a {@link ReviewLog.Resolution}; every replay of the log then leaves
 * the losing rows out.
 *
 * <p>Two reviewers never settle one group at once: a group is claimed as a lease (its id) in a claim store of its
 * own ({@code .tunegate/conflict-claims.json} under an OS lock, {@link RowClaims}), and a resolution is appended only
 * while that lock and the workspace write lock are held, after checking that no resolution appended since the groups
 * were listed touched the group's rows.
 */
public final class ConflictReview {
    /** The claims file of conflict groups, relative to the workspace. */
    public static final String CLAIMS = ".tunegate/conflict-claims.json";
    /** Its lock file. */
    public static final String CLAIMS_LOCK = ".tunegate/conflict-claims.lock";

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One row of a group.
     *
     * @param index the row's index in the reviewed dataset (training rows in file order, then approved queue rows)
     * @param source where it is: {@code file:line}
     * @param digest its content digest (as reviewed: after an edit)
     * @param metadata its status, reviewer, provenance and era (as reviewed)
     * @param counted whether FT-CONSISTENT counts it (approved or gold, current era, no unfilled placeholder)
     */
    public record Member(int index, String source, String digest, RowMetadata metadata, boolean counted) {
        /** "approved by ana", "gold", "pending", … */
        public String who() {
            RowMetadata m = metadata;
            String s = m.gold() ? "gold" : m.status() == null ? "no status" : m.status();
            if (m.reviewer() != null) s += " by " + m.reviewer();
            if (!counted && (m.approved() || m.gold())) s += ", not counted (era or placeholder)";
            return s;
        }
    }

    /** One of a group's outputs (outputs equal after the audit's normalisation are one) and the rows that give it. */
    public record Rival(String output, List<Member> rows) {
        public Rival {
            rows = List.copyOf(rows);
        }

        /** Rows FT-CONSISTENT counts. */
        public long counted() {
            return rows.stream().filter(Member::counted).count();
        }
    }

    /**
     * A conflict group.
     *
     * @param number its place in the listing (1 = the most counted rows)
     * @param id a stable id: the first 12 hex digits of SHA-256 over its rows' sorted content digests
     * @param inputs its distinct inputs (near duplicates differ)
     * @param rivals its outputs, the most counted rows first
     */
    public record Group(int number, String id, List<String> inputs, List<Rival> rivals) {
        public Group {
            inputs = List.copyOf(inputs);
            rivals = List.copyOf(rivals);
        }

        public List<Member> members() {
            return rivals.stream().flatMap(r -> r.rows().stream()).toList();
        }

        public long counted() {
            return rivals.stream().mapToLong(Rival::counted).sum();
        }

        /** The rival a row reference names: a line of the training file ("12") or a source ("data/review-queue.jsonl:3"). */
        public Optional<Integer> rivalOf(String rowRef) {
            String ref = rowRef.strip();
            List<Integer> hits = new ArrayList<>();
            for (int k = 0; k < rivals.size(); k++) {
                for (Member m : rivals.get(k).rows()) {
                    String src = m.source();
                    boolean match = ref.contains(":") ? src.equals(ref) : src.endsWith(":" + ref);
                    if (match && !hits.contains(k)) hits.add(k);
                }
            }
            return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
        }
    }

    /**
     * The groups to settle.
     *
     * @param groups the groups, largest first
     * @param countedRows approved (or gold) current-era rows of the reviewed dataset
     * @param log the review log's state the groups were found in
     * @param resolutionsSeen resolutions in that state (a later one touching a group's rows makes its listing stale)
     * @param notes what a person should know (log lines ignored, …)
     */
    public record Listing(
            List<Group> groups, long countedRows, ReviewLog.Snapshot log, int resolutionsSeen, List<String> notes) {
        public Listing {
            groups = List.copyOf(groups);
            notes = List.copyOf(notes);
        }

        /** A group by its number ("2") or by its id or an unambiguous prefix of it (at least 6 hex digits). */
        public Group group(String ref) {
            String r = ref.strip();
            if (r.matches("\\d{1,5}")) {
                int n = Integer.parseInt(r);
                if (n >= 1 && n <= groups.size()) return groups.get(n - 1);
                throw new InvalidInputException("conflict group " + r + ": expected a number from 1 to " + groups.size()
                        + " (or a group id), found " + r);
            }
            List<Group> hit = r.length() >= 6
                    ? groups.stream().filter(g -> g.id().startsWith(r)).toList()
                    : List.of();
            if (hit.size() != 1)
                throw new InvalidInputException("conflict group \"" + r + "\": expected a group number (1–"
                        + groups.size() + ") or the id of an open group, found "
                        + (hit.isEmpty() ? "no such group" : "an ambiguous id"));
            return hit.get(0);
        }
    }

    private final Workspace ws;
    private final Clock clock;
    private final int threads;
    private final RowClaims claims;
    private final ReviewLog log;
    private final Duration lease;

    public ConflictReview(Workspace ws, Clock clock, int threads) {
        this(ws, clock, threads, ReviewBoard.DEFAULT_LEASE);
    }

    /**
     * A conflict review whose claims last {@code lease} (the web workspace passes the lease of its row review, so
     * both kinds of claim lapse alike).
     */
    public ConflictReview(Workspace ws, Clock clock, int threads, Duration lease) {
        if (lease.isNegative() || lease.isZero())
            throw new InvalidInputException("lease: expected a positive duration, found " + lease);
        this.ws = ws;
        this.clock = clock;
        this.threads = Math.max(1, threads);
        this.claims = new RowClaims(ws.root(), CLAIMS, CLAIMS_LOCK);
        this.log = ReviewedDataset.log(ws);
        this.lease = lease;
    }

    /**
     * Finds the conflict groups of the reviewed dataset as the review log stands now: one audit pass over the
     * training file with the log as its overlay ({@link ReviewOverlay}), the groups and rows taken from the overlaid
     * view as it is audited ({@link RowOverlay.Listener}); no scratch copy, the file read once.
     */
    public Listing list() {
        // the log read and replayed once: the listing applies and names the very state it read
        ReviewLog.State state = log.state();
        ReviewLog.Replay replay = state.replay();
        ReviewQueue.Contents queue = ReviewedDataset.queue(ws).read();
        Path train = ws.data()
                .trainFile()
                .orElseThrow(() ->
                        new InvalidInputException(ws.configFile() + ": data.train is not set: there is no dataset"));
        List<String> notes = new ArrayList<>(replay.warnings());
        queue.findings().forEach(f -> notes.add("review queue: " + f));
        String trainName = ws.relative(train);
        ReviewedView view =
                new ReviewedView(ReviewOverlay.of(replay, queue, trainName + " + " + ReviewLog.FILE), trainName);
        // counts and conflicts only (no signatures for near duplicates, no tokens, PII, schema or golden set), the
        // view's checks too; a damaged file is an error, as it is to export
        AuditRequest request = AuditRequest.of(ws.data()).withChecks(ReviewedView.CHECKS);
        DatasetAudit.run(request, view, Progress.SILENT, threads, FindingSink.NONE, ws::relative);
        long counted = 0;
        boolean[] countedRow = new boolean[view.rows.size()];
        for (int i = 0; i < countedRow.length; i++) {
            ReviewedView.Row row = view.rows.get(i);
            // the rows FT-CONSISTENT's share is over: usable (a row edited to an empty output is not), approved or
            // gold,
            // of a current era, no unfilled placeholder
            countedRow[i] = row.valid() && row.counted();
            if (countedRow[i]) counted++;
        }
        List<Group> groups = new ArrayList<>();
        for (List<Integer> g : view.conflicts) {
            Group grp = group(g, view.rows, countedRow);
            if (grp != null) groups.add(grp);
        }
        groups.sort(Comparator.comparingLong((Group g) -> -g.counted())
                .thenComparingInt(
                        g -> g.members().stream().mapToInt(Member::index).min().orElse(0)));
        List<Group> numbered = new ArrayList<>();
        for (int k = 0; k < groups.size(); k++) {
            Group g = groups.get(k);
            numbered.add(new Group(k + 1, g.id(), g.inputs(), g.rivals()));
        }
        return new Listing(
                numbered, counted, state.snapshot(), replay.resolutions().size(), notes);
    }

    /**
     * The review log's overlay of the training file, followed as the audit's pass goes: the reviewed dataset's rows in
     * its order (the file's rows the log keeps, then the queue rows it approves), each with its example as reviewed and
     * its source, and the view's conflict groups. The examples wait, by their row in the file, from the worker that applied the log to a
     * row until the merger numbers it in the view.
     */
    private static final class ReviewedView implements RowOverlay, RowOverlay.Listener {
        /** What the listing reads of the view (and of the file, whose row work the view reuses). */
        static final Set<AuditCheck> CHECKS =
                Collections.unmodifiableSet(EnumSet.of(AuditCheck.COUNTS, AuditCheck.CONFLICTS));

        /** A row of the view. */
        record Row(Example example, String source, boolean valid, boolean counted) {}

        private final ReviewOverlay overlay;
        private final String trainName;
        private final ConcurrentHashMap<Integer, Example> applied = new ConcurrentHashMap<>();
        private final List<Extra> appended;
        private int nextExtra;
        final List<Row> rows = new ArrayList<>();
        final List<List<Integer>> conflicts = new ArrayList<>();

        ReviewedView(ReviewOverlay overlay, String trainName) {
            this.overlay = overlay;
            this.trainName = trainName;
            this.appended =
                    overlay.extras().stream().filter(x -> x.example() != null).toList();
        }

        @Override
        public Example apply(Example row, int index, long line) {
            Example out = overlay.apply(row, index, line);
            if (out != null) applied.put(index, out);
            return out;
        }

        @Override
        public List<Extra> extras() {
            return overlay.extras();
        }

        @Override
        public String name() {
            return overlay.name();
        }

        @Override
        public Set<AuditCheck> checks() {
            return CHECKS;
        }

        @Override
        public Listener listener() {
            return this;
        }

        @Override
        public void row(int index, int fileRow, long line, boolean valid, boolean counted) {
            if (index != rows.size()) throw new IllegalStateException("row " + index + " after " + rows.size());
            if (fileRow >= 0) rows.add(new Row(applied.remove(fileRow), trainName + ":" + line, valid, counted));
            else {
                Extra x = appended.get(nextExtra++);
                rows.add(new Row(x.example(), x.source(), valid, counted));
            }
        }

        @Override
        public void accept(Finding f) {
            if (f.kind().equals(FindingKind.CONFLICT.key())) conflicts.add(f.rows());
        }
    }

    /** A group when its counted rows have rival outputs (FT-CONSISTENT's groups), else null. */
    private static Group group(List<Integer> rowIdx, List<ReviewedView.Row> rows, boolean[] countedRow) {
        Map<Long, List<Member>> byOutput = new LinkedHashMap<>();
        Map<Long, String> outputText = new LinkedHashMap<>();
        Set<Long> countedOutputs = new HashSet<>();
        Set<String> inputs = new LinkedHashSet<>();
        TreeSet<String> digests = new TreeSet<>();
        List<Integer> ordered = new ArrayList<>(rowIdx);
        ordered.sort(null);
        for (int i : ordered) {
            Example ex = rows.get(i).example();
            long out = Fingerprint.ofNormalized(ex.output());
            String digest = RowDigests.content(ex);
            digests.add(digest);
            inputs.add(ex.input());
            outputText.putIfAbsent(out, ex.output());
            byOutput.computeIfAbsent(out, k -> new ArrayList<>())
                    .add(new Member(i, rows.get(i).source(), digest, ex.metadata(), countedRow[i]));
            if (countedRow[i]) countedOutputs.add(out);
        }
        if (countedOutputs.size() < 2) return null;
        List<Rival> rivals = new ArrayList<>();
        for (var e : byOutput.entrySet()) rivals.add(new Rival(outputText.get(e.getKey()), e.getValue()));
        rivals.sort(Comparator.comparingLong((Rival r) -> -r.counted())
                .thenComparingInt(r -> r.rows().get(0).index()));
        String id = Digests.sha256(String.join("\n", digests).getBytes(StandardCharsets.UTF_8))
                .substring(0, 12);
        return new Group(0, id, new ArrayList<>(inputs), rivals);
    }

    /** A group handed to a reviewer: resolve it with {@code token} before its lease ends. */
    public record Claimed(Group group, String token) {}

    /** Claims a group for a reviewer; empty when another reviewer holds it. */
    public Optional<Claimed> claim(String reviewer, Group g) {
        String who = name(reviewer);
        return claims.update(map -> {
            Instant now = clock.instant();
            map.values().removeIf(c -> !c.activeAt(now));
            RowClaims.Claim held = map.get(g.id());
            if (held != null && !held.reviewer().equals(who)) return Optional.empty();
            String token = held != null ? held.token() : token();
            map.put(
                    g.id(),
                    new RowClaims.Claim(
                            g.id(),
                            who,
                            token,
                            now.plus(lease).truncatedTo(ChronoUnit.MILLIS).toString()));
            return Optional.of(new Claimed(g, token));
        });
    }

    /** Who holds a group's live claim, if anyone. */
    public Optional<String> holder(Group g) {
        return claims.update(map -> {
            RowClaims.Claim c = map.get(g.id());
            return c != null && c.activeAt(clock.instant()) ? Optional.of(c.reviewer()) : Optional.<String>empty();
        });
    }

    /** Gives a claimed group back (a skip). */
    public void release(String reviewer, Claimed c) {
        claims.update(map -> {
            RowClaims.Claim held = map.get(c.group().id());
            if (held != null
                    && held.token().equals(c.token())
                    && held.reviewer().equals(name(reviewer)))
                map.remove(c.group().id());
            return null;
        });
    }

    /**
     * Resolves a claimed group: appends the resolution (with fsync) to the review log under the claims lock and the
     * workspace write lock, then
     * drops the claim.
     *
     * @param winner the index of the winning rival in {@link Group#rivals()}, or -1 to reject the whole group
     * @param listing the listing the group came from (a resolution appended since that touched its rows refuses this one)
     * @throws ClaimConflictException when the claim is not held, or the group changed since it was listed
     */
    public ReviewLog.Resolution resolve(String reviewer, Claimed c, int winner, Listing listing) {
        String who = name(reviewer);
        Group g = c.group();
        if (winner < -1 || winner >= g.rivals().size())
            throw new InvalidInputException("conflict group " + g.number() + ": expected an output from 1 to "
                    + g.rivals().size() + " or reject, found " + (winner + 1));
        if (winner >= 0 && g.rivals().get(winner).counted() == 0)
            throw new InvalidInputException("conflict group " + g.number() + ": output " + (winner + 1)
                    + " has no approved row; pick an approved output or reject the group");
        return claims.update(map -> {
            RowClaims.Claim held = map.get(g.id());
            Instant now = clock.instant();
            if (held == null
                    || !held.token().equals(c.token())
                    || !held.reviewer().equals(who)) {
                if (held != null && held.activeAt(now) && !held.reviewer().equals(who))
                    throw new ClaimConflictException("conflict group " + g.id() + " is claimed by " + held.reviewer()
                            + " until " + held.expires());
                throw new ClaimConflictException("conflict group " + g.id() + ": this claim is not held by " + who
                        + " (it expired and was taken); list the groups again");
            }
            // the check and the append under the workspace write lock (taken inside the claims lock, the order every
            // claim store uses): no other writer appends to the log between them
            try (WorkspaceWriteLock writing = WorkspaceWriteLock.acquire(ws.root())) {
                ReviewLog.Replay now2 = log.replay(log.snapshot());
                Set<String> mine = new HashSet<>();
                g.members().forEach(m -> mine.add(m.digest()));
                List<ReviewLog.Resolution> all = now2.resolutions();
                for (int k = listing.resolutionsSeen(); k < all.size(); k++) {
                    ReviewLog.Resolution r = all.get(k);
                    if (r.group().equals(g.id()) || r.rows().stream().anyMatch(mine::contains))
                        throw new ClaimConflictException("conflict group " + g.id() + " was resolved by " + r.reviewer()
                                + " meanwhile; list the groups again");
                }
                List<String> rowsAll = new ArrayList<>(new TreeSet<>(mine));
                Set<String> keep = new HashSet<>();
                if (winner >= 0) g.rivals().get(winner).rows().forEach(m -> keep.add(m.digest()));
                List<String> drop =
                        rowsAll.stream().filter(d -> !keep.contains(d)).toList();
                ReviewLog.Resolution res = new ReviewLog.Resolution(
                        2,
                        clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                        who,
                        ReviewLog.Resolution.ACTION,
                        g.id(),
                        winner >= 0 ? "choose" : "reject",
                        winner >= 0 ? g.rivals().get(winner).output() : null,
                        rowsAll,
                        drop,
                        String.join(
                                ", ", g.members().stream().map(Member::source).toList()));
                log.append(res);
                map.remove(g.id());
                return res;
            }
        });
    }

    private static String token() {
        byte[] t = new byte[16];
        RANDOM.nextBytes(t);
        return HexFormat.of().formatHex(t);
    }

    private static String name(String reviewer) {
        if (reviewer == null || reviewer.isBlank())
            throw new InvalidInputException("--reviewer: expected your name, found nothing");
        return reviewer.strip();
    }
}
