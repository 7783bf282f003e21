package dev.tunegate.dataops.review;

import dev.tunegate.audit.neardup.Match;
import dev.tunegate.audit.neardup.MinHasher;
import dev.tunegate.audit.neardup.NearDuplicateIndex;
import dev.tunegate.audit.neardup.NearDuplicateParams;
import dev.tunegate.audit.read.Example;
import dev.tunegate.audit.read.Message;
import dev.tunegate.audit.read.Role;
import dev.tunegate.dataops.DatasetRows;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code tunegate review DIR --reviewer NAME}: the review queue in the terminal. Shows each pending row
 * (the input, the draft output, why it is here, the near duplicates already in the dataset) and reads one
 * command a line — {@code a}pprove, {@code r}eject, {@code e}dit (the next line is the new output),
 * {@code s}kip, {@code q}uit — so a script can drive it through stdin. Every decision is appended to the
 * review log with fsync before the next row is shown: killing the process loses at most the row on
 * screen. The log is replayed on start, so decided rows are never shown again. A second session on the
 * same workspace is refused ({@link WorkspaceLock}).
 *
 * <p>Pending rows are the review queue's rows with status {@code pending}, then the training file's
 * rows with status {@code pending} (LLM drafts). Rows are approved one by one; there is no bulk approval.
 */
public final class ReviewSession {
    /** The lock file of the review session, relative to the workspace. */
    public static final String LOCK = ".tunegate/review.lock";
    static final int NEAR_SHOWN = 3;
    static final int TEXT_SHOWN = 600;

    private final Workspace ws;
    private final String reviewer;
    private final Clock clock;

    public ReviewSession(Workspace ws, String reviewer, Clock clock) {
        if (reviewer == null || reviewer.isBlank()) throw new InvalidInputException("--reviewer: expected your name, found nothing");
        this.ws = ws;
        this.reviewer = reviewer.strip();
        this.clock = clock;
    }

    /**
     * What a session did.
     *
     * @param pending rows pending when it started
     * @param approved rows approved (as drafted)
     * @param edited rows approved with an edited output
     * @param rejected rows rejected
     * @param skipped rows skipped (they stay pending)
     * @param remaining rows still pending when it ended
     * @param warnings what a person should know (log lines ignored after a crash, a stale lock taken over)
     */
    public record Summary(long pending, long approved, long edited, long rejected, long skipped, long remaining, List<String> warnings) {
        public Summary { warnings = List.copyOf(warnings); }
    }

    private record Shown(int line, String status, String input, String output) {}

