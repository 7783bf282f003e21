package dev.tunegate.evals.read;

import dev.tunegate.evals.EvalRecord;
import dev.tunegate.evals.EvalRowIssue;
import dev.tunegate.evals.Findings;
import dev.tunegate.io.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV (or TSV) export with a header row. The mapping ({@code evals.columns}) names the column
 * of each field: {@code item, run, iteration, timestamp, expected, output, passed, score, errorClass,
 * latencyMs, tokens, costUsd}, and {@code tag.NAME} for tags. A value may list alternatives
 * ({@code prediction|predicted_label}) so one mapping fits exports that renamed a column. Fields not
 * mapped are looked up under common names ({@code gold_label}, {@code prediction}, {@code match}…).
 *
 * <p>Rows that are not predictions — a {@code TOTAL_TRUE,,,311,} footer, a row with a different
 * number of cells — are findings with their line, never counted.
 */
public final class CsvEvalReader implements EvalReader {

    /** Columns tried, in order, when a field is not mapped. */
    static final Map<String, List<String>> DEFAULT_COLUMNS = defaults();

    private final Map<String, String> mapping;

    /** @param mapping field → column name(s), {@code a|b} for alternatives; may be empty */
    public CsvEvalReader(Map<String, String> mapping) {
        this.mapping = Map.copyOf(mapping);
    }

