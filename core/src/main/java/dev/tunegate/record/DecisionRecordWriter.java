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
    public record Written(Path markdown, Path json, Path log) {}

    /** The number the next record gets (1 + the highest existing). */
    public int nextNumber() {
        return folder.nextNumber();
    }

    /** The JSON twin of the latest decision record, if any. */
    public java.util.Optional<Path> latestDecision() {
        return folder.latestDecision();
    }

    public Written write(DecisionRecord record) {
        String base = record.id() + "-" + record.slug();
        String jsonText = Json.pretty(record);
        RecordFolder.Twin twin = folder.writeTwin(base, jsonText, MarkdownRecord.render(record));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "decision");
        line.put("id", record.id());
        line.put("date", record.date());
        line.put("useCase", record.useCase().name());
        line.put("decision", record.decision());
        line.put("method", record.method());
        line.put("record", folder.relative(twin.markdown()));
        line.put("json", folder.relative(twin.json()));
        line.put("sha256", Digests.sha256(jsonText));
        line.put("toolVersion", record.provenance().toolVersion());
        Path log = folder.log(line);
        return new Written(twin.markdown(), twin.json(), log);
    }
}
