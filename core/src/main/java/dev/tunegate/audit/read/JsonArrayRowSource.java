package dev.tunegate.audit.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * A JSON array of rows (how Alpaca data is often shipped), streamed element by element with
 * Jackson's streaming parser: only the current element is in memory.
 */
final class JsonArrayRowSource implements RowSource {
    private final JsonParser parser;
    private final CountingInputStream counter;
    private int index;
    private long line;
    private long lastBytes;
    private boolean started;
    private boolean done;

    private final String damaged;

    /** @param damaged what a stream that fails mid-file is called, e.g. "the gzip stream is truncated or corrupt" */
    JsonArrayRowSource(ObjectMapper mapper, InputStream in, CountingInputStream counter, String damaged)
            throws IOException {
        this.parser = mapper.getFactory().createParser(in);
        this.counter = counter;
        this.damaged = damaged;
    }

    @Override
    public RawRow next() throws IOException {
        if (done) return null;
        var at = parser.currentLocation();
        try {
            return element();
        } catch (TruncatedInputException e) {
            throw e;
        } catch (IOException e) {
            done = true;
            String what = e instanceof com.fasterxml.jackson.core.JacksonException
                    ? "the JSON array is malformed or ends early"
                    : damaged;
            throw new TruncatedInputException(
                    Math.max(1, at.getLineNr()),
                    Math.max(0, at.getByteOffset()),
                    what,
                    TruncatedInputException.firstLineOf(e),
                    e);
        }
    }

    private RawRow element() throws IOException {
        if (!started) {
            started = true;
            JsonToken t = parser.nextToken();
            if (t != JsonToken.START_ARRAY) throw new IOException("expected a JSON array, found " + t);
        }
        JsonToken t = parser.nextToken();
        if (t == null) {
            var at = parser.currentLocation();
            throw new TruncatedInputException(
                    Math.max(1, at.getLineNr()),
                    Math.max(0, at.getByteOffset()),
                    "the JSON array is not closed",
                    null,
                    null);
        }
        if (t == JsonToken.END_ARRAY) {
            done = true;
            return null;
        }
        line = parser.currentLocation().getLineNr();
        JsonNode node = parser.readValueAsTree();
        if (node == null) node = com.fasterxml.jackson.databind.node.NullNode.getInstance();
        long now = counter.count();
        long bytes = now - lastBytes;
        lastBytes = now;
        return new RawRow.JsonValue(index++, line, node, bytes);
    }

    @Override
    public long line() {
        return Math.max(line, parser.currentLocation().getLineNr());
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
