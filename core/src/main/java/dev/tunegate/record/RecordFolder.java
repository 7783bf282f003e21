package dev.tunegate.record;

import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.Json;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private final Path dir;

    public RecordFolder(Workspace ws) {
        this.dir = ws.root().resolve("decisions");
    }

    /** The folder. */
    public Path dir() { return dir; }

    /** The number the next record gets (1 + the highest existing, whatever its kind). */
    public int nextNumber() {
        if (!Files.isDirectory(dir)) return 1;
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> NUMBERED.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max().orElse(0) + 1;
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
                        return n.endsWith(".json") && !n.endsWith("-pilot.json") && NUMBERED.matcher(n).matches();
                    })
                    .max(java.util.Comparator.comparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Where a record's two files went. */
    public record Twin(Path markdown, Path json) {}

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

    /** Appends one line to {@code log.jsonl} (with fsync) and returns the log's path. */
    public Path log(Map<String, Object> line) {
        Path log = dir.resolve("log.jsonl");
        AtomicFiles.appendLine(log, Json.line(line));
        return log;
    }

    /** A path relative to the folder, as the log records it. */
    public String relative(Path p) {
        return dir.relativize(p).toString();
    }
}
