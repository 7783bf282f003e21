package dev.tunegate.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.Json;
import dev.tunegate.io.JsonlLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a documents JSONL: one object per line with {@code id}, {@code title}, {@code text},
 * {@code groups} (list), {@code updated} (list of ISO dates) and optionally {@code source}.
 * A bad line is a finding and is skipped.
 */
final class JsonlCorpusReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonlCorpusReader() {}

    static Corpus read(Path file) {
        String label = file.getFileName().toString();
        List<Document> docs = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        try {
            JsonlLines.read(file, new JsonlLines.Visitor() {
                @Override
                public void object(long n, ObjectNode node) {
                    Document d = document(label, node, n, findings);
                    if (d != null) docs.add(d);
                }

                @Override
                public void notAnObject(long n, String text, JsonNode parsed, String parseError) {
                    findings.add(Finding.error(
                            label,
                            n,
                            "INVALID_JSON",
                            parseError != null
                                    ? "not valid JSON: " + parseError + "; this document is skipped"
                                    : "expected a JSON object, found "
                                            + parsed.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                                            + "; this document is skipped"));
                }

                @Override
                public void notUtf8(long n, String text, String firstBadByte) {
                    findings.add(Finding.error(
                            label,
                            n,
                            "INVALID_UTF8",
                            "the line is not valid UTF-8: " + firstBadByte + "; this document is skipped"));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new Corpus(file, docs, findings, List.of(file));
    }

    private static Document document(String label, ObjectNode node, long n, List<Finding> findings) {
        DocumentMetadata meta;
        try {
            meta = DocumentMetadata.from(JSON.convertValue(node, Map.class));
        } catch (DocumentMetadata.FieldException e) {
            findings.add(Finding.error(label, n, "INVALID_METADATA", e.getMessage() + "; this document is skipped"));
            return null;
        }
        if (meta.id() == null) {
            findings.add(Finding.error(
                    label,
                    n,
                    "MISSING_ID",
                    "field \"id\": expected a string, found nothing (the row's fields: " + Json.fieldNames(node)
                            + "); this document is skipped"));
            return null;
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            findings.add(Finding.error(
                    label,
                    n,
                    "MISSING_TEXT",
                    "field \"text\": expected a string, found "
                            + (text == null
                                    ? "nothing (the row's fields: " + Json.fieldNames(node) + ")"
                                    : text.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                            + "; this document is skipped"));
            return null;
        }
        return new Document(
                meta.id(), meta.title(), text.asText(), meta.groups(), meta.updated(), meta.source(), label, n);
    }
}
