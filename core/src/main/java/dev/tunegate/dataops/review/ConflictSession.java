package dev.tunegate.dataops.review;

import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.TerminalText;
import dev.tunegate.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tunegate review DIR --conflicts --reviewer NAME}: the conflict groups of the approved rows in the terminal,
 * side by side — the input(s), then each rival output with its rows ({@code file:line}), how many and who approved
 * them. The reviewer answers with the number of the output that wins, {@code r} (reject the whole group), {@code s}
 * (skip) or {@code q} (quit), one command a line, so a script can drive it through stdin; {@link #resolveAll} is the
 * non-interactive form ({@code --resolve GROUP=ROW}, {@code --choose FILE}). Every resolution is appended to the
 * review log with fsync before the next group is shown; text from the data reaches the terminal only through
 * {@link TerminalText#visible}.
 */
public final class ConflictSession {
    static final int TEXT_SHOWN = 600;
    static final int INPUTS_SHOWN = 3;
    static final int SOURCES_SHOWN = 8;

    private final ConflictReview review;
    private final String reviewer;

    public ConflictSession(Workspace ws, String reviewer, Clock clock, int threads) {
        if (reviewer == null || reviewer.isBlank())
            throw new InvalidInputException("--reviewer: expected your name, found nothing");
        this.review = new ConflictReview(ws, clock, threads);
        this.reviewer = reviewer.strip();
    }

    /**
     * What a session did.
     *
     * @param groups conflict groups open when it started
     * @param chosen groups resolved by picking an output
     * @param rejected groups rejected whole
     * @param skipped groups skipped (or held by another reviewer)
     * @param rowsDropped rows that no longer count as approved
     * @param warnings what a person should know
     */
    public record Summary(
            long groups, long chosen, long rejected, long skipped, long rowsDropped, List<String> warnings) {
        public Summary {
            warnings = List.copyOf(warnings);
        }
    }

    /** Runs the session until every group is shown, {@code q} or the end of {@code in}. */
    public Summary run(BufferedReader in, PrintWriter out) {
        ConflictReview.Listing listing = review.list();
        List<String> warnings = new ArrayList<>(listing.notes());
        warnings.forEach(w -> out.println("warning: " + TerminalText.visible(w)));
        int total = listing.groups().size();
        out.println(total + (total == 1 ? " conflict group" : " conflict groups") + " among " + listing.countedRows()
                + " approved current-era rows; resolving as " + reviewer
                + ". Commands: a number picks the output that wins, r rejects the group, s skip, q quit.");
        long chosen = 0, rejected = 0, skipped = 0, dropped = 0;
        loop:
        for (ConflictReview.Group g : listing.groups()) {
            Optional<ConflictReview.Claimed> claimed = review.claim(reviewer, g);
            if (claimed.isEmpty()) {
                out.println();
                out.println("── conflict " + g.number() + "/" + total + " (" + g.id() + ") is being resolved by "
                        + TerminalText.visible(review.holder(g).orElse("another reviewer")) + "; skipped");
                skipped++;
                continue;
            }
            show(out, g, total);
            while (true) {
                out.print("[1-" + g.rivals().size() + "] output that wins, [r]eject the group, [s]kip, [q]uit > ");
                out.flush();
                String cmd = readLine(in);
                if (cmd == null) {
                    review.release(reviewer, claimed.get());
                    break loop;
                }
                String c = cmd.strip().toLowerCase(Locale.ROOT);
                int winner;
                if (c.equals("q") || c.equals("quit")) {
                    review.release(reviewer, claimed.get());
                    break loop;
                } else if (c.equals("s") || c.equals("skip")) {
                    review.release(reviewer, claimed.get());
                    skipped++;
                    out.println("  skipped (stays in conflict)");
                    break;
                } else if (c.equals("r") || c.equals("reject")) {
                    winner = -1;
                } else if (c.matches("\\d{1,4}")
                        && Integer.parseInt(c) >= 1
                        && Integer.parseInt(c) <= g.rivals().size()) {
                    winner = Integer.parseInt(c) - 1;
                    if (g.rivals().get(winner).counted() == 0) {
                        out.println("  output " + c + " has no approved row: pick an approved output or reject");
                        continue;
                    }
                } else {
                    out.println("  unknown command \"" + TerminalText.visible(cmd.strip()) + "\": 1–"
                            + g.rivals().size() + " picks an output, r reject, s skip, q quit");
                    continue;
                }
                try {
                    ReviewLog.Resolution res = review.resolve(reviewer, claimed.get(), winner, listing);
                    dropped += res.drop().size();
                    if (winner >= 0) {
                        chosen++;
                        out.println("  output " + (winner + 1) + " wins; "
                                + rowsText(res.drop().size()) + " no longer count as approved");
                    } else {
                        rejected++;
                        out.println(
                                "  group rejected; " + rowsText(res.drop().size()) + " no longer count as approved");
                    }
                } catch (ClaimConflictException e) {
                    skipped++;
                    out.println("  not recorded: " + TerminalText.visible(e.getMessage()));
                }
                break;
            }
        }
        out.println("done: " + chosen + " resolved, " + rejected + " rejected, " + skipped + " skipped; "
                + rowsText(dropped) + " no longer count as approved. Resolutions are in " + ReviewLog.FILE + ".");
        out.flush();
        return new Summary(total, chosen, rejected, skipped, dropped, warnings);
    }

    /**
     * Resolves groups without asking: each spec is {@code GROUP=ROW} (the output of that row wins) or {@code
     * GROUP=reject}; GROUP is a group's number in the listing or its id, ROW a line of the training file or a {@code
     * file:line}. Every spec is checked before anything is written; a bad one is an error naming it.
     *
     * @param specs the specs, with where each comes from (e.g. {@code --resolve} or {@code choices.txt:3}) as key
     */
    public Summary resolveAll(Map<String, String> specs, PrintWriter out) {
        ConflictReview.Listing listing = review.list();
        List<String> warnings = new ArrayList<>(listing.notes());
        warnings.forEach(w -> out.println("warning: " + TerminalText.visible(w)));
        Map<ConflictReview.Group, Integer> plan = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : specs.entrySet()) {
            String where = e.getKey();
            String spec = e.getValue().strip();
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1)
                throw new InvalidInputException(
                        where + ": expected GROUP=ROW or GROUP=reject, found \"" + TerminalText.visible(spec) + "\"");
            ConflictReview.Group g;
            try {
                g = listing.group(spec.substring(0, eq));
            } catch (InvalidInputException ex) {
                throw new InvalidInputException(where + ": " + ex.getMessage());
            }
            String rowRef = spec.substring(eq + 1).strip();
            int winner;
            if (rowRef.equalsIgnoreCase("reject")) winner = -1;
            else {
                winner = g.rivalOf(rowRef)
                        .orElseThrow(() -> new InvalidInputException(where + ": conflict group " + g.number()
                                + " (" + g.id() + "): expected one of its rows ("
                                + String.join(
                                        ", ",
                                        g.members().stream()
                                                .map(ConflictReview.Member::source)
                                                .toList())
                                + ") or reject, found \"" + TerminalText.visible(rowRef) + "\""));
                if (g.rivals().get(winner).counted() == 0)
                    throw new InvalidInputException(where + ": conflict group " + g.number() + ": the output of "
                            + rowRef + " has no approved row; pick an approved output or reject");
            }
            if (plan.containsKey(g) && plan.get(g) != winner)
                throw new InvalidInputException(where + ": conflict group " + g.number() + " is resolved twice");
            plan.put(g, winner);
        }
        long chosen = 0, rejected = 0, skipped = 0, dropped = 0;
        for (Map.Entry<ConflictReview.Group, Integer> p : plan.entrySet()) {
            ConflictReview.Group g = p.getKey();
            Optional<ConflictReview.Claimed> c = review.claim(reviewer, g);
            if (c.isEmpty()) {
                out.println("conflict " + g.number() + " (" + g.id() + "): being resolved by "
                        + TerminalText.visible(review.holder(g).orElse("another reviewer")) + "; skipped");
                skipped++;
                continue;
            }
            try {
                ReviewLog.Resolution res = review.resolve(reviewer, c.get(), p.getValue(), listing);
                dropped += res.drop().size();
                if (p.getValue() >= 0) chosen++;
                else rejected++;
                out.println("conflict " + g.number() + " (" + g.id() + "): "
                        + (p.getValue() >= 0 ? "output " + (p.getValue() + 1) + " wins" : "rejected") + "; "
                        + rowsText(res.drop().size()) + " no longer count as approved");
            } catch (ClaimConflictException e) {
                skipped++;
                out.println("conflict " + g.number() + ": not recorded: " + TerminalText.visible(e.getMessage()));
            }
        }
        long open = listing.groups().size() - chosen - rejected;
        out.println("done: " + chosen + " resolved, " + rejected + " rejected, " + skipped + " skipped; " + open
                + (open == 1 ? " conflict group" : " conflict groups") + " still open. Resolutions are in "
                + ReviewLog.FILE + ".");
        out.flush();
        return new Summary(listing.groups().size(), chosen, rejected, skipped, dropped, warnings);
    }

    private static void show(PrintWriter out, ConflictReview.Group g, int total) {
        out.println();
        out.println("── conflict " + g.number() + "/" + total + "  (" + g.id() + ", "
                + g.members().size() + " rows, " + g.rivals().size() + " outputs)");
        int shown = 0;
        for (String in : g.inputs()) {
            if (shown++ == INPUTS_SHOWN) {
                out.println("  … and " + (g.inputs().size() - INPUTS_SHOWN) + " more near-duplicate inputs");
                break;
            }
            out.println((g.inputs().size() == 1 ? "Input: " : "Input " + shown + ": ") + clip(in));
        }
        int k = 0;
        for (ConflictReview.Rival r : g.rivals()) {
            k++;
            out.println("  [" + k + "] " + clip(r.output()));
            out.println("      " + rowsText(r.rows().size()) + " (" + r.counted() + " approved, counted):");
            int n = 0;
            for (ConflictReview.Member m : r.rows()) {
                if (n++ == SOURCES_SHOWN) {
                    out.println("        … and " + (r.rows().size() - SOURCES_SHOWN) + " more");
                    break;
                }
                out.println("        " + TerminalText.visible(m.source()) + "  " + TerminalText.visible(m.who()));
            }
        }
    }

    static String rowsText(long n) {
        return n + (n == 1 ? " row" : " rows");
    }

    private static String clip(String s) {
        String one = TerminalText.visible(s.replace("\n", " ⏎ "));
        return one.length() > TEXT_SHOWN ? one.substring(0, TEXT_SHOWN - 1) + "…" : one;
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the terminal: " + e.getMessage(), e);
        }
    }
}
