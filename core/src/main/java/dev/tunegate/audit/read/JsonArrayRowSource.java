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

    JsonArrayRowSource(ObjectMapper mapper, InputStream in, CountingInputStream counter) throws IOException {
        this.parser = mapper.getFactory().createParser(in);
        this.counter = counter;
    }

    @Override
    public RawRow next() throws IOException {
        if (done) return null;
        if (!started) {
            started = true;
            JsonToken t = parser.nextToken();
            if (t != JsonToken.START_ARRAY) throw new IOException("expected a JSON array, found " + t);
        }
        JsonToken t = parser.nextToken();
        if (t == null) throw new java.io.EOFException("the JSON array is not closed");
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
