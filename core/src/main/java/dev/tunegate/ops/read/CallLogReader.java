package dev.tunegate.ops.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.analysis.Progress;
import dev.tunegate.audit.read.Decompression;
import dev.tunegate.io.CsvSyntax;
import dev.tunegate.io.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a production call log — tunegate's JSONL, OTLP JSON or CSV; plain, gzip or zstd (detected from
 * the magic bytes) — into calls, in file order. One thread reads lines and cuts them into batches; the
 * batches are parsed on {@code threads} workers; calls and problems are handed to the sinks on the
 * calling thread in file order, so a review is the same whatever the thread count. Memory holds only the
 * batches in flight. A line that cannot be used is a {@link LogProblem} with its file and line; a
 * truncated compressed stream is a problem at the line it stopped at.
 */
public final class CallLogReader {
    static final int BATCH_LINES = 2048;
    private final ObjectMapper mapper = new ObjectMapper();
    private final int threads;

    /** @param threads parser threads (1 parses on the calling thread) */
    public CallLogReader(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** What was read from one file. */
    public record FileSummary(
            String file, CallLogFormat format, String compression, long lines, long calls, long problems) {}

    /**
     * Reads {@code file} into the sinks.
     *
     * @param shown how the file is named in problems
     * @throws InvalidInputException when the file cannot be read at all (missing, empty, a folder)
     */
    public FileSummary read(
            Path file,
            String shown,
            CallLogFormat format,
            CsvCallMapping mapping,
            Consumer<Call> calls,
            Consumer<LogProblem> problems,
            Progress progress) {
        if (Files.isDirectory(file))
            throw InvalidInputException.at(Path.of(shown), 0, "expected a log file, found a folder");
        Decompression.Opened opened;
        try {
            opened = Decompression.open(file);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.at(Path.of(shown), 0, "no such file");
        } catch (IOException e) {
            throw InvalidInputException.at(Path.of(shown), 0, "cannot read: " + e.getMessage());
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = -1;
        }
        try (InputStream in = opened.stream();
                Progress.Task task = progress.start("reading " + shown, size, "bytes")) {
            Reader reader = new InputStreamReader(
                    in,
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE));
            BufferedReader lines = new BufferedReader(reader, 1 << 16);
            CallLogFormat f = format == null || format == CallLogFormat.AUTO ? detect(file, lines) : format;
            long[] counts;
            if (f == CallLogFormat.CSV) {
                counts = readCsv(
                        lines, shown, mapping == null ? CsvCallMapping.none() : mapping, calls, problems, task, opened);
            } else {
                LineParser parser = f == CallLogFormat.OTLP ? new OtlpSpanParser(mapper) : new JsonlCallParser(mapper);
                counts = readLines(lines, shown, parser, calls, problems, task, opened);
            }
            return new FileSummary(shown, f, opened.compression(), counts[0], counts[1], counts[2]);
        } catch (IOException e) {
            throw InvalidInputException.at(Path.of(shown), 0, "cannot read: " + e.getMessage());
        }
    }

