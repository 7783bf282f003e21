package dev.tunegate.pilot;

import dev.tunegate.io.Digests;
import dev.tunegate.io.Json;
import dev.tunegate.record.RecordFolder;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a pilot record beside the decision records: {@code decisions/NNNN-slug-pilot.md} and its JSON twin
 * atomically (numbered with the decision records, never rewritten), then one {@code kind: pilot} line
 * appended to {@code decisions/log.jsonl}.
 */
public final class PilotRecordWriter {
    private final RecordFolder folder;

    public PilotRecordWriter(Workspace ws) {
        this.folder = new RecordFolder(ws);
    }

    /** Where the record was written. */
    public record Written(Path markdown, Path json, Path log, Path extra) {}

    /** The number the next record gets. */
    public int nextNumber() {
        return folder.nextNumber();
    }

    public Written write(PilotRecord record) {
        return write(record, null);
    }

    /**
     * Writes the record, then the companion (the HTML page), then its log line last, all under the workspace's
     * write lock ({@link RecordFolder#commit}).
     */
    public Written write(PilotRecord record, RecordFolder.Companion companion) {
        String base = record.id() + "-" + record.slug();
        String jsonText = Json.pretty(record);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "pilot");
        line.put("id", record.id());
        line.put("date", record.date());
        line.put("useCase", record.useCase());
        line.put("verdict", record.verdict().name());
        line.put("record", null);
        line.put("json", null);
        line.put("sha256", Digests.sha256(jsonText));
        line.put("toolVersion", record.provenance().toolVersion());
        RecordFolder.Committed c = folder.commit(base, jsonText, PilotMarkdown.render(record), companion, line);
        return new Written(c.markdown(), c.json(), c.log(), c.extra());
    }
}
