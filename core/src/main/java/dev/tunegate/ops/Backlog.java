package dev.tunegate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.io.AtomicFiles;
import dev.tunegate.io.Json;
import dev.tunegate.io.JsonlLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ops/backlog.jsonl}: append-only. Each line is an event about one entry (its stable {@code id});
 * the entry is the merge of its lines, later fields winning, so a person closes an entry by appending
 * {@code {"id": "T-…", "status": "done"}} and next week's review updates an entry by appending its new
 * size and week instead of adding a second one (docs/formats/ops-backlog.md).
 */
public final class Backlog {
    /** The backlog's place in a workspace. */
    public static final String FILE = "ops/backlog.jsonl";

    private final Path file;

    public Backlog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * An entry as merged from its lines.
     *
     * @param id the stable id ({@code T-} and a digest of the topic's normalised representative)
     * @param type what it asks for
     * @param topic the representative query
     * @param size calls of the topic in {@code week}
     * @param owner who owns the entry's type
     * @param documents the documents involved (ids only)
     * @param firstSeen the first day of the week it first appeared
     * @param week the latest week it appeared in
     * @param weeks how many weekly reviews it appeared in
     * @param status {@code open} or whatever a person set ({@code done}, {@code wontfix} …)
     */
    public record Entry(
            String id,
            BacklogType type,
            String topic,
            long size,
            String owner,
            List<String> documents,
            String firstSeen,
            String week,
            int weeks,
            String status) {
        public Entry {
            documents = List.copyOf(documents);
        }

        public boolean open() {
            return "open".equals(status);
        }
    }

    /** The entries (merged, in order of first appearance) and the lines that could not be read. */
    public record Contents(List<Entry> entries, List<String> problems) {}

    public Contents read() {
        Map<String, ObjectNode> merged = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (!Files.exists(file)) return new Contents(List.of(), List.of());
        try {
            JsonlLines.read(file, new JsonlLines.Visitor() {
                @Override
                public void object(long line, ObjectNode node) {
                    if (!node.path("id").isTextual()) {
                        problems.add(file + ":" + line + ": field \"id\": expected a string, found "
                                + node.path("id").getNodeType().name().toLowerCase(java.util.Locale.ROOT));
                        return;
                    }
                    merged.computeIfAbsent(
                                    node.get("id").asText(), k -> Json.mapper().createObjectNode())
                            .setAll(node);
                }

                @Override
                public void notAnObject(long line, String text, JsonNode parsed, String parseError) {
                    problems.add(file + ":" + line + ": expected a JSON object, found "
                            + (parseError != null ? "invalid JSON" : "another value"));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Entry> out = new ArrayList<>();
        for (ObjectNode n : merged.values()) {
            List<String> docs = new ArrayList<>();
            n.path("documents").forEach(d -> docs.add(d.asText()));
            BacklogType type = BacklogType.of(n.path("type").asText());
            out.add(new Entry(
                    n.get("id").asText(),
                    type == null ? BacklogType.NEW_DOCUMENT : type,
                    n.path("topic").asText(),
                    n.path("size").asLong(),
                    n.path("owner").asText(null),
                    docs,
                    n.path("firstSeen").asText(null),
                    n.path("week").asText(null),
                    n.path("weeks").asInt(1),
                    n.path("status").asText("open")));
        }
        return new Contents(out, problems);
    }

    /** Appends an entry's current state (one line, fsync) through {@link AtomicFiles}. */
    public void append(Entry e) {
        if (Files.exists(file)) {
            try {
                long size = Files.size(file);
                if (size > 0) {
                    try (var ch = java.nio.channels.FileChannel.open(file)) {
                        var buf = java.nio.ByteBuffer.allocate(1);
                        ch.read(buf, size - 1);
                        if (buf.get(0) != '\n') AtomicFiles.appendLine(file, "");
                    }
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
            }
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("v", 1);
        line.put("id", e.id());
        line.put("type", e.type().id());
        line.put("topic", e.topic());
        line.put("size", e.size());
        line.put("owner", e.owner());
        line.put("documents", e.documents());
        line.put("firstSeen", e.firstSeen());
        line.put("week", e.week());
        line.put("weeks", e.weeks());
        line.put("status", e.status());
        AtomicFiles.appendLine(file, Json.line(line));
    }
}
