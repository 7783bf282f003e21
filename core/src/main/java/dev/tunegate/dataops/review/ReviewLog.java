package dev.tunegate.dataops.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.Digests;
import dev.tunegate.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The append-only review log ({@code DIR/data/review-log.jsonl}, docs/formats/review-log.md): one JSON
 * object per decision, appended with fsync, never rewritten. It is the truth about every review: the
 * session replays it on start, and export and the FT-DATA count apply it. For a row reviewed more than
 * once the last decision wins.
 */
public final class ReviewLog {
    /** The log's path in a workspace. */
    public static final String FILE = "data/review-log.jsonl";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> ACTIONS = Set.of("approve", "reject", "edit");

    private final Path file;

    public ReviewLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * One decision.
     *
     * @param v the log format version (1)
     * @param at when, ISO-8601 UTC
     * @param reviewer who decided
     * @param action {@code approve}, {@code reject} or {@code edit} (an edit approves the edited row)
     * @param row the content digest of the row as it was queued ({@link dev.tunegate.dataops.RowDigests#content})
     * @param source where the row is: {@code file:line}
     * @param output the edited output (edit only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(int v, String at, String reviewer, String action, String row, String source, String output) {
        /** Whether the decision lets the row into training. */
        public boolean approves() {
            return "approve".equals(action) || "edit".equals(action);
        }
    }

    /**
     * A conflict group resolved ({@code tunegate review --conflicts}, format version 2): the rows of a group of the
     * same or near-duplicate input with rival outputs, and those that lose. A losing row is left out of the reviewed
     * dataset (export, the audit of approved rows, FT-CONSISTENT), whatever its status was.
     *
     * @param v the format version of this line (2)
     * @param at when, ISO-8601 UTC
     * @param reviewer who resolved it
     * @param group the group's id (digest of its rows' content digests)
     * @param outcome {@code choose} (one output wins) or {@code reject} (the whole group loses)
     * @param output the winning output ({@code choose} only)
     * @param rows the content digests of every row of the group (as reviewed: after edits)
     * @param drop the content digests of the rows that lose
     * @param source where the rows are: {@code file:line, …}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resolution(
            int v,
            String at,
            String reviewer,
            String action,
            String group,
            String outcome,
            String output,
            List<String> rows,
            List<String> drop,
            String source) {
        public static final String ACTION = "resolve";

        public Resolution {
            rows = List.copyOf(rows);
            drop = List.copyOf(drop);
        }
    }

    /**
     * The log replayed.
     *
     * @param latest the last decision per row digest, in the order rows were first decided
     * @param entries decisions read (row decisions and resolutions)
     * @param warnings lines that could not be read ({@code file:line: …}), e.g. a last line cut short by a crash
     * @param needsNewline whether the file ends without a newline (a crash mid-write): the next append starts a new line first
     * @param resolutions the conflict resolutions, in log order
     * @param dropped the rows that lose a resolution (content digest → the resolution): for a row in several
     *     resolutions the last one decides
     */
    public record Replay(
            Map<String, Entry> latest,
            long entries,
            List<String> warnings,
            boolean needsNewline,
            List<Resolution> resolutions,
            Map<String, Resolution> dropped) {
        public Replay {
            latest = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(latest));
            warnings = List.copyOf(warnings);
            resolutions = List.copyOf(resolutions);
            dropped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
        }

        public long approved() {
            return latest.values().stream().filter(Entry::approves).count();
        }

        public long rejected() {
            return latest.values().stream()
                    .filter(e -> "reject".equals(e.action()))
                    .count();
        }

        /** Whether a resolved group was ever decided in this log (its id). */
        public boolean resolved(String group) {
            return resolutions.stream().anyMatch(r -> r.group().equals(group));
        }
    }

    /**
     * The log's bytes read once: what a replay applies and what a manifest records (its length and SHA-256), so
     * that a reader records the very state it applied while reviewers go on appending.
     *
     * @param bytes the first {@code length} bytes of the log
     * @param sha256 the SHA-256 of those bytes
     */
    public record Snapshot(byte[] bytes, String sha256) {
        public long length() {
            return bytes.length;
        }
    }

    /** Reads the whole log once; a missing file is an empty snapshot. */
    public Snapshot snapshot() {
        return snapshot(Long.MAX_VALUE);
    }

    /**
     * Reads the log's first {@code length} bytes (fewer when it is shorter): the state an earlier reader recorded,
     * since the log is only appended to.
     */
    public Snapshot snapshot(long length) {
        if (!Files.exists(file)) return new Snapshot(new byte[0], Digests.sha256(new byte[0]));
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(
                file, java.nio.file.StandardOpenOption.READ, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            long n = Math.min(ch.size(), length);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(Math.toIntExact(n));
            while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
                /* read all */
            }
            byte[] bytes = buf.position() == n ? buf.array() : java.util.Arrays.copyOf(buf.array(), buf.position());
            return new Snapshot(bytes, Digests.sha256(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The log read once and replayed: the bytes a reader applies (whose length and digest it records) and their replay.
     *
     * @param snapshot the bytes read
     * @param replay those bytes replayed
     */
    public record State(Snapshot snapshot, Replay replay) {}

    /** Reads the log once and replays what was read; a missing file is an empty log. */
    public State state() {
        Snapshot s = snapshot();
        return new State(s, replay(s));
    }

    /** Reads the log; a missing file is an empty log. Unreadable lines are warnings, never errors. */
    public Replay replay() {
        return replay(snapshot());
    }

    /** Replays exactly the bytes of a snapshot. */
    public Replay replay(Snapshot snapshot) {
        Map<String, Entry> latest = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<Resolution> resolutions = new ArrayList<>();
        Map<String, Resolution> dropped = new LinkedHashMap<>();
        byte[] bytes = snapshot.bytes();
        if (bytes.length == 0) return new Replay(latest, 0, warnings, false, resolutions, dropped);
        boolean needsNewline = bytes[bytes.length - 1] != '\n';
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        long n = 0;
        int last = lines.length - 1; // the element after the final newline ("" when the file ends with one)
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
            if (line.isBlank()) continue;
            String where = file + ":" + (i + 1);
            boolean truncatedTail = i == last && needsNewline;
            Object parsed = parseAny(line);
            if (parsed == null) {
                warnings.add(
                        where + ": "
                                + (truncatedTail
                                        ? "the last line is incomplete (the process was killed while writing it); ignored"
                                        : "not a review decision (expected a JSON object with at, reviewer, action, row); ignored"));
                continue;
            }
            n++;
            if (parsed instanceof Resolution r) {
                resolutions.add(r);
                java.util.Set<String> drop = new java.util.HashSet<>(r.drop());
                for (String d : r.rows()) {
                    dropped.remove(d);
                    if (drop.contains(d)) dropped.put(d, r);
                }
                continue;
            }
            Entry e = (Entry) parsed;
            latest.remove(e.row());
            latest.put(e.row(), e);
        }
        return new Replay(latest, n, warnings, needsNewline, resolutions, dropped);
    }

    /**
     * The complete lines appended since {@code offset} (a byte offset a previous call returned): how a
     * long-running reader (the web review) follows the log other processes append to without replaying it
     * whole. A last line without its newline yet is left for the next call; unreadable lines are skipped.
     *
     * @param entries the decisions read, in log order
     * @param offset where the next call starts
     */
    public record Tail(List<Entry> entries, long offset) {
        public Tail {
            entries = List.copyOf(entries);
        }
    }

    /** Reads the complete lines after byte {@code offset}; a missing file is empty. */
    public Tail readFrom(long offset) {
        if (!Files.exists(file)) return new Tail(List.of(), 0);
        try (java.nio.channels.FileChannel ch =
                java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < offset) offset = 0; // the file was replaced: start over
            if (size == offset) return new Tail(List.of(), offset);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(Math.toIntExact(size - offset));
            while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
                /* read all */
            }
            byte[] bytes = buf.array();
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') end--;
            List<Entry> out = new ArrayList<>();
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) continue;
                Entry e = parse(line);
                if (e != null) out.add(e);
            }
            return new Tail(out, offset + end);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A row decision, or null (a resolution or an unreadable line). */
    private static Entry parse(String line) {
        return parseAny(line) instanceof Entry e ? e : null;
    }

    /** An {@link Entry}, a {@link Resolution}, or null when the line is neither. */
    private static Object parseAny(String line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (IOException e) {
            return null;
        }
        if (node == null || !node.isObject()) return null;
        if (Resolution.ACTION.equals(text(node, "action"))) return resolution(node);
        String action = text(node, "action");
        String row = text(node, "row");
        String reviewer = text(node, "reviewer");
        if (action == null || !ACTIONS.contains(action) || row == null || reviewer == null) return null;
        String output = text(node, "output");
        if ("edit".equals(action) && output == null) return null;
        return new Entry(
                node.path("v").asInt(1), text(node, "at"), reviewer, action, row, text(node, "source"), output);
    }

    private static Resolution resolution(JsonNode node) {
        String reviewer = text(node, "reviewer");
        String group = text(node, "group");
        String outcome = text(node, "outcome");
        List<String> rows = strings(node.get("rows"));
        List<String> drop = strings(node.get("drop"));
        if (reviewer == null || group == null || rows == null || drop == null) return null;
        if (!"choose".equals(outcome) && !"reject".equals(outcome)) return null;
        String output = text(node, "output");
        if ("choose".equals(outcome) && output == null) return null;
        return new Resolution(
                node.path("v").asInt(2),
                text(node, "at"),
                reviewer,
                Resolution.ACTION,
                group,
                outcome,
                output,
                rows,
                drop,
                text(node, "source"));
    }

    private static List<String> strings(JsonNode a) {
        if (a == null || !a.isArray()) return null;
        List<String> out = new ArrayList<>();
        for (JsonNode x : a) {
            if (!x.isTextual()) return null;
            out.add(x.asText());
        }
        return out;
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** Appends a decision with fsync, first terminating a line a crash left incomplete. */
    public void append(Entry e) {
        if (!endsWithNewline(file)) AtomicFiles.appendLine(file, "");
        AtomicFiles.appendLine(file, Json.line(e));
    }

    /** Appends a resolution with fsync, first terminating a line a crash left incomplete. */
    public void append(Resolution r) {
        if (!endsWithNewline(file)) AtomicFiles.appendLine(file, "");
        AtomicFiles.appendLine(file, Json.line(r));
    }

    /** Whether a file is missing, empty or ends with a newline. */
    static boolean endsWithNewline(Path f) {
        if (!Files.exists(f)) return true;
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(f.toFile(), "r")) {
            long len = raf.length();
            if (len == 0) return true;
            raf.seek(len - 1);
            return raf.read() == '\n';
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + f + ": " + ex.getMessage(), ex);
        }
    }
}
