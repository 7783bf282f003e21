package dev.tunegate.record;

import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.Digests;
import dev.tunegate.io.Json;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a decision record into {@code decisions/} of the workspace: {@code NNNN-slug.md} and its
 * JSON twin atomically, then one line appended to {@code decisions/log.jsonl}. Existing records
 * are never rewritten: each assessment gets the next number.
 */
public final class DecisionRecordWriter {
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{4})-.*\\.(md|json)$");

    private final Path dir;

    public DecisionRecordWriter(Workspace ws) {
        this.dir = ws.root().resolve("decisions");
    }

    /** Where the record was written. */
    public record Written(Path markdown, Path json, Path log) {}

    /** The number the next record gets (1 + the highest existing). */
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

    public Written write(DecisionRecord record) {
        String base = record.id() + "-" + record.slug();
        Path md = dir.resolve(base + ".md");
        Path json = dir.resolve(base + ".json");
        if (Files.exists(md) || Files.exists(json)) {
            throw new IllegalStateException("record " + base + " exists already; records are never rewritten");
        }
        String jsonText = Json.pretty(record);
        AtomicFiles.write(json, jsonText);
        AtomicFiles.write(md, MarkdownRecord.render(record));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", record.id());
        line.put("date", record.date());
        line.put("useCase", record.useCase().name());
        line.put("decision", record.decision());
        line.put("method", record.method());
        line.put("record", dir.relativize(md).toString());
        line.put("json", dir.relativize(json).toString());
        line.put("sha256", Digests.sha256(jsonText));
        line.put("toolVersion", record.provenance().toolVersion());
        Path log = dir.resolve("log.jsonl");
        AtomicFiles.appendLine(log, Json.line(line));
        return new Written(md, json, log);
    }
}
