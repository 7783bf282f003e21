package dev.tunegate.record;

import dev.tunegate.io.Digests;
import dev.tunegate.io.Json;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a record — a decision record or a pilot record — into {@code decisions/} of the workspace:
 * {@code NNNN-slug.md} and its JSON twin atomically, then one line appended to {@code decisions/log.jsonl}.
 * Existing records are never rewritten: each record gets the next number ({@link RecordFolder}).
 */
public final class RecordWriter {
    private final RecordFolder folder;

    public RecordWriter(Workspace ws) {
        this.folder = new RecordFolder(ws);
    }

    /** What the writer needs of a record beside its JSON form (the record itself) and its Markdown. */
    public interface Writable {
        /** The record's number, {@code 0007}. */
        String id();

        /** The file-name slug after the number. */
        String slug();

        /** The log line's leading fields ({@code kind}, {@code id}, {@code date}, ...), in order. */
        Map<String, Object> logFields();

        /** The tool version that made it, closing the log line. */
        String madeByToolVersion();
    }

    /** Where the record was written. */
    public record Written(Path markdown, Path json, Path log, Path extra) {}

    /** The number the next record gets (1 + the highest existing). */
    public int nextNumber() {
        return folder.nextNumber();
    }

    /** Writes {@code record} as JSON beside its Markdown rendering {@code markdown}, then appends its log line. */
    /** The JSON twin of the latest decision record, if any. */
    public java.util.Optional<Path> latestDecision() {
        return folder.latestDecision();
    }

    public Written write(Writable record, String markdown) {
        return write(record, markdown, null);
    }

    /**
     * Writes the record, its Markdown, then the companion (the HTML page), then its log line last, all under the
     * workspace's write lock ({@link RecordFolder#commit}): a record exists iff its log line does.
     */
    public Written write(Writable record, String markdown, RecordFolder.Companion companion) {
        String base = record.id() + "-" + record.slug();
        String jsonText = Json.pretty(record);
        Map<String, Object> line = new LinkedHashMap<>(record.logFields());
        line.put("record", null); // set by commit, kept in this order
        line.put("json", null);
        line.put("sha256", Digests.sha256(jsonText));
        line.put("toolVersion", record.madeByToolVersion());
        RecordFolder.Committed c = folder.commit(base, jsonText, markdown, companion, line);
        return new Written(c.markdown(), c.json(), c.log(), c.extra());
    }
}
