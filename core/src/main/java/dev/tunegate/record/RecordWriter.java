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
    public record Written(Path markdown, Path json, Path log) {}

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
        String base = record.id() + "-" + record.slug();
        String jsonText = Json.pretty(record);
        RecordFolder.Twin twin = folder.writeTwin(base, jsonText, markdown);
        Map<String, Object> line = new LinkedHashMap<>(record.logFields());
        line.put("record", folder.relative(twin.markdown()));
        line.put("json", folder.relative(twin.json()));
        line.put("sha256", Digests.sha256(jsonText));
        line.put("toolVersion", record.madeByToolVersion());
        return new Written(twin.markdown(), twin.json(), folder.log(line));
    }
}
