package dev.tunegate.retrieval;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.tokens.BpeTokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits documents into chunks: one per Markdown heading section ({@code #} to {@code ######} at
 * the start of a line; a heading directly followed by a sub-heading joins the sub-heading's chunk), and a section longer than {@code maxTokens} into windows of
 * {@code maxTokens} tokens that overlap by {@code overlapTokens}. Tokens are o200k_base (counted by {@link BpeTokenCounter}, windows cut with jtokkit's encoder).
 * The document title is not part of a chunk's text; the index adds it to every chunk.
 */
public final class HeadingChunker {
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+\\S.*$");

    /** Loaded on first use: reading the o200k_base vocabulary takes a moment. */
    private static final class Vocabulary {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    private final int maxTokens;
    private final int overlapTokens;

    /**
     * @throws InvalidInputException when the overlap is not below the chunk size
     */
    public HeadingChunker(int maxTokens, int overlapTokens) {
        if (maxTokens < 1)
            throw new InvalidInputException("retrieval.chunkTokens: expected at least 1, found " + maxTokens);
        if (overlapTokens < 0 || overlapTokens >= maxTokens) {
            throw new InvalidInputException("retrieval.chunkOverlap: expected 0 ≤ overlap < chunkTokens (" + maxTokens
                    + "), found " + overlapTokens);
        }
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    public int maxTokens() {
        return maxTokens;
    }

    public int overlapTokens() {
        return overlapTokens;
    }

    /** Counts o200k_base tokens of a text. */
    public static int countTokens(String text) {
        return BpeTokenCounter.o200k().count(text);
    }

    /** The chunks of a document, in order; none for a document without text. */
    public List<Chunk> chunk(Document doc) {
        List<Chunk> out = new ArrayList<>();
        String carried = "";
        for (String[] section : sections(doc.text())) {
            String heading = section[0];
            String text = section[1].strip();
            if (text.isEmpty()) continue;
            if (!heading.isEmpty() && text.indexOf('\n') < 0) {
                // a heading directly followed by a sub-heading: it leads the next section's chunk
                carried = carried + text + "\n";
                continue;
            }
            text = carried + text;
            carried = "";
            IntArrayList tokens = Vocabulary.ENCODING.encodeOrdinary(text);
            if (tokens.size() <= maxTokens) {
                out.add(new Chunk(doc.id() + "#" + out.size(), doc.id(), heading, text, tokens.size()));
                continue;
            }
            int step = maxTokens - overlapTokens;
            for (int start = 0; start < tokens.size(); start += step) {
                int end = Math.min(tokens.size(), start + maxTokens);
                IntArrayList window = new IntArrayList(end - start);
                for (int i = start; i < end; i++) window.add(tokens.get(i));
                out.add(new Chunk(
                        doc.id() + "#" + out.size(),
                        doc.id(),
                        heading,
                        Vocabulary.ENCODING.decode(window),
                        end - start));
                if (end == tokens.size()) break;
            }
        }
        if (!carried.isEmpty()) {
            String text = carried.strip();
            out.add(new Chunk(
                    doc.id() + "#" + out.size(), doc.id(), text.replaceFirst("^#+\\s*", ""), text, countTokens(text)));
        }
        return out;
    }

    /** Sections as {heading, text}; the heading line stays in the text. */
    private static List<String[]> sections(String text) {
        List<String[]> out = new ArrayList<>();
        String heading = "";
        StringBuilder current = new StringBuilder();
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            if (line.strip().startsWith("```")) fenced = !fenced;
            if (!fenced && HEADING.matcher(line).matches()) {
                out.add(new String[] {heading, current.toString()});
                current.setLength(0);
                heading = line.replaceFirst("^#+\\s*", "").strip();
            }
            current.append(line).append('\n');
        }
        out.add(new String[] {heading, current.toString()});
        return out;
    }
}
