package dev.tunegate.evals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.io.FileDigests;
import dev.tunegate.io.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The item ids of a golden set, to restrict a regression check to them: JSONL objects with an
 * {@code item} (or {@code id}) field, or a CSV whose header has an {@code item} or {@code id} column.
 * Rows without one are findings.
 */
public final class GoldenItems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenItems() {}

    /** Reads the golden item ids; the file is read once, and its digest handed to {@code digests} (null: not hashed). */
    public static Set<String> read(Path file, String display, Findings findings, FileDigests digests) {
        if (!Files.isRegularFile(file))
            throw new InvalidInputException(
                    display + ": not a file; expected a golden set (JSONL or CSV with item ids)");
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (digests != null) digests.remember(file, bytes);
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + display + ": " + e.getMessage(), e);
        }
        Set<String> ids = new LinkedHashSet<>();
        if (display.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return csv(new java.io.StringReader(text), display, findings);
        }
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                n = null;
            }
            JsonNode id = n == null || !n.isObject() ? null : n.has("item") ? n.get("item") : n.get("id");
            if (id == null || id.isNull() || id.isContainerNode() || id.asText().isBlank()) {
                findings.add(
                        display,
                        i + 1,
                        EvalRowIssue.MISSING_FIELD,
                        "field \"item\": expected a golden item id, found " + EvalRuns.quote(line));
                continue;
            }
            ids.add(id.asText());
        }
        if (ids.isEmpty())
            throw new InvalidInputException(
                    display,
                    1,
                    "field \"item\": expected golden item ids (one JSON object per line with \"item\" or \"id\"), found none");
        return ids;
    }

    private static Set<String> csv(java.io.Reader text, String display, Findings findings) {
        Set<String> ids = new LinkedHashSet<>();
        try (var in = text;
                var parser = org.apache.commons.csv.CSVParser.builder()
                        .setReader(in)
                        .setFormat(org.apache.commons.csv.CSVFormat.RFC4180
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .get())
                        .get()) {
            List<String> header = parser.getHeaderNames();
            String col = header.contains("item") ? "item" : header.contains("id") ? "id" : null;
            if (col == null)
                throw new InvalidInputException(
                        display, 1, "expected an \"item\" or \"id\" column, found columns " + header);
            long previousEnd = 1;
            for (var rec : parser) {
                long line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                String v = rec.isSet(col) ? rec.get(col) : "";
                if (v.isBlank()) findings.add(display, line, EvalRowIssue.MISSING_FIELD, "no item id");
                else ids.add(v);
            }
        } catch (IOException e) {
            throw new InvalidInputException(
                    display, 0, "expected a CSV golden set, found unreadable CSV: " + e.getMessage());
        }
        return ids;
    }
}
