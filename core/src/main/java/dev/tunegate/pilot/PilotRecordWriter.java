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
    public record Written(Path markdown, Path json, Path log) {}

    /** The number the next record gets. */
    public int nextNumber() {
        return folder.nextNumber();
    }

    public Written write(PilotRecord record) {
        String base = record.id() + "-" + record.slug();
        String jsonText = Json.pretty(record);
        RecordFolder.Twin twin = folder.writeTwin(base, jsonText, PilotMarkdown.render(record));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "pilot");
        line.put("id", record.id());
        line.put("date", record.date());
        line.put("useCase", record.useCase());
        line.put("verdict", record.verdict().name());
        line.put("record", folder.relative(twin.markdown()));
        line.put("json", folder.relative(twin.json()));
        line.put("sha256", Digests.sha256(jsonText));
        line.put("toolVersion", record.provenance().toolVersion());
        return new Written(twin.markdown(), twin.json(), folder.log(line));
    }
}
