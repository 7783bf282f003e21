package dev.tunegate.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.analysis.Progress;
import dev.tunegate.io.FileDigests;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.tokens.BpeTokenCounter;
import dev.tunegate.tokens.TokenCounter;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts tokens with the o200k_base encoding (the tokenizer of the gpt-4o and gpt-4.1 families),
 * special-token text counted as ordinary text. Counts of other model families differ by a few
 * percent; the report names the tokenizer.
 */
public final class PromptTokenCounter {
    /** The encoding's name, as the report states it. */
    public static final String ENCODING = "o200k_base";

    private static final TokenCounter ENC = BpeTokenCounter.o200k();
    private static final ObjectMapper JSON = new ObjectMapper();

    private PromptTokenCounter() {}

    /** Tokens of a text. */
    public static long count(String text) {
        return ENC.count(text);
    }

    /**
     * Tokens of a prompt file (UTF-8).
     *
     * @param display the file's name as the user wrote it (workspace-relative)
     * @param key the config key that names it, for messages
     * @param line the key's line in tunegate.yaml
     */
    public static long countFile(Path file, String display, String key, int line) {
        return countFile(file, display, key, line, null);
    }

    /**
     * As {@link #countFile(Path, String, String, int)}, reading the file once: its digest goes to {@code digests}
     * (the run's memo, so recording the file as an input does not read it again); null: no digest.
     */
    public static long countFile(Path file, String display, String key, int line, FileDigests digests) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (digests != null) digests.remember(file, bytes);
            return count(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(
                    display, 0, "not valid UTF-8 text (from " + key + " in tunegate.yaml:" + line + ")");
        } catch (IOException e) {
            throw InvalidInputException.field(
                    Path.of("tunegate.yaml"),
                    line,
                    key,
                    "a readable file",
                    "\"" + display + "\" (" + (Files.exists(file) ? e.getMessage() : "no such file") + ")");
        }
    }

    /**
     * Training tokens of a JSONL file: the tokens of every string value of every row but its
     * {@code metadata} (the audit
     * measures this properly; this is the cost model's fallback until it has run).
     *
     * @param malformed receives {@code file:line: …} findings for rows that are not JSON; the count goes on
     */
    public static Training countJsonl(Path file, String display, Progress progress, List<String> malformed) {
        long tokens = 0;
        long rows = 0;
        long lineNo = 0;
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = -1;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                Progress.Task task = progress.start("cost: counting training tokens", size, "bytes")) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                task.advance(line.length() + 1, line.length() + 1);
                if (line.isBlank()) continue;
                try {
                    JsonNode node = JSON.readTree(line);
                    List<String> texts = new ArrayList<>();
                    strings(node, texts);
                    for (String t : texts) tokens += count(t);
                    rows++;
                } catch (JsonProcessingException e) {
                    if (malformed.size() < 20)
                        malformed.add(display + ":" + lineNo
                                + ": not a JSON object; row skipped by the cost model's token count");
                }
            }
        } catch (CharacterCodingException e) {
            throw InvalidInputException.at(file, lineNo + 1, "not valid UTF-8");
        } catch (IOException e) {
            throw InvalidInputException.at(file, lineNo, "cannot read: " + e.getMessage());
        }
        return new Training(tokens, rows);
    }

    /** Tokens and rows of a training file. */
    public record Training(long tokens, long rows) {}

    /** The string values of a row, the {@code metadata} object excepted (review status, era: not trained on). */
    private static void strings(JsonNode n, List<String> out) {
        if (n.isTextual()) out.add(n.asText());
        else if (n.isArray()) n.forEach(c -> strings(c, out));
        else if (n.isObject())
            n.properties().forEach(e -> {
                if (!e.getKey().equals("metadata")) strings(e.getValue(), out);
            });
    }
}