    /** CSV by the name ({@code .csv}, also under .gz/.zst), OTLP when the first line has {@code resourceSpans}, else JSONL. */
    private static CallLogFormat detect(Path file, BufferedReader lines) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.(gz|gzip|zst|zstd)$", "");
        if (name.endsWith(".csv")) return CallLogFormat.CSV;
        lines.mark(1 << 20);
        char[] head = new char[4096];
        int n = lines.read(head);
        lines.reset();
        String start = n <= 0 ? "" : new String(head, 0, n);
        return start.contains("\"resourceSpans\"") ? CallLogFormat.OTLP : CallLogFormat.JSONL;
    }

    private record Batch(long firstLine, List<String> lines, long bytes) {}

    private record Parsed(List<Call> calls, List<LogProblem> problems, int lines, long bytes) {}

    private long[] readLines(
            BufferedReader in,
            String shown,
            LineParser parser,
            Consumer<Call> calls,
            Consumer<LogProblem> problems,
            Progress.Task task,
            Decompression.Opened opened) {
        ExecutorService pool = threads > 1
                ? Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "call-log-parser");
                    t.setDaemon(true);
                    return t;
                })
                : null;
        Deque<Future<Parsed>> inFlight = new ArrayDeque<>();
        long[] totals = new long[3];
        long lineNo = 0;
        long lastBytes = 0;
        try {
            List<String> batch = new ArrayList<>(BATCH_LINES);
            long first = 1;
            while (true) {
                String line;
                try {
                    line = in.readLine();
                } catch (IOException e) {
                    drain(inFlight, 0, calls, problems, totals, task);
                    problems.accept(new LogProblem(shown, lineNo + 1, cutShort(opened, e)));
                    totals[2]++;
                    break;
                }
                if (line != null) {
                    lineNo++;
                    if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                    batch.add(line);
                }
                if (batch.size() == BATCH_LINES || (line == null && !batch.isEmpty())) {
                    long bytes = opened.compressedBytesRead().getAsLong();
                    Batch b = new Batch(first, batch, bytes - lastBytes);
                    lastBytes = bytes;
                    if (pool == null) {
                        deliver(parse(shown, parser, b), calls, problems, totals, task);
                    } else {
                        inFlight.addLast(pool.submit(() -> parse(shown, parser, b)));
                        drain(inFlight, threads * 2, calls, problems, totals, task);
                    }
                    batch = new ArrayList<>(BATCH_LINES);
                    first = lineNo + 1;
                }
                if (line == null) break;
            }
            drain(inFlight, 0, calls, problems, totals, task);
        } finally {
            if (pool != null) pool.shutdownNow();
        }
        totals[0] = lineNo;
        return totals;
    }

    private static Parsed parse(String shown, LineParser parser, Batch b) {
        List<Call> calls = new ArrayList<>(b.lines().size());
        List<LogProblem> problems = new ArrayList<>();
        long line = b.firstLine();
        for (String text : b.lines()) {
            if (!text.isBlank()) parser.parse(shown, line, text, calls, problems);
            line++;
        }
        return new Parsed(calls, problems, b.lines().size(), b.bytes());
    }

    private static void drain(
            Deque<Future<Parsed>> inFlight,
            int keep,
            Consumer<Call> calls,
            Consumer<LogProblem> problems,
            long[] totals,
            Progress.Task task) {
        while (inFlight.size() > keep) {
            try {
                deliver(inFlight.pollFirst().get(), calls, problems, totals, task);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading a call log", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static void deliver(
            Parsed p, Consumer<Call> calls, Consumer<LogProblem> problems, long[] totals, Progress.Task task) {
        p.calls().forEach(calls);
        p.problems().forEach(problems);
        totals[1] += p.calls().size();
        totals[2] += p.problems().size();
        task.advance(p.bytes(), p.bytes());
    }

    /** Why reading stopped before the end: a compressed stream cut short, or the file itself unreadable. */
    private static String cutShort(Decompression.Opened opened, IOException e) {
        return "none".equals(opened.compression())
                ? "the file cannot be read past here: " + e.getMessage()
                : "the " + opened.compression() + " stream is corrupt or truncated here: " + e.getMessage();
    }

    /**
     * A CSV whose quoting breaks at a row: every row after it would be cut at the wrong places (an unclosed
     * quote makes the rest of the file one value), so the log is not read at all rather than reviewed from
     * what came before — the week would be the wrong one, its counts short.
     */
    private static InvalidInputException unreadableCsv(String shown, long line, CSVException e) {
        String m = String.valueOf(e.getMessage());
        String syntax = CsvSyntax.describe(m);
        String what = syntax != null ? syntax : "expected a CSV row (RFC 4180), found: " + m;
        return new InvalidInputException(shown, line, what + "; no row after it can be read reliably", e);
    }

    private long[] readCsv(
            BufferedReader in,
            String shown,
            CsvCallMapping mapping,
            Consumer<Call> calls,
            Consumer<LogProblem> problems,
            Progress.Task task,
            Decompression.Opened opened)
            throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true)
                .get();
        long[] totals = new long[3];
        long lastBytes = 0;
        try (CSVParser parser =
                CSVParser.builder().setReader(in).setFormat(format).get()) {
            List<String> header = new ArrayList<>();
            for (String h : parser.getHeaderNames()) header.add(h.startsWith("\uFEFF") ? h.substring(1) : h);
            if (header.isEmpty())
                throw InvalidInputException.at(Path.of(shown), 1, "expected a CSV header row, found none");
            Map<String, Integer> idx = mapping.resolve(shown, header);
            long lastEnd = parser.getCurrentLineNumber();
            try {
                for (CSVRecord r : parser) {
                    long line = lastEnd + 1;
                    lastEnd = parser.getCurrentLineNumber();
                    List<String> values = r.toList();
                    try {
                        calls.accept(CsvCallMapping.call(idx, values, shown + ":" + line));
                        totals[1]++;
                    } catch (JsonFields.Bad e) {
                        problems.accept(new LogProblem(shown, line, e.getMessage()));
                        totals[2]++;
                    }
                    if ((totals[1] + totals[2]) % BATCH_LINES == 0) {
                        long bytes = opened.compressedBytesRead().getAsLong();
                        task.advance(bytes - lastBytes, bytes - lastBytes);
                        lastBytes = bytes;
                    }
                }
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CSVException bad) throw unreadableCsv(shown, lastEnd + 1, bad);
                problems.accept(new LogProblem(shown, lastEnd + 1, cutShort(opened, e.getCause())));
                totals[2]++;
            }
            totals[0] = lastEnd;
        }
        return totals;
    }
}
