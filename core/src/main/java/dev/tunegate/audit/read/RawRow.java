package dev.tunegate.audit.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunegate.audit.FindingKind;
import java.util.List;

/**
 * A row as the reader thread split it off the file, before parsing.
 */
public sealed interface RawRow {
    /** 0-based index of the row in the file. */
    int index();

    /** 1-based line where the row starts. */
    long line();

    /** Bytes of the file the row spans (for MB/s). */
    long bytes();

    /** A line of JSONL, undecoded (decoding and UTF-8 validation happen on a worker). */
    record JsonLine(int index, long line, byte[] content) implements RawRow {
        public long bytes() {
            return content.length + 1L;
        }
    }

    /** An element of a JSON array, already parsed by the streaming reader. */
    record JsonValue(int index, long line, JsonNode node, long bytes) implements RawRow {}

    /** A CSV/TSV record: the header's column names and this record's values. */
    record Fields(int index, long line, List<String> header, List<String> values, long bytes) implements RawRow {
        public Fields {
            header = List.copyOf(header);
            values = List.copyOf(values);
        }
    }

    /** A row the reader could not split off properly (e.g. a line over the length cap). */
    record Unreadable(int index, long line, FindingKind kind, String message, long bytes) implements RawRow {}
}
