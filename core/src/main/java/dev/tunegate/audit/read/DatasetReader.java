package dev.tunegate.audit.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import dev.tunegate.io.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Opens a dataset: detects the compression from the magic bytes (gzip, zstd or none), the layout
 * from the first byte ({@code [} a JSON array, {@code {} JSONL, otherwise CSV/TSV by the file name)
 * and, unless given, the format from the keys of the first rows.
 */
public final class DatasetReader {
    /** Rows looked at to detect the format. */
    static final int DETECT_ROWS = 20;

    private final ObjectMapper mapper;
    private final int maxLineBytes;

    /** @param maxLineBytes longest JSONL line read; longer lines become {@code line_too_long} findings */
    public DatasetReader(ObjectMapper mapper, int maxLineBytes) {
        this.mapper = mapper;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * An opened dataset.
     *
     * @param source the rows (close it)
     * @param parser the parser for its format
     * @param format the format, detected or given
     * @param compression {@code none}, {@code gzip} or {@code zstd}
     * @param layout {@code jsonl}, {@code json-array}, {@code csv} or {@code tsv}
     * @param fileBytes the file's size on disk
     * @param notes what a person should know about how the file was read
     */
    public record Opened(
            RowSource source,
            RowParser parser,
            DatasetFormat format,
            String compression,
            String layout,
            long fileBytes,
            List<String> notes,
            java.util.function.LongSupplier bytesRead) {
        public Opened {
            notes = List.copyOf(notes);
        }
    }

    /** Opens {@code file}; an unusable file (missing, empty, undetectable) throws {@link InvalidInputException}. */
    public Opened open(Path file, DatasetFormat format, ColumnMapping mapping) {
        try {
            return doOpen(file, format, mapping == null ? ColumnMapping.none() : mapping);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.at(file, 0, "no such file");
        } catch (IOException e) {
            throw InvalidInputException.at(file, 0, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Opens a dataset from a stream another file system gave (the spark module reads HDFS or S3 through
     * Hadoop): the same detection as {@link #open(Path, DatasetFormat, ColumnMapping)}; {@code file}
     * names it in messages and its name decides CSV/TSV.
     */
    public Opened open(Path file, java.io.InputStream stream, long size, DatasetFormat format, ColumnMapping mapping) {
        try {
            return doOpen(
                    file,
                    new CountingInputStream(stream),
                    size,
                    format,
                    mapping == null ? ColumnMapping.none() : mapping);
        } catch (IOException e) {
            throw InvalidInputException.at(file, 0, "cannot read: " + e.getMessage());
        }
    }

    private Opened doOpen(Path file, DatasetFormat format, ColumnMapping mapping) throws IOException {
        long size = Files.size(file);
        if (Files.isDirectory(file)) throw InvalidInputException.at(file, 0, "expected a file, found a folder");
        return doOpen(file, new CountingInputStream(Files.newInputStream(file)), size, format, mapping);
    }

    private Opened doOpen(
            Path file, CountingInputStream counter, long size, DatasetFormat format, ColumnMapping mapping)
            throws IOException {
        BufferedInputStream raw = new BufferedInputStream(counter, 1 << 16);
        String compression = Decompression.compressionOf(raw);
        InputStream in;
        try {
            in = switch (compression) {
                case "gzip" -> new GZIPInputStream(raw, 1 << 16);
                case "zstd" -> new ZstdInputStream(raw);
                default -> raw;
            };
        } catch (IOException e) {
            raw.close();
            throw InvalidInputException.at(file, 0, "cannot read the " + compression + " header: " + e.getMessage());
        }
        BufferedInputStream body = new BufferedInputStream(in, 1 << 16);
        int first;
        try {
            first = firstSignificantByte(body);
        } catch (IOException e) {
            body.close();
            throw InvalidInputException.at(
                    file, 0, "the " + compression + " stream is corrupt or truncated: " + e.getMessage());
        }
        if (first < 0) {
            body.close();
            throw InvalidInputException.at(
                    file, 0, size == 0 ? "the file is empty" : "the file has no rows (only whitespace)");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.(gz|gzip|zst|zstd)$", "");
        List<String> notes = new ArrayList<>();
        boolean csvByName = name.endsWith(".csv") || name.endsWith(".tsv");
        DatasetFormat f = format == null ? DatasetFormat.AUTO : format;
        if (f == DatasetFormat.CSV
                || f == DatasetFormat.TSV
                || (f == DatasetFormat.AUTO && csvByName && first != '{' && first != '[')) {
            char delim = f == DatasetFormat.TSV || (f == DatasetFormat.AUTO && name.endsWith(".tsv")) ? '\t' : ',';
            CsvRowSource src = new CsvRowSource(body, counter, delim);
            java.util.Map<String, Integer> columns;
            try {
                columns = mapping.resolve(file, src.header());
            } catch (RuntimeException e) {
                src.close();
                throw e;
            }
            return new Opened(
                    src,
                    new ColumnRowParser(columns),
                    delim == '\t' ? DatasetFormat.TSV : DatasetFormat.CSV,
                    compression,
                    delim == '\t' ? "tsv" : "csv",
                    size,
                    notes,
                    counter::count);
        }
        RowSource src;
        String layout;
        if (first == '[') {
            src = new JsonArrayRowSource(mapper, body, counter);
            layout = "json-array";
            if (f != DatasetFormat.AUTO && f != DatasetFormat.ALPACA) {
                notes.add("the file is one JSON array, not JSONL: read it element by element");
            }
        } else if (first == '{') {
            src = new LineRowSource(body, maxLineBytes);
            layout = "jsonl";
        } else if (f == DatasetFormat.AUTO) {
            body.close();
            throw InvalidInputException.at(
                    file,
                    1,
                    "cannot detect the format: expected JSONL (a line starting with '{'), a JSON array ('[') or a .csv/.tsv file, found a file starting with "
                            + (first < 0x20 || first > 0x7E
                                    ? String.format(Locale.ROOT, "byte 0x%02X", first)
                                    : "'" + (char) first + "'")
                            + "; set the format with --data-format (data.format in tunegate.yaml)");
        } else {
            src = new LineRowSource(body, maxLineBytes);
            layout = "jsonl";
        }
        PeekingRowSource peeking = new PeekingRowSource(src);
        if (f == DatasetFormat.AUTO) f = detect(file, peeking);
        return new Opened(peeking, parserFor(f), f, compression, layout, size, notes, counter::count);
    }

    /** A parser for a JSON format. */
    public RowParser parserFor(DatasetFormat f) {
        return switch (f) {
            case OPENAI_CHAT -> new ChatRowParser(mapper);
            case PROMPT_COMPLETION -> new PromptCompletionRowParser(mapper);
            case ALPACA -> new AlpacaRowParser(mapper);
            case SHAREGPT -> new ShareGptRowParser(mapper);
            default -> throw new IllegalArgumentException("no JSON parser for " + f.id());
        };
    }

    private DatasetFormat detect(Path file, PeekingRowSource src) throws IOException {
        TreeSet<String> seen = new TreeSet<>();
        for (int i = 0; i < DETECT_ROWS; i++) {
            RawRow r = src.peek(i);
            if (r == null) break;
            JsonNode n =
                    switch (r) {
                        case RawRow.JsonValue v -> v.node();
                        case RawRow.JsonLine l -> {
                            try {
                                yield mapper.readTree(l.content());
                            } catch (IOException e) {
                                yield null;
                            }
                        }
                        default -> null;
                    };
            if (n == null || !n.isObject()) continue;
            n.fieldNames().forEachRemaining(seen::add);
            if (n.has("messages")) return DatasetFormat.OPENAI_CHAT;
            if (n.has("conversations")) return DatasetFormat.SHAREGPT;
            if ((n.has("instruction") || n.has("input")) && n.has("output")) return DatasetFormat.ALPACA;
            if (n.has("prompt") && n.has("completion")) return DatasetFormat.PROMPT_COMPLETION;
        }
        throw InvalidInputException.at(
                file,
                1,
                "cannot detect the format from the first " + DETECT_ROWS
                        + " rows: expected keys messages, conversations, instruction/output, input/output or prompt/completion, found "
                        + (seen.isEmpty() ? "no JSON objects" : "keys " + String.join(", ", seen))
                        + "; set the format with --data-format (data.format in tunegate.yaml)");
    }

    private static int firstSignificantByte(BufferedInputStream in) throws IOException {
        in.mark(1 << 16);
        try {
            int b;
            int i = 0;
            while ((b = in.read()) >= 0 && i < (1 << 16) - 1) {
                i++;
                if (i <= 3 && (b == 0xEF || b == 0xBB || b == 0xBF)) continue; // UTF-8 BOM
                if (b == ' ' || b == '\t' || b == '\r' || b == '\n') continue;
                return b;
            }
            return b < 0 ? -1 : ' ';
        } finally {
            in.reset();
        }
    }

    /** Lets detection look at the first rows, then replays them. */
    static final class PeekingRowSource implements RowSource {
        private final RowSource inner;
        private final Deque<RawRow> buffered = new ArrayDeque<>();
        private boolean innerDone;
        private IOException failure;

        PeekingRowSource(RowSource inner) {
            this.inner = inner;
        }

        RawRow peek(int i) throws IOException {
            while (buffered.size() <= i && !innerDone) {
                RawRow r;
                try {
                    r = inner.next();
                } catch (IOException e) {
                    innerDone = true;
                    failure = e;
                    break;
                }
                if (r == null) innerDone = true;
                else buffered.addLast(r);
            }
            return i < buffered.size() ? buffered.stream().skip(i).findFirst().orElse(null) : null;
        }

        @Override
        public RawRow next() throws IOException {
            if (!buffered.isEmpty()) return buffered.pollFirst();
            if (failure != null) {
                IOException e = failure;
                failure = null;
                throw e;
            }
            return innerDone ? null : inner.next();
        }

        @Override
        public long line() {
            return inner.line();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
