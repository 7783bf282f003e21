package dev.tunegate.audit.read;

import dev.tunegate.io.CsvSyntax;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV or TSV with a header row, RFC 4180 quoting (a quoted field may span lines). Invalid UTF-8 is
 * replaced by U+FFFD so the parser keeps going; the row parser reports it as {@code invalid_utf8}.
 */
final class CsvRowSource implements RowSource {
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final CountingInputStream counter;
    private int index;
    private long line = 1;
    private long lastEnd;
    private long lastBytes;

    private final String damaged;
    private final java.util.function.LongUnaryOperator offsetOfLine;

    /**
     * @param damaged what a stream that fails mid-file is called, e.g. "the gzip stream is truncated or corrupt"
     * @param offsetOfLine the byte offset in the content where a 1-based line starts (asked only on failure)
     */
    CsvRowSource(
            InputStream in,
            CountingInputStream counter,
            char delimiter,
            String damaged,
            java.util.function.LongUnaryOperator offsetOfLine)
            throws IOException {
        this.counter = counter;
        this.damaged = damaged;
        this.offsetOfLine = offsetOfLine;
        Reader reader = new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE));
        CSVFormat format = (delimiter == '\t' ? CSVFormat.TDF : CSVFormat.RFC4180)
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(false)
                .setAllowMissingColumnNames(true)
                .get();
        this.parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        List<String> h = new ArrayList<>();
        for (String name : parser.getHeaderNames()) h.add(stripBom(name).trim());
        this.header = List.copyOf(h);
        this.records = parser.iterator();
        this.lastEnd = parser.getCurrentLineNumber();
    }

    private static String stripBom(String s) {
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    /** The header's column names. */
    List<String> header() {
        return header;
    }

    @Override
    public RawRow next() throws IOException {
        try {
            return record();
        } catch (IOException e) {
            long at = lastEnd + 1; // the record after the last whole one
            String m = TruncatedInputException.firstLineOf(e);
            // commons-csv's words for broken quoting (with its own line and character counts) are said in ours
            String syntax = CsvSyntax.describe(m);
            throw new TruncatedInputException(
                    at, offsetOfLine.applyAsLong(at), syntax != null ? syntax : damaged, syntax != null ? null : m, e);
        }
    }

    private RawRow record() throws IOException {
        try {
            if (!records.hasNext()) return null;
            CSVRecord r = records.next();
            long start = lastEnd + 1; // the iterator reads one record ahead: the counter is at the end of r
            lastEnd = parser.getCurrentLineNumber();
            List<String> values = new ArrayList<>(r.size());
            for (String v : r) values.add(v);
            line = start;
            long now = counter.count();
            long bytes = now - lastBytes;
            lastBytes = now;
            return new RawRow.Fields(index++, start, header, values, bytes);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
