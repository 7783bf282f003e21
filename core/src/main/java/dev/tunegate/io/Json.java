package dev.tunegate.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON settings of every document tunegate writes (records in component order, indented, no timestamps as
 * numbers), and how a JSON text it could not read is described to the user.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    private static final ObjectMapper COMPACT = JsonMapper.builder()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    /** Where Jackson's message refers to a place in the text ("start marker at [Source: …; line: 1, column: 13]"). */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]");

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Indented JSON with a trailing newline. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** One-line JSON (for JSONL logs). */
    public static String line(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * What is wrong with a JSON text Jackson could not parse, in one line: the column where it stopped and Jackson's
     * first line, the places that line refers to given as a column (on the same line) or a line and column, not as
     * Jackson's description of its source. The caller names the file and the line.
     */
    public static String parseError(JacksonException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        int nl = m.indexOf('\n');
        if (nl >= 0) m = m.substring(0, nl);
        JsonLocation at = e.getLocation();
        int line = at == null ? -1 : at.getLineNr();
        m = SOURCE.matcher(m)
                .replaceAll(r -> Matcher.quoteReplacement(
                        (Integer.parseInt(r.group(1)) == line ? "" : "line " + r.group(1) + ", ") + "column "
                                + r.group(2)));
        return at == null || at.getColumnNr() < 1 ? m : "column " + at.getColumnNr() + ": " + m;
    }

    /**
     * The names of an object's fields, for a message about one it lacks ("found nothing; the row's fields: id,
     * pass" shows a misspelt name at once): the first twelve, in the row's order, or "none".
     */
    public static String fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) return "none";
        return String.join(", ", names.subList(0, Math.min(names.size(), 12))) + (names.size() > 12 ? ", …" : "");
    }
}
