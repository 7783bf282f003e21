package dev.tunegate.record;

import dev.tunegate.io.Digests;
import dev.tunegate.io.Json;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a decision record into {@code decisions/} of the workspace: {@code NNNN-slug.md} and its
 * JSON twin atomically, then one line appended to {@code decisions/log.jsonl}. Existing records
 * are never rewritten: each assessment gets the next number ({@link RecordFolder}, shared with pilot records).
 */
public final class DecisionRecordWriter {
    private final RecordFolder folder;

    public DecisionRecordWriter(Workspace ws) {
        this.folder = new RecordFolder(ws);
    }

    /** Where the record was written. */
    public record Written(Path markdown, Path json, Path log, Path extra) {}

    /** The number the next record gets (1 + the highest existing). */
    public int nextNumber() {
        return folder.nextNumber();
    }

    public Written write(DecisionRecord record) {
        return write(record, null);
    }

    /**
     * Writes the record, then the companion (the HTML page), then its log line last, all under the workspace's
     * write lock ({@link RecordFolder#commit}).
     */
    public Written write(DecisionRecord record, RecordFolder.Companion companion) {
        String base = record.id() + "-" + record.slug();
        String jsonText = Json.pretty(record);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "decision");
        line.put("id", record.id());
        line.put("date", record.date());
        line.put("useCase", record.useCase().name());
        line.put("decision", record.decision());
        line.put("method", record.method());
        line.put("record", null);
        line.put("json", null);
        line.put("sha256", Digests.sha256(jsonText));
        line.put("toolVersion", record.provenance().toolVersion());
        RecordFolder.Committed c = folder.commit(base, jsonText, MarkdownRecord.render(record), companion, line);
        return new Written(c.markdown(), c.json(), c.log(), c.extra());
    }
}
