package dev.tunegate.dataops.review;

import dev.tunegate.audit.read.Example;
import dev.tunegate.audit.read.Message;
import dev.tunegate.audit.read.Role;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code tunegate review DIR --reviewer NAME}: the review queue in the terminal. Shows each pending row
 * (the input, the draft output, why it is here, the near duplicates already in the dataset) and reads one
 * command a line — {@code a}pprove, {@code r}eject, {@code e}dit (the next line is the new output),
 * {@code s}kip, {@code q}uit — so a script can drive it through stdin. Every decision is appended to the
 * review log with fsync before the next row is shown: killing the process loses at most the row on
 * screen. The log is replayed on start, so decided rows are never shown again. Rows are claimed one at a
 * time through the {@link ReviewBoard} (per-row leases in {@link RowClaims}), so other terminal sessions and
 * {@code tunegate serve}'s web review can run on the same workspace at once without ever showing one row to
 * two reviewers.
 *
 * <p>Pending rows are the review queue's rows with status {@code pending}, then the training file's
 * rows with status {@code pending} (LLM drafts). Rows are approved one by one; there is no bulk approval.
 */
public final class ReviewSession {
    static final int NEAR_SHOWN = 3;
    static final int TEXT_SHOWN = 600;

    private final Workspace ws;
    private final String reviewer;
    private final Clock clock;

