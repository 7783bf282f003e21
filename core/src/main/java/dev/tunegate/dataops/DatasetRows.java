package dev.tunegate.dataops;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.audit.AuditRequest;
import dev.tunegate.audit.read.ColumnMapping;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.audit.read.DatasetReader;
import dev.tunegate.audit.read.Example;
import dev.tunegate.audit.read.ParsedRow;
import dev.tunegate.audit.read.RawRow;
import dev.tunegate.audit.read.RowProblem;
import dev.tunegate.audit.read.RowSource;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a dataset row by row with the audit's readers (every format, compression and metadata mapping
 * the audit knows), single-threaded and in file order. A row the audit would not use (a format error or
 * an empty output) is still handed over, marked invalid, so callers can count and report it.
 */
public final class DatasetRows {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DatasetRows() {}

    /**
     * One row.
     *
     * @param index 0-based index in the file
     * @param line 1-based line where it starts
     * @param example the example, or null when it could not be read at all
     * @param valid whether the audit would use it (read, no error-severity problem, non-empty output)
     * @param problems what is wrong with it (messages)
     */
    public record Row(int index, long line, Example example, boolean valid, List<String> problems) {
        public Row {
            problems = List.copyOf(problems);
        }
    }

    /**
     * The result of reading a file: the format found and how many rows.
     *
     * @param sha256 the file's SHA-256, hashed while its rows streamed past (no second read)
     */
    public record Read(DatasetFormat format, int rows, String truncated, String sha256) {}

    /** Reads {@code file} in the workspace's configured format and column mapping. */
    public static Read read(Workspace ws, Path file, Consumer<Row> sink) {
        return read(
                file,
                DatasetFormat.of(ws.data().format()),
                ColumnMapping.fromConfig(ws.data().columns()),
                sink);
    }

    /**
     * Reads {@code file}.
     *
     * @return the format and row count; {@code truncated} says where a corrupt or truncated stream ended (null when whole)
     * @throws InvalidInputException when the file cannot be used at all
     */
    public static Read read(Path file, DatasetFormat format, ColumnMapping columns, Consumer<Row> sink) {
        DatasetReader reader = new DatasetReader(MAPPER, AuditRequest.DEFAULT_MAX_LINE_BYTES);
        DatasetReader.Opened opened = reader.open(file, format, columns);
        int n = 0;
        String truncated = null;
        String sha256;
        try (RowSource src = opened.source()) {
            while (true) {
                RawRow raw;
                try {
                    raw = src.next();
                } catch (IOException e) {
                    truncated = file + ":" + Math.max(1, src.line()) + ": the file is truncated or corrupt after " + n
                            + " rows: " + e.getMessage();
                    break;
                }
                if (raw == null) break;
                ParsedRow parsed = opened.parser().parse(raw);
                List<String> problems = new ArrayList<>();
                for (RowProblem p : parsed.problems()) problems.add(p.kind().key() + ": " + p.message());
                boolean valid = parsed.valid();
                if (valid && parsed.example().output().isBlank()) {
                    valid = false;
                    problems.add("empty_output: the output (last assistant turn) is empty");
                }
                sink.accept(new Row(raw.index(), raw.line(), parsed.example(), valid, problems));
                n++;
            }
            sha256 = opened.sha256().get(); // before closing: the rest of a file whose rows stopped early is read
        } catch (IOException e) {
            throw InvalidInputException.at(file, 0, "cannot close: " + e.getMessage());
        }
        if (n == 0) throw InvalidInputException.at(file, 0, "the file has no rows");
        return new Read(opened.format(), n, truncated, sha256);
    }

    /** Reads every row into a list (for files that fit in memory: review queues, small datasets, tests). */
    public static List<Row> readAll(Path file, DatasetFormat format, ColumnMapping columns) {
        List<Row> out = new ArrayList<>();
        read(file, format, columns, out::add);
        return out;
    }
}
