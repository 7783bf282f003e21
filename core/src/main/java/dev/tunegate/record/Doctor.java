package dev.tunegate.record;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.Digests;
import dev.tunegate.io.Json;
import dev.tunegate.io.WorkspaceWriteLock;
import dev.tunegate.io.WriteFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code tunegate doctor}: finds what a killed or failed run left in a workspace and repairs what can be repaired,
 * under the workspace's write lock. Orphan temp files are removed; a record without its log line (a run that did
 * not finish: the log line is written last) is moved to {@code decisions/incomplete/}; a torn last log line is
 * terminated so the next line starts clean (the torn line stays, ignored by readers: the log is append-only).
 * A log line whose files are missing or whose JSON no longer matches its sha256 cannot be repaired and is reported.
 */
public final class Doctor {
    /** Where records without a log line are moved. */
    public static final String INCOMPLETE = "decisions/incomplete";

    private static final Pattern NUMBERED = Pattern.compile("^(\\d{4}-.+?)\\.(md|json|html)$");

    /** One problem: what, where, and whether it was (or would be) repaired. */
    public record Problem(String file, String what, boolean repairable, boolean repaired) {
        /** Something readers already cope with (a torn line terminated earlier): listed, nothing left to do. */
        static Problem note(String file, String what) {
            return new Problem(file, what, false, true);
        }

        /** Whether something remains to be done: repairable and not (yet) repaired, or not repairable at all. */
        public boolean remains() {
            return !repaired;
        }

        public String line() {
            return file + ": " + what
                    + (repaired
                            ? (repairable ? " — repaired" : "")
                            : repairable ? " — repairable (run without --dry-run)" : " — cannot be repaired");
        }
    }

    private final Path root;

    public Doctor(Path workspaceRoot) {
        this.root = workspaceRoot.toAbsolutePath().normalize();
    }

    /** Checks the workspace and, unless {@code dryRun}, repairs it. */
    public List<Problem> run(boolean dryRun) {
        // the lock's own sweep of orphan temp files stays off: doctor lists them, and a dry run must not remove them
        try (WorkspaceWriteLock lock = WorkspaceWriteLock.acquireWithoutSweep(root)) {
            List<Problem> out = new ArrayList<>();
            // under the lock no writer of this workspace is in flight: every temp file is an orphan
            for (Path t : WorkspaceWriteLock.orphanTemps(root, Instant.MAX)) {
                long size = size(t);
                if (!dryRun) delete(t);
                out.add(new Problem(
                        rel(t),
                        "orphan temp file of a killed write (" + size + " bytes); "
                                + (dryRun ? "would remove it" : "removed"),
                        true,
                        !dryRun));
            }
            out.addAll(decisions(dryRun));
            return out;
        }
    }

    private List<Problem> decisions(boolean dryRun) {
        List<Problem> out = new ArrayList<>();
        Path dir = root.resolve("decisions");
        Path log = dir.resolve(RecordFolder.LOG);
        Set<String> logged = new HashSet<>();
        if (Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = read(log);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                out.add(Problem.note(rel(log) + ":1", "note: starts with a byte order mark; readers skip it"));
                text = text.substring(1);
            }
            String[] lines = text.split("\n", -1);
            Map<String, Integer> ids = new HashMap<>();
            int n = lines.length - (text.endsWith("\n") || text.isEmpty() ? 1 : 0);
            for (int i = 0; i < n; i++) {
                String l = lines[i].strip();
                if (l.isEmpty()) continue;
                boolean last = i == n - 1 && !text.endsWith("\n");
                JsonNode node;
                try {
                    node = Json.mapper().readTree(l);
                } catch (IOException | RuntimeException e) {
                    node = null;
                }
                if (node == null || !node.isObject()) {
                    if (last) {
                        if (!dryRun) AtomicFiles.appendLine(log, "");
                        out.add(new Problem(
                                rel(log) + ":" + (i + 1),
                                "torn last line (a write that did not finish); it is ignored and the log "
                                        + "is terminated so the next line starts clean",
                                true,
                                !dryRun));
                    } else {
                        out.add(Problem.note(
                                rel(log) + ":" + (i + 1),
                                "note: not a JSON object (torn by an earlier kill?); readers skip it"));
                    }
                    continue;
                }
                String id = node.path("id").asText("");
                Integer before = ids.putIfAbsent(id, i + 1);
                if (before != null)
                    out.add(new Problem(
                            rel(log) + ":" + (i + 1),
                            "record id " + id + " is logged twice (first at line " + before + ")",
                            false,
                            false));
                String md = node.path("record").asText(null);
                String json = node.path("json").asText(null);
                if (md != null) logged.add(base(md));
                if (json != null) logged.add(base(json));
                if (json == null || !Files.isRegularFile(dir.resolve(json))) {
                    out.add(new Problem(
                            rel(log) + ":" + (i + 1),
                            "record " + id + ": its JSON " + json + " is missing",
                            false,
                            false));
                } else if (!Digests.sha256(read(dir.resolve(json)))
                        .equals(node.path("sha256").asText())) {
                    out.add(new Problem(
                            rel(log) + ":" + (i + 1),
                            "record " + id + ": " + json + " does not match the sha256 its log line records",
                            false,
                            false));
                }
                if (md != null && !Files.isRegularFile(dir.resolve(md))) {
                    out.add(new Problem(
                            rel(log) + ":" + (i + 1),
                            "record " + id + ": its Markdown " + md + " is missing",
                            false,
                            false));
                }
            }
        }
        // records without a log line: the log line is written last, so their run did not finish
        Map<String, List<Path>> unlogged = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.forEach(p -> {
                    Matcher m = NUMBERED.matcher(p.getFileName().toString());
                    if (m.matches() && !logged.contains(m.group(1)))
                        unlogged.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                                .add(p);
                });
            } catch (IOException e) {
                throw new WriteFailedException(dir, "cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        for (Map.Entry<String, List<Path>> e : unlogged.entrySet()) {
            List<String> names = e.getValue().stream()
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
            if (!dryRun) {
                Path to = root.resolve(INCOMPLETE);
                for (Path p : e.getValue()) move(p, to.resolve(p.getFileName()));
            }
            out.add(new Problem(
                    "decisions/" + e.getKey(),
                    "record without its log line (" + String.join(", ", names) + "): its run did not finish; "
                            + (dryRun ? "would be moved" : "moved") + " to " + INCOMPLETE
                            + "/ — run the command again for a complete record",
                    true,
                    !dryRun));
        }
        return out;
    }

    private static String base(String file) {
        Matcher m = NUMBERED.matcher(Path.of(file).getFileName().toString());
        return m.matches() ? m.group(1) : file;
    }

    private String rel(Path p) {
        return root.relativize(p).toString();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new WriteFailedException(p, "cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new WriteFailedException(p, "cannot remove " + p + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new WriteFailedException(from, "cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
