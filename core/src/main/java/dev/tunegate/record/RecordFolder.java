package dev.tunegate.record;

import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.Json;
import dev.tunegate.io.WorkspaceWriteLock;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code decisions/} folder of a workspace: one numbering shared by decision and pilot records
 * ({@code NNNN-slug.md|json}, {@code NNNN-slug-pilot.md|json}), atomic writes that never rewrite an
 * existing record, and the append-only {@code log.jsonl}.
 */
public final class RecordFolder {
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{4})-.*\\.(md|json)$");

    /** The log, relative to the folder. */
    public static final String LOG = "log.jsonl";

    private final Path dir;
    private final Path workspaceRoot;

    public RecordFolder(Workspace ws) {
        this.workspaceRoot = ws.root();
        this.dir = ws.root().resolve("decisions");
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** The number the next record gets (1 + the highest existing, whatever its kind). */
    public int nextNumber() {
        if (!Files.isDirectory(dir)) return 1;
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> NUMBERED.matcher(p.getFileName().toString()))
                            .filter(Matcher::matches)
                            .mapToInt(m -> Integer.parseInt(m.group(1)))
                            .max()
                            .orElse(0)
                    + 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The JSON twin of the latest decision record (pilot records aside), if any. */
    public java.util.Optional<Path> latestDecision() {
        if (!Files.isDirectory(dir)) return java.util.Optional.empty();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".json")
                                && !n.endsWith("-pilot.json")
                                && NUMBERED.matcher(n).matches();
                    })
                    .max(java.util.Comparator.comparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Where a record's two files went. */
    public record Twin(Path markdown, Path json) {}

    /** A file written beside a record before its log line (the HTML page); returns the file, or null. */
    @FunctionalInterface
    public interface Companion {
        Path write(Path markdown, Path json);
    }

    /** Where a committed record's files went and the log its line was appended to. */
    public record Committed(Path markdown, Path json, Path extra, Path log) {}

    /**
     * Writes {@code base.json} then {@code base.md} atomically.
     *
     * @throws IllegalStateException when either exists already: records are never rewritten
     */
    public Twin writeTwin(String base, String jsonText, String markdown) {
        Path md = dir.resolve(base + ".md");
        Path json = dir.resolve(base + ".json");
        if (Files.exists(md) || Files.exists(json)) {
            throw new IllegalStateException("record " + base + " exists already; records are never rewritten");
        }
        AtomicFiles.write(json, jsonText);
        AtomicFiles.write(md, markdown);
        return new Twin(md, json);
    }

    /**
     * Commits a record under the workspace's write lock: {@code base.json}, {@code base.md} and the companion
     * (each atomically), then the log line, appended and fsync'd last, so a record exists iff its log line does.
     * When any step fails the files of this record written so far are removed again and the error is rethrown.
     *
     * @param logLine the line; its {@code record} and {@code json} fields are set here
     * @throws IllegalStateException when the record exists already: records are never rewritten
     */
    public Committed commit(
            String base, String jsonText, String markdown, Companion companion, Map<String, Object> logLine) {
        try (WorkspaceWriteLock lock = WorkspaceWriteLock.acquire(workspaceRoot)) {
            Path md = dir.resolve(base + ".md");
            Path json = dir.resolve(base + ".json");
            if (Files.exists(md, LinkOption.NOFOLLOW_LINKS) || Files.exists(json, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException("record " + base + " exists already; records are never rewritten");
            }
            List<Path> written = new ArrayList<>();
            try {
                AtomicFiles.write(json, jsonText);
                written.add(json);
                AtomicFiles.write(md, markdown);
                written.add(md);
                Path extra = companion == null ? null : companion.write(md, json);
                if (extra != null) written.add(extra);
                Map<String, Object> line = new LinkedHashMap<>(logLine);
                line.put("record", relative(md));
                line.put("json", relative(json));
                return new Committed(md, json, extra, log(line));
            } catch (RuntimeException e) {
                for (Path p : written) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }
    }

    /** Appends one line to {@code log.jsonl} (with fsync) and returns the log's path. */
    public Path log(Map<String, Object> line) {
        Path log = dir.resolve(LOG);
        AtomicFiles.appendLine(log, Json.line(line));
        return log;
    }

    /** A path relative to the folder, as the log records it. */
    public String relative(Path p) {
        return dir.relativize(p).toString();
    }
}
