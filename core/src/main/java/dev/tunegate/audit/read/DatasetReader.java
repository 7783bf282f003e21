package dev.tunegate.audit.read;

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
    private final boolean partialReads;

    /**
     * A reader for which damaged input (a truncated gzip or zstd stream, a CSV quote never closed, a
     * JSON array that ends early) is an {@link InvalidInputException} naming the file, the line and
     * the byte offset where the damage starts: nothing is used from a partial file.
     *
     * @param maxLineBytes longest JSONL line read; longer lines become {@code line_too_long} findings
     */
    public DatasetReader(ObjectMapper mapper, int maxLineBytes) {
        this(mapper, maxLineBytes, false);
    }

    /**
     * @param partialReads when true, the row source throws a {@link TruncatedInputException} at the
     *     damage instead, after the rows before it, and the caller decides (and must say so)
     */
    public DatasetReader(ObjectMapper mapper, int maxLineBytes, boolean partialReads) {
        this.mapper = mapper;
        this.maxLineBytes = maxLineBytes;
        this.partialReads = partialReads;
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
     * @param bytesRead bytes of the file read so far
     * @param sha256 the SHA-256 of the file's bytes, hashed while they were read (reads the rest of
     *     the file when the rows stopped early); call it once, before closing the source
     */
    public record Opened(
            RowSource source,
            RowParser parser,
            DatasetFormat format,
            String compression,
            String layout,
            long fileBytes,
            List<String> notes,
            java.util.function.LongSupplier bytesRead,
            java.util.function.Supplier<String> sha256) {
        public Opened {
            notes = List.copyOf(notes);
        }
    }

    /** Opens {@code file}; an unusable file (missing, empty, undetectable) throws {@link InvalidInputException}. */
    public Opened open(Path file, DatasetFormat format, ColumnMapping mapping) {
        try {
            return wholeOrNothing(file, doOpen(file, format, mapping == null ? ColumnMapping.none() : mapping));
        } catch (NoSuchFileException e) {
            throw InvalidInputException.at(file, 0, "no such file");
        } catch (IOException e) {
            throw InvalidInputException.at(file, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Without partial reads, damage in the file stops the read with an error instead of ending the rows. */
    private Opened wholeOrNothing(Path file, Opened o) {
        return partialReads
                ? o
                : new Opened(
                        new WholeOrNothing(o.source(), file, o.compression()),
                        o.parser(),
                        o.format(),
                        o.compression(),
                        o.layout(),
                        o.fileBytes(),
                        o.notes(),
                        o.bytesRead(),
                        o.sha256());
    }

    /**
     * Opens a dataset from a stream another file system gave (the spark module reads HDFS or S3 through
     * Hadoop): the same detection and the same whole-or-nothing reading as {@link #open(Path, DatasetFormat,
     * ColumnMapping)}; {@code file} names it in messages and its name decides CSV/TSV. The stream is not
     * hashed ({@link Opened#sha256()} is unavailable): the caller digests the file through its own file system,
     * once, not in every task that opens it.
     */
    public Opened open(Path file, java.io.InputStream stream, long size, DatasetFormat format, ColumnMapping mapping) {
        try {
            return wholeOrNothing(
                    file,
                    doOpen(
                            file,
                            new CountingInputStream(stream),
                            size,
                            format,
                            mapping == null ? ColumnMapping.none() : mapping));
        } catch (IOException e) {
            throw InvalidInputException.at(file, 0, "cannot read: " + e.getMessage());
        }
    }

    private Opened doOpen(Path file, DatasetFormat format, ColumnMapping mapping) throws IOException {
        long size = Files.size(file);
        if (Files.isDirectory(file)) throw InvalidInputException.at(file, 0, "expected a file, found a folder");
        return doOpen(file, new CountingInputStream(Files.newInputStream(file), true), size, format, mapping);
    }

    private Opened doOpen(
            Path file, CountingInputStream counter, long size, DatasetFormat format, ColumnMapping mapping)
            throws IOException {
        java.util.function.Supplier<String> sha256 = () -> {
            try {
                return counter.sha256();
            } catch (IOException e) {
                throw InvalidInputException.at(file, 0, "cannot read: " + e.getMessage());
            }
        };
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
        String damaged = compression.equals("none")
                ? "the file cannot be read"
                : "the " + compression + " stream is truncated or corrupt";
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.(gz|gzip|zst|zstd)$", "");
        List<String> notes = new ArrayList<>();
        boolean csvByName = name.endsWith(".csv") || name.endsWith(".tsv");
        DatasetFormat f = format == null ? DatasetFormat.AUTO : format;
        if (f == DatasetFormat.CSV
                || f == DatasetFormat.TSV
                || (f == DatasetFormat.AUTO && csvByName && first != '{' && first != '[')) {
            char delim = f == DatasetFormat.TSV || (f == DatasetFormat.AUTO && name.endsWith(".tsv")) ? '\t' : ',';
            CsvRowSource src = new CsvRowSource(body, counter, delim, damaged, line -> offsetOfLine(file, line));
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
                    counter::count,
                    sha256);
        }
        RowSource src;
        String layout;
        if (first == '[') {
            src = new JsonArrayRowSource(mapper, body, counter, damaged);
            layout = "json-array";
            if (f != DatasetFormat.AUTO && f != DatasetFormat.ALPACA) {
                notes.add("the file is one JSON array, not JSONL: read it element by element");
            }
        } else if (first == '{') {
            src = new LineRowSource(body, maxLineBytes, damaged);
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
            src = new LineRowSource(body, maxLineBytes, damaged);
            layout = "jsonl";
        }
        PeekingRowSource peeking = new PeekingRowSource(src);
        if (f == DatasetFormat.AUTO) {
            try {
                f = detect(file, peeking);
            } catch (IOException | RuntimeException e) {
                peeking.close(); // the file, and the thread hashing it
                throw e;
            }
        }
        return new Opened(peeking, parserFor(f), f, compression, layout, size, notes, counter::count, sha256);
    }

    /**
     * The opened file again, read in blocks of whole lines from its first byte ({@link LineBlocks}),
     * when it is a plain (uncompressed) JSONL file; null otherwise (gzip or zstd, a JSON array,
     * CSV/TSV): read those from {@link Opened#source()}. The caller closes {@code opened}'s source
     * (its rows are read again from the blocks) and the blocks; the digest is the blocks'.
     */
    public LineBlocks blocks(Opened opened, Path file) throws IOException {
        if (!opened.compression().equals("none") || !opened.layout().equals("jsonl")) return null;
        if (!(opened.parser() instanceof JsonRowParser)) return null;
        return LineBlocks.open(file, maxLineBytes);
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
            java.util.Set<String> keys =
                    switch (r) {
                        case RawRow.JsonValue v -> {
                            if (v.node() == null || !v.node().isObject()) yield null;
                            java.util.Set<String> k = new java.util.LinkedHashSet<>();
                            v.node().fieldNames().forEachRemaining(k::add);
                            yield k;
                        }
                        case RawRow.JsonLine l -> topLevelKeys(l.content());
                        default -> null;
                    };
            if (keys == null) continue;
            seen.addAll(keys);
            if (keys.contains("messages")) return DatasetFormat.OPENAI_CHAT;
            if (keys.contains("conversations")) return DatasetFormat.SHAREGPT;
            if ((keys.contains("instruction") || keys.contains("input")) && keys.contains("output"))
                return DatasetFormat.ALPACA;
            if (keys.contains("prompt") && keys.contains("completion")) return DatasetFormat.PROMPT_COMPLETION;
        }
        throw InvalidInputException.at(
                file,
                1,
                "cannot detect the format from the first " + DETECT_ROWS
                        + " rows: expected keys messages, conversations, instruction/output, input/output or prompt/completion, found "
                        + (seen.isEmpty() ? "no JSON objects" : "keys " + String.join(", ", seen))
                        + "; set the format with --data-format (data.format in tunegate.yaml)");
    }

    /**
     * The top-level keys of a line holding one JSON object; null when the line is not a whole, valid JSON object
     * — when {@code readTree} would fail or give something else. Every string is decoded, as the tree would, so
     * text that is not valid UTF-8 makes the line no object here too; what follows the object is ignored, as
     * {@code readTree} ignores it. A line of plain ASCII keys and checked values is read by {@link ShallowScan}
     * (so opening a file does not start Jackson's parser, whose class initialisation alone takes tens of
     * milliseconds on JDK 25: BigDecimal's table of powers of five); any other with Jackson's token stream (no
     * tree, so opening a file does not set up the tree deserializers).
     */
    java.util.Set<String> topLevelKeys(byte[] line) {
        java.util.Set<String> plain = ShallowScan.topLevelKeys(line);
        if (plain != null) return plain;
        try (com.fasterxml.jackson.core.JsonParser p = mapper.getFactory().createParser(line)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) return null;
            java.util.Set<String> keys = new java.util.LinkedHashSet<>();
            com.fasterxml.jackson.core.JsonToken t;
            while ((t = p.nextToken()) == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                keys.add(p.currentName());
                int depth = 0;
                do {
                    com.fasterxml.jackson.core.JsonToken v = p.nextToken();
                    if (v == null) return null;
                    if (v.isStructStart()) depth++;
                    else if (v.isStructEnd()) depth--;
                    else if (v == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) p.getText();
                } while (depth > 0);
            }
            return t == com.fasterxml.jackson.core.JsonToken.END_OBJECT ? keys : null;
        } catch (IOException e) {
            return null;
        }
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

    /**
     * The byte offset in the decompressed content where a 1-based line starts, found by reading the
     * file again up to it (only when a source failed, to name where the damage starts).
     */
    static long offsetOfLine(Path file, long line) {
        long offset = 0;
        try (InputStream in = Decompression.open(file).stream()) {
            byte[] buf = new byte[1 << 16];
            long seen = 1;
            int n;
            while (seen < line && (n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n' && ++seen == line) return offset + i + 1;
                }
                offset += n;
            }
        } catch (IOException e) {
            // the damage itself: the offset reached is as far as the content goes
        }
        return offset;
    }

    /**
     * Damaged input is an error, not a shorter file: a {@link TruncatedInputException} becomes an
     * {@link InvalidInputException} with the file, the line and the byte offset where it starts.
     */
    static final class WholeOrNothing implements RowSource {
        private final RowSource inner;
        private final Path file;
        private final String compression;
        private long rows;

        WholeOrNothing(RowSource inner, Path file, String compression) {
            this.inner = inner;
            this.file = file;
            this.compression = compression;
        }

        @Override
        public RawRow next() throws IOException {
            try {
                RawRow r = inner.next();
                if (r != null) rows++;
                return r;
            } catch (TruncatedInputException e) {
                throw damaged(file, compression, e, rows);
            }
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

    /**
     * The one-line error for damaged input: {@code FILE:LINE: the gzip stream is truncated or corrupt
     * at byte N of the decompressed content: …; R rows before it were read and none is used}.
     */
    public static InvalidInputException damaged(Path file, String compression, TruncatedInputException e, long rows) {
        return new InvalidInputException(
                file.toString(),
                e.line(),
                e.what() + " at byte " + e.byteOffset()
                        + (compression.equals("none") ? "" : " of the decompressed content")
                        + (e.decoderMessage() == null ? "" : " (" + e.decoderMessage() + ")") + "; "
                        + (rows == 0
                                ? "no row comes before it"
                                : (rows == 1
                                                ? "the 1 row before it was read and is not used"
                                                : "the " + rows + " rows before it were read and none is used")
                                        + " (tunegate audit --allow-partial audits them)"),
                e);
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