    private static Map<String, List<String>> defaults() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(
                "item",
                List.of("item", "id", "item_id", "example_id", "user_query", "query", "question", "input", "text"));
        m.put("run", List.of("run"));
        m.put("iteration", List.of("iteration"));
        m.put("timestamp", List.of("timestamp"));
        m.put("expected", List.of("expected", "gold", "gold_label", "label", "target", "reference", "answer"));
        m.put("output", List.of("output", "prediction", "predicted_label", "predicted", "response", "completion"));
        m.put("passed", List.of("passed", "match", "correct", "pass", "success", "is_correct"));
        m.put("score", List.of("score"));
        m.put("errorClass", List.of("errorClass", "error_class"));
        m.put("finishReason", List.of("finishReason", "finish_reason"));
        m.put("latencyMs", List.of("latencyMs", "latency_ms"));
        m.put("tokens", List.of("tokens"));
        m.put("costUsd", List.of("costUsd", "cost_usd"));
        return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    public List<EvalRecord> read(Path file, String displayName, Findings findings, MessageDigest digest) {
        boolean tsv = displayName.toLowerCase(Locale.ROOT).endsWith(".tsv");
        CSVFormat format = (tsv ? CSVFormat.TDF : CSVFormat.RFC4180)
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(false)
                .setAllowMissingColumnNames(true)
                .get();
        List<EvalRecord> out = new ArrayList<>();
        try (Reader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                        Hashed.open(file, digest),
                        // bytes that are not UTF-8 become U+FFFD, so the parser goes on and their row is a finding
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPLACE)
                                .onUnmappableCharacter(CodingErrorAction.REPLACE)));
                CSVParser parser =
                        CSVParser.builder().setReader(in).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames().stream()
                    .map(h -> h.startsWith("\uFEFF") ? h.substring(1) : h)
                    .toList();
            Map<String, Integer> col = resolve(header, displayName);
            String defaultRun = Values.stem(displayName);
            long previousEnd = 1;
            for (CSVRecord rec : parser) {
                long line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                if (!rec.isConsistent()) {
                    findings.add(
                            displayName,
                            line,
                            EvalRowIssue.MALFORMED_ROW,
                            "expected " + header.size() + " cells, found " + rec.size());
                    continue;
                }
                if (rec.stream().anyMatch(cell -> cell.indexOf('\uFFFD') >= 0)) {
                    // the words of the dataset audit's invalid_utf8 finding of a CSV record
                    findings.add(
                            displayName,
                            line,
                            EvalRowIssue.MALFORMED_ROW,
                            "the record contains bytes that are not valid UTF-8");
                    continue;
                }
                EvalRecord r = record(rec, col, defaultRun, displayName, line, findings);
                if (r != null) out.add(r);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            throw new InvalidInputException(
                    displayName,
                    0,
                    "expected a CSV file with a header row, found unreadable CSV: " + cause.getMessage(),
                    e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidInputException(displayName, 1, "expected a CSV header row, found: " + e.getMessage(), e);
        }
        return out;
    }

    private Map<String, Integer> resolve(List<String> header, String file) {
        Map<String, Integer> col = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            Integer idx = find(header, List.of(e.getValue().split("\\|")));
            if (idx == null) {
                throw InvalidInputException.at(
                        Path.of(file),
                        1,
                        "field \"evals.columns." + e.getKey() + "\": expected a column named "
                                + String.join(" or ", e.getValue().split("\\|")) + ", found columns "
                                + String.join(", ", header)
                                + " (files that name it differently: list the names, separated by |)");
            }
            col.put(e.getKey(), idx);
        }
        for (Map.Entry<String, List<String>> e : DEFAULT_COLUMNS.entrySet()) {
            if (col.containsKey(e.getKey())) continue;
            Integer idx = find(header, e.getValue());
            if (idx != null && !col.containsValue(idx)) col.put(e.getKey(), idx);
        }
        if (!col.containsKey("passed")
                && !col.containsKey("score")
                && !(col.containsKey("expected") && col.containsKey("output"))) {
            throw InvalidInputException.at(
                    Path.of(file),
                    1,
                    "expected columns for passed (e.g. match), score, or expected and output (map them with "
                            + "--columns, or evals.columns in tunegate.yaml), found columns "
                            + String.join(", ", header));
        }
        return col;
    }

    private static Integer find(List<String> header, List<String> names) {
        for (String n : names) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).trim().equalsIgnoreCase(n.trim())) return i;
            }
        }
        return null;
    }

    private static String cell(CSVRecord rec, Map<String, Integer> col, String field) {
        Integer i = col.get(field);
        return i == null || i >= rec.size() ? null : rec.get(i);
    }

    private static EvalRecord record(
            CSVRecord rec, Map<String, Integer> col, String defaultRun, String file, long line, Findings findings) {
        String expected = cell(rec, col, "expected");
        String output = cell(rec, col, "output");
        String passedCell = cell(rec, col, "passed");
        String scoreCell = cell(rec, col, "score");
        boolean hasOutcome = !Values.blank(passedCell) || !Values.blank(scoreCell);
        if (!hasOutcome && Values.blank(expected)) {
            String first = rec.size() > 0 ? rec.get(0) : "";
            findings.add(
                    file,
                    line,
                    EvalRowIssue.FOOTER_ROW,
                    "no expected value and no outcome; first cell " + Values.shorten(first));
            return null;
        }
        Boolean passed = null;
        if (!Values.blank(passedCell)) {
            passed = Values.bool(passedCell);
            if (passed == null)
                findings.add(
                        file,
                        line,
                        EvalRowIssue.BAD_VALUE,
                        "passed",
                        "field \"passed\": expected true or false, found " + Values.shorten(passedCell));
        }
        Double score = null;
        if (!Values.blank(scoreCell)) {
            score = Values.number(scoreCell);
            if (score == null)
                findings.add(
                        file,
                        line,
                        EvalRowIssue.BAD_VALUE,
                        "score",
                        "field \"score\": expected a number, found " + Values.shorten(scoreCell));
        }
        String item = cell(rec, col, "item");
        if (Values.blank(item)) item = "row-" + rec.getRecordNumber();
        String run = cell(rec, col, "run");
        Long iteration = Values.integer(cell(rec, col, "iteration"));
        if (Values.blank(run)) run = iteration != null ? "iteration-" + iteration : defaultRun;
        Double tokens = Values.number(cell(rec, col, "tokens"));
        Map<String, String> tags = new LinkedHashMap<>();
        col.forEach((k, i) -> {
            if (k.startsWith("tag.") && i < rec.size() && !rec.get(i).isBlank()) tags.put(k.substring(4), rec.get(i));
        });
        return new EvalRecord(
                run,
                iteration,
                blankToNull(cell(rec, col, "timestamp")),
                item,
                passed,
                score,
                expected,
                output,
                blankToNull(cell(rec, col, "errorClass")),
                blankToNull(cell(rec, col, "finishReason")),
                Values.number(cell(rec, col, "latencyMs")),
                tokens == null ? null : tokens.longValue(),
                Values.number(cell(rec, col, "costUsd")),
                tags,
                file,
                line);
    }

    private static String blankToNull(String s) {
        return Values.blank(s) ? null : s;
    }
}
