package dev.tunegate.audit.read;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.audit.FindingKind;
import dev.tunegate.io.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
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
        return parse(row, true);
    }

    /** The tree path alone: what {@link #parse} must equal on every row (checked by {@code StreamedRowsTest}). */
    final ParsedRow parseWithTree(RawRow row) {
        return parse(row, false);
    }

    private ParsedRow parse(RawRow row, boolean streaming) {
        JsonNode node;
        switch (row) {
            case RawRow.Unreadable u -> {
                return ParsedRow.failed(u.kind(), u.message());
            }
            case RawRow.JsonValue v -> node = v.node();
            case RawRow.JsonLine l -> {
                boolean ascii = ascii(l.content());
                if (ascii) {
                    ParsedRow fast = streaming ? streamed(l.content(), null) : null;
                    if (fast != null) return fast;
                    node = parseAscii(l.content());
                    if (node != null) break;
                }
                String text;
                try {
                    text = StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(l.content()))
                            .toString();
                } catch (CharacterCodingException e) {
                    return ParsedRow.failed(
                            FindingKind.INVALID_UTF8, "the line is not valid UTF-8: " + firstMalformed(l.content()));
                }
                if (!ascii && streaming) {
                    ParsedRow fast = streamed(null, text);
                    if (fast != null) return fast;
                }
                try {
                    node = mapper.readTree(text);
                } catch (JacksonException e) {
                    String first = Json.parseError(e);
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
     * The row's metadata and problems without decoding its texts, for when no check reads them
     * ({@code --only counts}): {@link #shallow(byte[], int, int)} of a JSONL line, the same one-pass reading
     * whether the line came in a block or from a row reader (a compressed file); null for other rows and whenever
     * the bytes alone cannot decide, and the caller then takes {@link #parse}.
     */
    public final ShallowRow shallow(RawRow row) {
        if (!(row instanceof RawRow.JsonLine l)) return null;
        return shallow(l.content(), 0, l.content().length);
    }

    /**
     * {@link #shallow(RawRow)} of the line {@code b[from, to)} read in place, in one pass and without
     * Jackson ({@link ShallowScan}), for the formats whose clean shape it knows ({@link
     * #shallowShape}); null whenever it cannot decide, and the caller then takes the general path
     * (with a copy of the line). A row it reads gives exactly the findings of {@link #parse}.
     */
    public final ShallowRow shallow(byte[] b, int from, int to) {
        ShallowScan.Shape shape = shallowShape();
        return shape == null ? null : ShallowScan.scan(b, from, to, shape);
    }

    /** The clean shape {@link ShallowScan} reads for this format, or null (the general path decides). */
    ShallowScan.Shape shallowShape() {
        return null;
    }

    private static boolean ascii(byte[] content) {
        int acc = 0;
        for (byte b : content) acc |= b;
        return acc >= 0;
    }

    /**
     * The common case, streamed: Jackson's tokens, no tree, the format's fields read as they come
     * (keys no check reads, such as unknown metadata keys, are skipped with {@code skipChildren}).
     * Only a clean row takes this path (an object whose every key the format knows, each once, every
     * value of the expected type); anything else returns null and the tree path below decides, so
     * the findings and their messages are the tree path's, byte for byte.
     *
     * @param bytes the line as ASCII bytes (parsed without a decoded copy), or null
     * @param text the line decoded (strict UTF-8), when it is not ASCII
     */
    private ParsedRow streamed(byte[] bytes, String text) {
        try (JsonParser p = bytes != null
                ? mapper.getFactory().createParser(bytes)
                : mapper.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            List<RowProblem> problems = new ArrayList<>(0);
            Example ex = stream(p, problems);
            return ex == null ? null : new ParsedRow(ex, problems);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /**
     * Reads a clean row from its first field to its closing brace (the parser is on {@code START_OBJECT}),
     * adding only metadata problems; null as soon as anything is not clean (the tree path decides).
     */
    protected abstract Example stream(JsonParser p, List<RowProblem> problems) throws java.io.IOException;

    /**
     * The {@code metadata} value (the parser is on it) as {@link #metadata(ObjectNode, List)} reads it, or
     * null when it is not clean (not an object or null, or a known key with a value other than a string or null).
     */
    protected static RowMetadata streamMetadata(JsonParser p, List<RowProblem> problems) throws java.io.IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) return RowMetadata.NONE;
        if (t != JsonToken.START_OBJECT) return null;
        String provenance = null, status = null, reviewer = null, era = null;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken v = p.nextToken();
            boolean known = k.equals("provenance") || k.equals("status") || k.equals("reviewer") || k.equals("era");
            if (!known) {
                p.skipChildren(); // no check reads other metadata keys
                continue;
            }
            String value;
            if (v == JsonToken.VALUE_STRING) value = p.getText();
            else if (v == JsonToken.VALUE_NULL) value = null; // like the tree: the last occurrence wins
            else return null;
            switch (k) {
                case "provenance" -> provenance = value;
                case "status" -> status = value;
                case "reviewer" -> reviewer = value;
                default -> era = value;
            }
        }
        if (t != JsonToken.END_OBJECT) return null;
        return RowMetadataCheck.check(provenance, status, reviewer, era, problems);
    }

    /**
     * The common case without a decoded copy: a line of ASCII bytes (valid UTF-8 by definition)
     * parsed straight from its bytes. Null when the line is not a clean JSON object: the general
     * path then decides, so findings and their messages stay as they were.
     */
    private JsonNode parseAscii(byte[] content) {
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

    /**
     * Where a line stops being well-formed UTF-8 (the byte and its place, counted in bytes: the user's editor may
     * not show the byte at all), as the check of the fast path reads it.
     */
    static String firstMalformed(byte[] b) {
        for (int i = 0; i < b.length; ) {
            int n = b[i] >= 0 ? 1 : ShallowScan.utf8(b, i, b.length);
            if (n < 0) return String.format(Locale.ROOT, "byte %d of the line is 0x%02X", i + 1, b[i] & 0xFF);
            i += n;
        }
        return "a character the decoder rejects"; // not reached: the decoder and the check agree on every byte
    }
}
