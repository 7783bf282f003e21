package dev.tunegate.pilot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.Digests;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.JsonlLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads pilot checkpoints (docs/formats/pilot-checkpoints.md) from JSONL (one object per line) or CSV
 * (a header row). The format is chosen by the file's extension ({@code .csv} → CSV, else JSONL). A row
 * with a bad field is a {@link Finding} (severity error) with its line and is skipped; a file that cannot be used
 * at all (missing, unreadable, no {@code date} column, no JSON object on any line) is invalid input.
 */
public final class CheckpointReader {
    /** Column names of the fixed fields. */
    public static final String DATE = "date",
            CALLS = "calls",
            ADOPTION = "adoption",
            LATENCY = "latencyP95Ms",
            UNIT_COST = "unitCostUsd";

    private final String processKpi;

    /**
     * @param processKpi the name of the process KPI's field ({@code pilot.processKpi}), or null when none is configured
     */
    public CheckpointReader(String processKpi) {
        this.processKpi = processKpi;
    }

    /**
     * Reads the checkpoints.
     *
     * @param file the file
     * @param display its name relative to the workspace, used in findings
     * @param asOf checkpoints dated after this day are skipped (a finding each); null: none skipped
     */
    public Checkpoints read(Path file, String display, LocalDate asOf) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(display
                    + ": not a file; expected pilot checkpoints (JSONL or CSV, see docs/formats/pilot-checkpoints.md)");
        }
        List<Finding> findings = new ArrayList<>();
        List<Checkpoint> rows = new ArrayList<>();
        Sink sink = (line, fields) -> {
            Checkpoint c = parse(display, line, fields, findings);
            if (c != null) rows.add(c);
        };
        // hashed while read: the record names the file with this digest, so the file is read once
        MessageDigest sha = Digests.newSha256();
        try {
            if (display.toLowerCase(Locale.ROOT).endsWith(".csv")) readCsv(file, display, sink, sha);
            else readJsonl(file, display, sink, findings, sha);
        } catch (IOException e) {
            throw new InvalidInputException(display + ": cannot be read: " + e.getMessage());
        }
        rows.sort(Comparator.comparing(Checkpoint::day).thenComparingLong(Checkpoint::line));
        List<Checkpoint> kept = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        for (Checkpoint c : rows) {
            if (asOf != null && c.day().isAfter(asOf)) {
                findings.add(Finding.error(
                        display,
                        c.line(),
                        "AFTER_AS_OF",
                        "field \"date\": " + c.date() + " is after the as-of date " + asOf + "; row not used"));
            } else if (!seen.add(c.day())) {
                findings.add(Finding.error(
                        display,
                        c.line(),
                        "DUPLICATE_DATE",
                        "field \"date\": expected one checkpoint per date, found " + c.date()
                                + " again; row not used"));
            } else {
                kept.add(c);
            }
        }
        findings.sort(Comparator.comparingLong(Finding::line));
        return new Checkpoints(display, kept, findings, Digests.hex(sha.digest()));
    }

    private interface Sink {
        void accept(long line, Map<String, Object> fields);
    }

    private static void readJsonl(Path file, String display, Sink sink, List<Finding> findings, MessageDigest sha)
            throws IOException {
        JsonlLines.Counts counts = JsonlLines.read(
                file,
                new JsonlLines.Visitor() {
                    @Override
                    public void object(long line, ObjectNode node) {
                        Map<String, Object> fields = new LinkedHashMap<>();
                        for (var e : node.properties()) {
                            JsonNode v = e.getValue();
                            fields.put(
                                    e.getKey(),
                                    v.isNull()
                                            ? null
                                            : v.isNumber()
                                                    ? (Object) v.numberValue()
                                                    : v.isTextual() ? v.textValue() : v.toString());
                        }
                        sink.accept(line, fields);
                    }

                    @Override
                    public void notAnObject(long line, String text, JsonNode parsed, String parseError) {
                        findings.add(Finding.error(
                                display, line, "NOT_AN_OBJECT", "expected a JSON object, found " + shorten(text)));
                    }
                },
                sha);
        if (counts.nonBlank() > 0 && counts.objects() == 0) {
            throw new InvalidInputException(
                    display, 1, "expected JSONL pilot checkpoints (one JSON object per line), found no JSON object");
        }
    }

    private static void readCsv(Path file, String display, Sink sink, MessageDigest sha) throws IOException {
        DigestInputStream bytes = new DigestInputStream(Files.newInputStream(file), sha);
        // a decoder that reports malformed input, as Files.newBufferedReader's does
        try (Reader in = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()));
                CSVParser parser = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .setIgnoreSurroundingSpaces(true)
                        .get()
                        .parse(in)) {
            List<String> header = new ArrayList<>();
            for (String h : parser.getHeaderNames()) header.add(h.startsWith("\uFEFF") ? h.substring(1) : h);
            if (!header.contains(DATE)) {
                throw InvalidInputException.field(
                        file, 1, DATE, "a header row with a \"date\" column", "columns " + header);
            }
            for (CSVRecord r : parser) {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < r.size(); i++) {
                    String v = r.get(i);
                    fields.put(header.get(i), v == null || v.isBlank() ? null : v.trim());
                }
                // the header is line 1; a record's line is where it starts
                sink.accept(r.getRecordNumber() + 1, fields);
            }
            while (bytes.read() >= 0) {
                // the parser stopped at the end of the records: the digest covers every byte
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new InvalidInputException(
                    display + ": expected CSV pilot checkpoints, found unparsable CSV: " + e.getMessage());
        }
    }

    private Checkpoint parse(String display, long line, Map<String, Object> f, List<Finding> findings) {
        Object d = f.get(DATE);
        if (d == null) return bad(findings, display, line, DATE, "an ISO date (YYYY-MM-DD)", "nothing");
        LocalDate date;
        try {
            date = LocalDate.parse(d.toString());
        } catch (DateTimeParseException e) {
            return bad(findings, display, line, DATE, "an ISO date (YYYY-MM-DD)", quote(d));
        }
        Double calls = number(f.get(CALLS));
        if (calls == null || calls < 0 || calls != Math.rint(calls) || calls > 1e15) {
            return bad(findings, display, line, CALLS, "a whole number of calls ≥ 0", quote(f.get(CALLS)));
        }
        Double adoption = optional(f, ADOPTION, 0, 1, "a share between 0 and 1", display, line, findings);
        if (adoption != null && adoption.isNaN()) return null;
        Double latency = optional(f, LATENCY, 0, Double.MAX_VALUE, "milliseconds ≥ 0", display, line, findings);
        if (latency != null && latency.isNaN()) return null;
        Double cost = optional(f, UNIT_COST, 0, Double.MAX_VALUE, "USD per call ≥ 0", display, line, findings);
        if (cost != null && cost.isNaN()) return null;
        Double kpi = null;
        if (processKpi != null) {
            kpi = optional(f, processKpi, -Double.MAX_VALUE, Double.MAX_VALUE, "a number", display, line, findings);
            if (kpi != null && kpi.isNaN()) return null;
        }
        return new Checkpoint(date.toString(), line, calls.longValue(), adoption, latency, cost, kpi);
    }

    /** The field's value, null when absent, NaN (after adding a finding) when present but invalid. */
    private static Double optional(
            Map<String, Object> f,
            String field,
            double min,
            double max,
            String expected,
            String display,
            long line,
            List<Finding> findings) {
        Object raw = f.get(field);
        if (raw == null) return null;
        Double v = number(raw);
        if (v == null || v < min || v > max) {
            bad(findings, display, line, field, expected, quote(raw));
            return Double.NaN;
        }
        return v;
    }

    private static Checkpoint bad(
            List<Finding> findings, String display, long line, String field, String expected, String found) {
        findings.add(Finding.error(
                display,
                line,
                "INVALID_FIELD",
                "field \"" + field + "\": expected " + expected + ", found " + found + "; row not used"));
        return null;
    }

    private static Double number(Object raw) {
        if (raw == null) return null;
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        try {
            double d = Double.parseDouble(raw.toString().trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String quote(Object v) {
        if (v == null) return "nothing";
        return v instanceof Number ? v.toString() : "\"" + shorten(v.toString()) + "\"";
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "…" : s;
    }
}