    /** Runs the session until the queue is done, {@code q} or the end of {@code in}. */
    public Summary run(BufferedReader in, PrintWriter out) {
        List<String> warnings = new ArrayList<>();
        try (WorkspaceLock lock = WorkspaceLock.acquire(ws.root().resolve(LOCK), "review", "reviewer " + reviewer)) {
            if (lock.takenOver() != null) warnings.add("a stale lock of a session that ended without quitting was taken over (" + lock.takenOver() + ")");
            ReviewLog log = ReviewedDataset.log(ws);
            ReviewLog.Replay replay = log.replay();
            warnings.addAll(replay.warnings());
            warnings.forEach(w -> out.println("warning: " + dev.tunegate.io.TerminalText.visible(w)));
            Map<String, ReviewLog.Entry> decided = replay.latest();

            List<QueueRow> pending = new ArrayList<>();
            ReviewQueue.Contents queue = ReviewedDataset.queue(ws).read();
            queue.findings().forEach(f -> out.println("warning: review queue: " + dev.tunegate.io.TerminalText.visible(String.valueOf(f))));
            for (QueueRow q : queue.rows()) {
                if (isPending(q.example()) && !decided.containsKey(q.digest())) pending.add(q);
            }
            NearDuplicateParams params = NearDuplicateParams.defaults();
            MinHasher hasher = new MinHasher(params);
            NearDuplicateIndex index = new NearDuplicateIndex(params);
            List<Shown> shown = new ArrayList<>();
            Path train = ws.path("data.train").orElse(null);
            if (train != null && Files.isRegularFile(train)) {
                String name = ws.relative(train);
                DatasetRows.read(ws, train, r -> {
                    if (!r.valid()) return;
                    Example ex = r.example();
                    if (isPending(ex)) {
                        QueueRow q = QueueRow.of(name + ":" + r.line(), ex, "LLM draft awaiting approval (" + provenance(ex) + ")", null, null);
                        if (!decided.containsKey(q.digest())) pending.add(q);
                        return;
                    }
                    index.add(shown.size(), hasher.sign(ex.input()));
                    shown.add(new Shown((int) r.line(), String.valueOf(ex.metadata().status()), ex.input(), ex.output()));
                });
            }
            out.println(pending.size() + " rows pending review; reviewing as " + reviewer + ". Commands: a approve, r reject, e edit, s skip, q quit.");
            long approved = 0, edited = 0, rejected = 0, skipped = 0;
            int i = 0;
            loop:
            for (; i < pending.size(); i++) {
                QueueRow q = pending.get(i);
                show(out, q, i + 1, pending.size(), index.size() == 0 ? List.of() : index.query(hasher.sign(q.example().input())), shown);
                while (true) {
                    out.print("[a]pprove [r]eject [e]dit [s]kip [q]uit > ");
                    out.flush();
                    String cmd = readLine(in);
                    if (cmd == null) break loop;
                    switch (cmd.strip().toLowerCase(Locale.ROOT)) {
                        case "a", "approve" -> {
                            if (q.draftIsBadOutput()) {
                                out.println("  this draft is the output that failed in production: edit it (e) or reject it (r)");
                                continue;
                            }
                            log.append(entry("approve", q, null));
                            approved++;
                            out.println("  approved");
                        }
                        case "r", "reject" -> {
                            log.append(entry("reject", q, null));
                            rejected++;
                            out.println("  rejected");
                        }
                        case "e", "edit" -> {
                            out.print("  new output (one line; empty to cancel): ");
                            out.flush();
                            String text = readLine(in);
                            if (text == null) break loop;
                            String fixed = text.strip().replace("\\n", "\n");
                            if (fixed.isEmpty()) {
                                out.println("  edit cancelled");
                                continue;
                            }
                            log.append(entry("edit", q, fixed));
                            edited++;
                            out.println("  edited and approved");
                        }
                        case "s", "skip" -> {
                            skipped++;
                            out.println("  skipped (stays pending)");
                        }
                        case "q", "quit" -> { break loop; }
                        default -> {
                            out.println("  unknown command \"" + cmd.strip() + "\": a approve, r reject, e edit, s skip, q quit");
                            continue;
                        }
                    }
                    break;
                }
            }
            long remaining = pending.size() - approved - edited - rejected;
            out.println("done: " + approved + " approved, " + edited + " edited, " + rejected + " rejected, " + skipped + " skipped; "
                    + remaining + " still pending. Decisions are in " + ReviewLog.FILE + ".");
            out.flush();
            return new Summary(pending.size(), approved, edited, rejected, skipped, remaining, warnings);
        }
    }

    private ReviewLog.Entry entry(String action, QueueRow q, String output) {
        return new ReviewLog.Entry(1, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(), reviewer, action, q.digest(), q.source(), output);
    }

    static boolean isPending(Example ex) {
        return "pending".equals(ex.metadata().status());
    }

    private static String provenance(Example ex) {
        return ex.metadata().provenance() == null ? "no provenance" : ex.metadata().provenance();
    }

    private static void show(PrintWriter out, QueueRow q, int n, int total, List<Match> near, List<Shown> shown) {
        Example ex = q.example();
        out.println();
        out.println("── " + n + "/" + total + "  " + clip(q.source()) + "  (" + clip(provenance(ex)) + (ex.metadata().era() == null ? "" : ", era " + clip(ex.metadata().era())) + ")");
        out.println("Why: " + (q.why() == null ? "pending review" : clip(q.why())) + (q.when() == null ? "" : " (" + clip(q.when()) + ")"));
        for (Message m : ex.messages()) {
            if (m == ex.messages().get(ex.messages().size() - 1)) break;
            if (m.role() == Role.SYSTEM) continue;
            out.println("Input: " + clip(m.content()));
        }
        if (q.badOutput() != null) out.println("Failed output: " + clip(q.badOutput()));
        out.println("Draft output: " + clip(ex.output()) + (q.draftIsBadOutput() ? "   (no correction given: edit it)" : ""));
        if (near.isEmpty()) {
            out.println("Near duplicates in the dataset: none");
        } else {
            out.println("Near duplicates in the dataset:");
            for (Match m : near.subList(0, Math.min(NEAR_SHOWN, near.size()))) {
                Shown s = shown.get(m.row());
                out.println(String.format(Locale.ROOT, "  line %d (%s, Jaccard ≈ %.2f): %s → %s", s.line(), s.status(), m.estimatedJaccard(), clip(s.input(), 120), clip(s.output(), 120)));
            }
        }
    }

    private static String clip(String s) { return clip(s, TEXT_SHOWN); }

    private static String clip(String s, int max) {
        String one = dev.tunegate.io.TerminalText.visible(s.replace("\n", " ⏎ ")); // a row must not drive the reviewer's terminal
        return one.length() > max ? one.substring(0, max - 1) + "…" : one;
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the terminal: " + e.getMessage(), e);
        }
    }
}