    public ReviewSession(Workspace ws, String reviewer, Clock clock) {
        if (reviewer == null || reviewer.isBlank())
            throw new InvalidInputException("--reviewer: expected your name, found nothing");
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
    public record Summary(
            long pending,
            long approved,
            long edited,
            long rejected,
            long skipped,
            long remaining,
            List<String> warnings) {
        public Summary {
            warnings = List.copyOf(warnings);
        }
    }

    /** Runs the session until the queue is done, {@code q} or the end of {@code in}. */
    public Summary run(BufferedReader in, PrintWriter out) {
        List<String> warnings = new ArrayList<>();
        // Second reviews are handed out by the web review; here every row needs one decision.
        ReviewBoard board = new ReviewBoard(ws, clock, new ReviewBoard.Settings(ReviewBoard.DEFAULT_LEASE, 0, 0));
        ReviewLog.Replay replay = ReviewedDataset.log(ws).replay();
        warnings.addAll(replay.warnings());
        warnings.addAll(board.warnings());
        warnings.forEach(w -> out.println("warning: " + dev.tunegate.io.TerminalText.visible(w)));
        int pending = board.pending().size();
        out.println(pending + " rows pending review; reviewing as " + reviewer
                + ". Commands: a approve, r reject, e edit, s skip, q quit.");
        long approved = 0, edited = 0, rejected = 0, skipped = 0;
        Set<String> skip = new HashSet<>();
        int n = 0;
        loop:
        while (true) {
            Optional<ReviewBoard.Claimed> claimed = board.claim(reviewer, skip);
            if (claimed.isEmpty()) break;
            QueueRow q = claimed.get().row();
            String token = claimed.get().token();
            // the rows shown so far and those still to show: a skipped row stays pending but is not shown again
            long toShow = board.pending().stream()
                    .filter(r -> !skip.contains(r.digest()))
                    .count();
            show(out, q, ++n, (int) (n - 1 + toShow), board.neighbours(q, NEAR_SHOWN));
            while (true) {
                out.print("[a]pprove [r]eject [e]dit [s]kip [q]uit > ");
                out.flush();
                String cmd = readLine(in);
                if (cmd == null) {
                    board.release(reviewer, q.digest(), token);
                    break loop;
                }
                String action = null;
                String fixed = null;
                switch (cmd.strip().toLowerCase(Locale.ROOT)) {
                    case "a", "approve" -> {
                        if (q.draftIsBadOutput()) {
                            out.println(
                                    "  this draft is the output that failed in production: edit it (e) or reject it (r)");
                            continue;
                        }
                        action = "approve";
                    }
                    case "r", "reject" -> action = "reject";
                    case "e", "edit" -> {
                        out.print("  new output (one line; empty to cancel): ");
                        out.flush();
                        String text = readLine(in);
                        if (text == null) {
                            board.release(reviewer, q.digest(), token);
                            break loop;
                        }
                        fixed = text.strip().replace("\\n", "\n");
                        if (fixed.isEmpty()) {
                            out.println("  edit cancelled");
                            continue;
                        }
                        action = "edit";
                    }
                    case "s", "skip" -> {
                        board.release(reviewer, q.digest(), token);
                        skip.add(q.digest());
                        skipped++;
                        out.println("  skipped (stays pending)");
                    }
                    case "q", "quit" -> {
                        board.release(reviewer, q.digest(), token);
                        break loop;
                    }
                    default -> {
                        out.println("  unknown command \"" + cmd.strip()
                                + "\": a approve, r reject, e edit, s skip, q quit");
                        continue;
                    }
                }
                if (action == null) break; // skipped
                try {
                    board.decide(reviewer, q.digest(), token, action, fixed);
                } catch (ClaimConflictException e) {
                    out.println("  not recorded: " + e.getMessage());
                    break;
                }
                switch (action) {
                    case "approve" -> {
                        approved++;
                        out.println("  approved");
                    }
                    case "reject" -> {
                        rejected++;
                        out.println("  rejected");
                    }
                    default -> {
                        edited++;
                        out.println("  edited and approved");
                    }
                }
                break;
            }
        }
        long remaining = board.pending().size();
        out.println("done: " + approved + " approved, " + edited + " edited, " + rejected + " rejected, " + skipped
                + " skipped; " + remaining + " still pending. Decisions are in " + ReviewLog.FILE + ".");
        out.flush();
        return new Summary(pending, approved, edited, rejected, skipped, remaining, warnings);
    }

    static boolean isPending(Example ex) {
        return "pending".equals(ex.metadata().status());
    }

    private static String provenance(Example ex) {
        return ex.metadata().provenance() == null
                ? "no provenance"
                : ex.metadata().provenance();
    }

    private static void show(PrintWriter out, QueueRow q, int n, int total, List<ReviewBoard.Neighbour> near) {
        Example ex = q.example();
        out.println();
        out.println("── " + n + "/" + total + "  " + q.source() + "  (" + provenance(ex)
                + (ex.metadata().era() == null ? "" : ", era " + ex.metadata().era()) + ")");
        out.println("Why: " + (q.why() == null ? "pending review" : q.why())
                + (q.when() == null ? "" : " (" + q.when() + ")"));
        for (Message m : ex.messages()) {
            if (m == ex.messages().get(ex.messages().size() - 1)) break;
            if (m.role() == Role.SYSTEM) continue;
            out.println("Input: " + clip(m.content()));
        }
        if (q.badOutput() != null) out.println("Failed output: " + clip(q.badOutput()));
        out.println("Draft output: " + clip(ex.output())
                + (q.draftIsBadOutput() ? "   (no correction given: edit it)" : ""));
        if (near.isEmpty()) {
            out.println("Near duplicates in the dataset: none");
        } else {
            out.println("Near duplicates in the dataset:");
            for (ReviewBoard.Neighbour s : near) {
                out.println(String.format(
                        Locale.ROOT,
                        "  line %d (%s, Jaccard ≈ %.2f): %s → %s",
                        s.line(),
                        s.status(),
                        s.jaccard(),
                        clip(s.input(), 120),
                        clip(s.output(), 120)));
            }
        }
    }

    private static String clip(String s) {
        return clip(s, TEXT_SHOWN);
    }

    private static String clip(String s, int max) {
        String one = dev.tunegate.io.TerminalText.visible(
                s.replace("\n", " ⏎ ")); // a row must not drive the reviewer's terminal
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
