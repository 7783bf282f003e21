package dev.tunegate.audit.read;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.audit.FindingKind;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The common part of the JSON formats: decodes a line as strict UTF-8, parses it, checks it is an
 * object, reads the {@code metadata} object, and hands the object to the format's interpretation.
 */
public abstract class JsonRowParser implements RowParser {
    private static final java.util.regex.Pattern QUOTED_TOKEN =
            java.util.regex.Pattern.compile("(?<=Unrecognized token )'[^']*'");
    private final ObjectMapper mapper;

    protected JsonRowParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public final ParsedRow parse(RawRow row) {
        JsonNode node;
        switch (row) {
            case RawRow.Unreadable u -> {
                return ParsedRow.failed(u.kind(), u.message());
            }
            case RawRow.JsonValue v -> node = v.node();
            case RawRow.JsonLine l -> {
                node = parseAscii(l.content());
                if (node != null) break;
                String text;
                try {
                    text = StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(l.content()))
                            .toString();
                } catch (CharacterCodingException e) {
                    return ParsedRow.failed(FindingKind.INVALID_UTF8, "the line is not valid UTF-8");
                }
                try {
                    node = mapper.readTree(text);
                } catch (JacksonException e) {
                    String msg = e.getOriginalMessage();
                    int nl = msg.indexOf('\n');
                    String first = nl > 0 ? msg.substring(0, nl) : msg;
                    // Jackson quotes the offending token; it may be personal data, so only its length is kept
                    first = QUOTED_TOKEN
                            .matcher(first)
                            .replaceAll(m -> "'<" + (m.group().length() - 2) + " characters>'");
                    return ParsedRow.failed(FindingKind.INVALID_JSON, "not valid JSON: " + first);
                }
            }
            case RawRow.Fields f -> {
                return ParsedRow.failed(FindingKind.NOT_AN_OBJECT, "a CSV record given to a JSON parser");
            }
        }
        if (node == null || !node.isObject()) {
            return ParsedRow.failed(FindingKind.NOT_AN_OBJECT, "expected a JSON object, found " + describe(node));
        }
        List<RowProblem> problems = new ArrayList<>(0);
        RowMetadata meta = metadata((ObjectNode) node, problems);
        Example ex = interpret((ObjectNode) node, meta, problems);
        return new ParsedRow(ex, problems);
    }

    /**
     * The common case without a decoded copy: a line of ASCII bytes (valid UTF-8 by definition)
     * parsed straight from its bytes. Null when the line is not ASCII or not a clean JSON object:
     * the general path then decides, so findings and their messages stay as they were.
     */
    private JsonNode parseAscii(byte[] content) {
        int acc = 0;
        for (byte b : content) acc |= b;
        if (acc < 0) return null;
        try {
            JsonNode n = mapper.readTree(content);
            return n != null && n.isObject() ? n : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Reads the format's fields into an example; adds problems; returns null when nothing usable. */
    protected abstract Example interpret(ObjectNode row, RowMetadata metadata, List<RowProblem> problems);

    /** Top-level keys the format defines (besides {@code metadata}). */
    protected abstract Set<String> knownKeys();

    /** Adds an {@code unknown_key} problem for every top-level key outside {@link #knownKeys()}. */
    protected final void checkKeys(ObjectNode row, List<RowProblem> problems) {
        Iterator<String> names = row.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!k.equals("metadata") && !knownKeys().contains(k)) {
                problems.add(new RowProblem(FindingKind.UNKNOWN_KEY, "key \"" + k + "\" is not part of the format"));
            }
        }
    }

    private static RowMetadata metadata(ObjectNode row, List<RowProblem> problems) {
        JsonNode m = row.get("metadata");
        if (m == null || m.isNull()) return RowMetadata.NONE;
        if (!m.isObject()) {
            problems.add(new RowProblem(
                    FindingKind.INVALID_METADATA, "field \"metadata\": expected an object, found " + describe(m)));
            return RowMetadata.NONE;
        }
        Map<String, String> values = new java.util.HashMap<>();
        for (String k : List.of("provenance", "status", "reviewer", "era")) {
            JsonNode v = m.get(k);
            if (v != null && !v.isNull()) values.put(k, v.isTextual() ? v.asText() : v.toString());
        }
        return RowMetadataCheck.check(
                values.get("provenance"), values.get("status"), values.get("reviewer"), values.get("era"), problems);
    }

    /** Text of a node: strings as they are, arrays of content parts joined, other values as JSON. */
    protected static String text(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return v.asText();
        if (v.isArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonNode part : v) {
                JsonNode t = part.isTextual() ? part : part.get("text");
                if (t != null && t.isTextual()) {
                    if (!b.isEmpty()) b.append('\n');
                    b.append(t.asText());
                }
            }
            return b.toString();
        }
        return v.toString();
    }

    /** A short description of a JSON value's type, for messages. */
    protected static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) return "nothing";
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
