package dev.tunegate.dataops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical JSON (docs/formats/dataset-version.md): object keys sorted (Java {@link String#compareTo},
 * UTF-16 code unit order), no insignificant whitespace, every string (keys and values) in Unicode NFC,
 * integers as integers, other numbers as Java's shortest round-trip {@link Double#toString}, nulls kept
 * as {@code null}. Two JSON texts with the same meaning give the same canonical bytes, whatever their
 * key order, whitespace or Unicode composition.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();

    private CanonicalJson() {}

    /** The canonical text of a JSON value. */
    public static String of(JsonNode node) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** The canonical text of a value Jackson can convert to a tree (maps, lists, records). */
    public static String of(Object value) {
        return of(MAPPER.valueToTree(value));
    }

    /** A string in NFC. */
    public static String nfc(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    private static void write(JsonGenerator g, JsonNode n) throws IOException {
        if (n == null || n.isNull() || n.isMissingNode()) {
            g.writeNull();
        } else if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            Iterator<String> it = n.fieldNames();
            while (it.hasNext()) keys.add(it.next());
            List<String[]> pairs = new ArrayList<>();
            for (String k : keys) pairs.add(new String[] {nfc(k), k});
            pairs.sort((a, b) -> a[0].compareTo(b[0]));
            g.writeStartObject();
            for (String[] p : pairs) {
                g.writeFieldName(p[0]);
                write(g, n.get(p[1]));
            }
            g.writeEndObject();
        } else if (n.isArray()) {
            g.writeStartArray();
            for (JsonNode e : n) write(g, e);
            g.writeEndArray();
        } else if (n.isTextual()) {
            g.writeString(nfc(n.textValue()));
        } else if (n.isBoolean()) {
            g.writeBoolean(n.booleanValue());
        } else if (n.isIntegralNumber()) {
            if (n.canConvertToLong()) g.writeNumber(n.longValue());
            else g.writeNumber(n.bigIntegerValue());
        } else if (n.isNumber()) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) g.writeNumber((long) d);
            else g.writeNumber(Double.toString(d));
        } else {
            g.writeString(nfc(n.asText()));
        }
    }
}
