package dev.tunegate.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.audit.read.ColumnMapping;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.audit.read.DatasetReader;
import dev.tunegate.audit.read.RawRow;
import dev.tunegate.audit.read.RowParser;
import dev.tunegate.audit.read.RowSource;
import dev.tunegate.io.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Splits a dataset into rows numbered in global file order, the same rows, indexes and line numbers
 * the local reader ({@code dev.tunegate.audit.read}) gives:
 *
 * <ul>
 *   <li>uncompressed JSONL: Hadoop input splits read in parallel; a first pass counts lines and
 *       non-blank lines per split, the second numbers them from the prefix sums (one row per
 *       non-blank line, {@code \r\n} and a leading BOM accepted, lines over the cap become
 *       {@code line_too_long} rows);
 *   <li>gzip or zstd JSONL: one task decompresses with core's reader (these streams cannot be split)
 *       and the rows are spread over the cluster for analysis;
 *   <li>JSON arrays and CSV/TSV: one task reads and analyses with core's reader and parser;
 *   <li>Parquet: each record becomes a JSON object (Spark's {@code toJSON}), numbered in the order
 *       Spark reads the files.
 * </ul>
 */
final class RowInput {
    private RowInput() {}

    /**
     * A numbered row before parsing.
     *
     * @param index 0-based row index (global file order)
     * @param line 1-based line
     * @param content the line's bytes (no line end, no BOM), or null for a line over the cap
     * @param tooLong the size of a line over the cap, else 0
     */
    record Line(long index, long line, byte[] content, long tooLong) implements Serializable {
        RawRow raw(int maxLineBytes) {
            if (content == null) {
                return new RawRow.Unreadable(
                        (int) index,
                        line,
                        dev.tunegate.audit.FindingKind.LINE_TOO_LONG,
                        "line of " + tooLong + " bytes is longer than the cap of " + maxLineBytes + " bytes; skipped",
                        tooLong + 1);
            }
            return new RawRow.JsonLine((int) index, line, content);
        }
    }

    /**
     * How a file was opened.
     *
     * @param format the format, detected or given
     * @param compression none, gzip, zstd or parquet
     * @param layout jsonl, json-array, csv, tsv or parquet
     * @param notes what a person should know about how it was read
     * @param lines the rows of a line layout (null when {@link #analysed} holds them)
     * @param whole true when one task must read and analyse the file itself (JSON array, CSV/TSV)
     */
    record Opened(
            DatasetFormat format,
            String compression,
            String layout,
            List<String> notes,
            JavaRDD<Line> lines,
            boolean whole) {}

    /** Opens {@code path}; a missing, empty or undetectable file is an {@link InvalidInputException}. */
    static Opened open(SparkSession spark, AuditSpec spec, String path, int partitions) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = sc.hadoopConfiguration();
        org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(path);
        java.nio.file.Path display = java.nio.file.Path.of(path);
        FileStatus status;
        try {
            status = hp.getFileSystem(conf).getFileStatus(hp);
        } catch (FileNotFoundException e) {
            throw InvalidInputException.at(display, 0, "no such file");
        } catch (IOException e) {
            throw InvalidInputException.at(display, 0, "cannot read: " + e.getMessage());
        }
        DatasetFormat given = DatasetFormat.of(spec.format());
        String name = hp.getName().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet") || (status.isDirectory() && hasParquet(conf, hp))) {
            return parquet(spark, spec, path, given);
        }
        if (status.isDirectory()) throw InvalidInputException.at(display, 0, "expected a file, found a folder");
        DatasetReader reader = new DatasetReader(new ObjectMapper(), spec.maxLineBytes());
        DatasetReader.Opened o;
        try {
            InputStream in = hp.getFileSystem(conf).open(hp);
            o = reader.open(display, in, status.getLen(), given, ColumnMapping.parse(spec.columns()));
            o.source().close();
        } catch (IOException e) {
            throw InvalidInputException.at(display, 0, "cannot read: " + e.getMessage());
        }
        if (!o.layout().equals("jsonl")) {
            return new Opened(o.format(), o.compression(), o.layout(), o.notes(), null, true);
        }
        JavaRDD<Line> lines = o.compression().equals("none")
                ? splitLines(sc, path, spec.maxLineBytes())
                : streamLines(sc, spec, path).repartition(Math.max(1, partitions));
        return new Opened(o.format(), o.compression(), o.layout(), o.notes(), lines, false);
    }

    private static boolean hasParquet(Configuration conf, org.apache.hadoop.fs.Path dir) {
        try {
            for (FileStatus s : dir.getFileSystem(conf).listStatus(dir)) {
                if (s.getPath().getName().endsWith(".parquet")) return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Uncompressed JSONL: parallel splits, numbered from per-split counts. */
    private static JavaRDD<Line> splitLines(JavaSparkContext sc, String path, int maxLineBytes) {
        Configuration conf = new Configuration(sc.hadoopConfiguration());
        conf.set("textinputformat.record.delimiter", "\n"); // only \n ends a line, as in the local reader
        JavaRDD<byte[]> raw = sc.newAPIHadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, conf)
                .map(t -> t._2().copyBytes());
        // pass 1: lines and non-blank lines per split
        List<long[]> counts = raw.mapPartitionsWithIndex(
                        (part, it) -> {
                            long lines = 0, rows = 0;
                            while (it.hasNext()) {
                                byte[] b = it.next();
                                lines++;
                                if (b.length > maxLineBytes || !blank(b, lines == 1 && part == 0)) rows++;
                            }
                            return List.of(new long[] {part, lines, rows}).iterator();
                        },
                        true)
                .collect();
        int parts = raw.getNumPartitions();
        long[] lineStart = new long[parts];
        long[] rowStart = new long[parts];
        long[][] byPart = new long[parts][];
        for (long[] c : counts) byPart[(int) c[0]] = c;
        long l = 0, r = 0;
        for (int p = 0; p < parts; p++) {
            lineStart[p] = l;
            rowStart[p] = r;
            if (byPart[p] != null) {
                l += byPart[p][1];
                r += byPart[p][2];
            }
        }
        // pass 2: number them
        return raw.mapPartitionsWithIndex(
                (part, it) -> new Iterator<Line>() {
                    long line = lineStart[part], row = rowStart[part];
                    Line next = advance();

                    private Line advance() {
                        while (it.hasNext()) {
                            byte[] b = it.next();
                            line++;
                            if (b.length > maxLineBytes) return new Line(row++, line, null, b.length);
                            boolean first = line == 1;
                            if (blank(b, first)) continue;
                            return new Line(row++, line, trim(b, first), 0);
                        }
                        return null;
                    }

                    @Override
                    public boolean hasNext() {
                        return next != null;
                    }

                    @Override
                    public Line next() {
                        Line n = next;
                        next = advance();
                        return n;
                    }
                },
                true);
    }

    private static boolean bom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    }

    private static byte[] trim(byte[] b, boolean firstLine) {
        int from = firstLine && bom(b) ? 3 : 0;
        int to = b.length;
        if (to > from && b[to - 1] == '\r') to--;
        return from == 0 && to == b.length ? b : java.util.Arrays.copyOfRange(b, from, to);
    }

    private static boolean blank(byte[] b, boolean firstLine) {
        int from = firstLine && bom(b) ? 3 : 0;
        int to = b.length;
        if (to > from && b[to - 1] == '\r') to--;
        for (int i = from; i < to; i++) if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') return false;
        return true;
    }

    /** Compressed JSONL: one task decompresses with core's reader; rows keep their index and line. */
    private static JavaRDD<Line> streamLines(JavaSparkContext sc, AuditSpec spec, String path) {
        return sc.parallelize(List.of(path), 1).flatMap(p -> {
            DatasetReader.Opened o = openOnExecutor(spec, p);
            return rows(o.source(), p, raw -> switch (raw) {
                case RawRow.JsonLine jl -> new Line(jl.index(), jl.line(), jl.content(), 0);
                case RawRow.Unreadable u -> new Line(u.index(), u.line(), null, u.bytes() - 1);
                default -> throw new IllegalStateException("a JSONL source gave " + raw);
            });
        });
    }

    /** Opens a file where the task runs, through Hadoop (HDFS, S3, local). */
    static DatasetReader.Opened openOnExecutor(AuditSpec spec, String path) throws IOException {
        Configuration conf = new Configuration();
        org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(path);
        FileSystem fs = hp.getFileSystem(conf);
        long len = fs.getFileStatus(hp).getLen();
        return new DatasetReader(new ObjectMapper(), spec.maxLineBytes())
                .open(
                        java.nio.file.Path.of(path),
                        fs.open(hp),
                        len,
                        DatasetFormat.of(spec.format()),
                        ColumnMapping.parse(spec.columns()));
    }

    /** Every row of a source, mapped, streamed, closed at the end; a truncated stream fails the task with its line. */
    static <T> Iterator<T> rows(RowSource src, String path, Function<RawRow, T> f) {
        return new Iterator<T>() {
            RawRow next = read();

            private RawRow read() {
                try {
                    RawRow r = src.next();
                    if (r == null) src.close();
                    return r;
                } catch (IOException e) {
                    try {
                        src.close();
                    } catch (IOException ignored) {
                        // the failure below is the one to report
                    }
                    throw new UncheckedIOException(
                            path + ":" + src.line() + ": the file is truncated or corrupt: " + e.getMessage(), e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public T next() {
                RawRow r = next;
                next = read();
                return f.apply(r);
            }
        };
    }

    /** Parquet: records as JSON objects, numbered in read order; the format detected from the first 20. */
    private static Opened parquet(SparkSession spark, AuditSpec spec, String path, DatasetFormat given) {
        JavaRDD<String> json = spark.read().parquet(path).toJSON().javaRDD();
        DatasetFormat f = given;
        if (f == DatasetFormat.AUTO) {
            List<String> first = json.take(20);
            byte[] sample = String.join("\n", first).getBytes(StandardCharsets.UTF_8);
            DatasetReader.Opened o = new DatasetReader(new ObjectMapper(), spec.maxLineBytes())
                    .open(
                            java.nio.file.Path.of(path),
                            new ByteArrayInputStream(sample),
                            sample.length,
                            DatasetFormat.AUTO,
                            ColumnMapping.none());
            f = o.format();
        }
        JavaRDD<Line> lines =
                json.zipWithIndex().map(t -> new Line(t._2(), t._2() + 1, t._1().getBytes(StandardCharsets.UTF_8), 0));
        return new Opened(f, "parquet", "parquet", List.of(), lines, false);
    }

    /** The parser of a JSON format, made where the task runs. */
    static RowParser parser(AuditSpec spec, DatasetFormat format) {
        return new DatasetReader(new ObjectMapper(), spec.maxLineBytes()).parserFor(format);
    }
}
