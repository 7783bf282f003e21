package dev.tunegate.evals;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.FileDigests;
import dev.tunegate.io.Json;
import dev.tunegate.io.JsonlLines;
import dev.tunegate.io.WorkspaceWriteLock;
import dev.tunegate.io.WriteFailedException;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The append-only log of golden-set regression checks run on a workspace ({@code tunegate regress --workspace DIR},
 * {@code DIR/evals/regress-log.jsonl}, docs/formats/regress-log.md): one JSON object per check, appended with fsync
 * under the workspace write lock, never rewritten. {@code tunegate due} reads it to see when the golden set was last
 * checked against the baseline.
 */
public final class RegressionLog {
    /** The log's path in a workspace. */
    public static final String FILE = "evals/regress-log.jsonl";
    /** The format version of a line. */
    public static final int VERSION = 1;

    private RegressionLog() {}

    /**
     * One check.
     *
     * @param v the format version ({@value #VERSION})
     * @param at when the check ran, ISO-8601 UTC
     * @param date the day it counts for (UTC; {@code --as-of} when given)
     * @param baseline the baseline run, relative to the workspace when inside it
     * @param baselineSha256 its SHA-256
     * @param candidate the candidate run
     * @param candidateSha256 its SHA-256
     * @param golden the golden items the check was restricted to, or null
     * @param goldenSha256 its SHA-256, or null
     * @param margin the non-inferiority margin
     * @param verdict {@code PASS}, {@code REGRESSION} or {@code INCONCLUSIVE}
     * @param sharedItems items both runs answered
     * @param difference candidate − baseline accuracy
     * @param differenceLow the low end of its paired 95 % interval
     * @param differenceHigh the high end
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "v",
        "at",
        "date",
        "baseline",
        "baselineSha256",
        "candidate",
        "candidateSha256",
        "golden",
        "goldenSha256",
        "margin",
        "verdict",
        "sharedItems",
        "difference",
        "differenceLow",
        "differenceHigh"
    })
    public record Entry(
            int v,
            String at,
            String date,
            String baseline,
            String baselineSha256,
            String candidate,
            String candidateSha256,
            String golden,
            String goldenSha256,
            double margin,
            String verdict,
            int sharedItems,
            Double difference,
            Double differenceLow,
            Double differenceHigh) {}

    /** The line of a check that ran at {@code at}, counted for {@code date}. */
    public static Entry entry(
            Workspace ws, RegressionReport r, Path baseline, Path candidate, Path golden, Instant at, LocalDate date) {
        return entry(ws, r, baseline, candidate, golden, at, date, new FileDigests());
    }

    /**
     * As {@link #entry(Workspace, RegressionReport, Path, Path, Path, Instant, LocalDate)}, the files' digests taken
     * from {@code digests} (the check's run: {@link Regression#compareFiles} hashes the files while it reads them, so
     * they are not read again here).
     */
    public static Entry entry(
            Workspace ws,
            RegressionReport r,
            Path baseline,
            Path candidate,
            Path golden,
            Instant at,
            LocalDate date,
            FileDigests digests) {
        return new Entry(
                VERSION,
                at.toString(),
                date.toString(),
                ws.relative(baseline),
                digests.sha256(baseline),
                ws.relative(candidate),
                digests.sha256(candidate),
                golden == null ? null : ws.relative(golden),
                golden == null ? null : digests.sha256(golden),
                r.margin(),
                r.verdict().name(),
                r.sharedItems(),
                r.difference() == null ? null : r.difference().estimate(),
                r.difference() == null ? null : r.difference().low(),
                r.difference() == null ? null : r.difference().high());
    }

    /**
     * Appends a check to the workspace's log (creating {@code evals/} when missing) under the workspace write lock,
     * first ending a line a crash left incomplete; returns the log's path.
     */
    public static Path append(Workspace ws, Entry e) {
        Path log = ws.root().resolve(FILE);
        try (WorkspaceWriteLock lock = WorkspaceWriteLock.acquire(ws.root())) {
            Files.createDirectories(log.getParent());
            if (!endsWithNewline(log)) AtomicFiles.appendLine(log, "");
            AtomicFiles.appendLine(log, Json.line(e));
        } catch (IOException ex) {
            throw new WriteFailedException(log, log + ": cannot append the regression check: " + ex.getMessage(), ex);
        }
        return log;
    }

    /**
     * The latest day a check was recorded on, or null when the log is missing or holds none.
     *
     * @param problems receives {@code file:line: …} for lines that are not a check (skipped)
     */
    public static LocalDate latest(Workspace ws, String shownAs, List<String> problems) {
        Path log = ws.root().resolve(FILE);
        if (!Files.exists(log)) return null;
        LocalDate[] last = {null};
        try {
            JsonlLines.read(log, new JsonlLines.Visitor() {
                @Override
                public void object(long line, ObjectNode node) {
                    LocalDate d = day(node.path("date").asText(""));
                    if (d == null) {
                        problems.add(shownAs + ":" + line + ": field \"date\": expected YYYY-MM-DD, found "
                                + (node.has("date") ? node.get("date") : "nothing") + "; line skipped");
                    } else if (last[0] == null || d.isAfter(last[0])) {
                        last[0] = d;
                    }
                }

                @Override
                public void notAnObject(long line, String text, JsonNode parsed, String parseError) {
                    problems.add(shownAs + ":" + line + ": expected a JSON object; line skipped");
                }

                @Override
                public void notUtf8(long line, String text, String firstBadByte) {
                    problems.add(
                            shownAs + ":" + line + ": the line is not valid UTF-8: " + firstBadByte + "; line skipped");
                }
            });
        } catch (IOException ex) {
            problems.add(shownAs + ": cannot read: " + ex.getMessage());
        }
        return last[0];
    }

    private static LocalDate day(String s) {
        try {
            return s.isEmpty() ? null : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean endsWithNewline(Path f) throws IOException {
        if (!Files.exists(f)) return true;
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
            long len = raf.length();
            if (len == 0) return true;
            raf.seek(len - 1);
            return raf.read() == '\n';
        }
    }
}
