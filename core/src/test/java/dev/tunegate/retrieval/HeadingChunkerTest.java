package dev.tunegate.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tunegate.io.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadingChunkerTest {

    private static Document doc(String id, String text) {
        return new Document(id, "T", text, List.of("g"), List.of(), "", "f.md", 1);
    }

    @Test
    void eachHeadingStartsAChunkAndIdsCountFromZero() {
        List<Chunk> chunks = new HeadingChunker(512, 64)
                .chunk(doc(
                        "refunds", "Intro line.\n# Refunds\nWithin 30 days.\n## Exceptions\nGift cards are final.\n"));
        assertThat(chunks).extracting(Chunk::id).containsExactly("refunds#0", "refunds#1", "refunds#2");
        assertThat(chunks).extracting(Chunk::heading).containsExactly("", "Refunds", "Exceptions");
        assertThat(chunks.get(1).text()).isEqualTo("# Refunds\nWithin 30 days.");
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokens()).isEqualTo(HeadingChunker.countTokens(c.text())));
    }

    @Test
    void aHeadingDirectlyFollowedByASubHeadingLeadsItsChunk() {
        List<Chunk> chunks = new HeadingChunker(512, 0)
                .chunk(doc("p", "# Leave\n\n## Entitlement\n16 weeks.\n## Requests\nIn the portal.\n# Alone\n"));
        assertThat(chunks)
                .extracting(Chunk::text)
                .containsExactly("# Leave\n## Entitlement\n16 weeks.", "## Requests\nIn the portal.", "# Alone");
    }

    @Test
    void aHeadingInsideACodeFenceDoesNotSplit() {
        List<Chunk> chunks = new HeadingChunker(512, 0).chunk(doc("d", "# A\n```\n# not a heading\n```\ntext\n"));
        assertThat(chunks).hasSize(1);
    }

    @Test
    void aLongSectionIsSplitIntoOverlappingWindowsOfAtMostMaxTokens() {
        // "word0 word1 … word299": each " wordN" is 2 o200k tokens or so; far more than 40 tokens in total
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 300; i++) b.append("word").append(i).append(' ');
        String text = b.toString().strip();
        int total = HeadingChunker.countTokens(text);
        List<Chunk> chunks = new HeadingChunker(40, 10).chunk(doc("long", text));
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokens()).isLessThanOrEqualTo(40));
        // windows start every 40 − 10 = 30 tokens until one reaches the end: ceil((total − 40) / 30) + 1 windows
        int expected = (int) Math.ceil((total - 40) / 30.0) + 1;
        assertThat(chunks).hasSize(expected);
        assertThat(chunks.get(0).text()).startsWith("word0 ");
        assertThat(chunks.get(chunks.size() - 1).text()).endsWith("word299");
        // overlap: the end of a window reappears at the start of the next
        String tailOfFirst = chunks.get(0).text().substring(chunks.get(0).text().length() - 8);
        assertThat(chunks.get(1).text()).contains(tailOfFirst.strip());
    }

    @Test
    void anOverlapNotBelowTheChunkSizeIsRejected() {
        assertThatThrownBy(() -> new HeadingChunker(64, 64))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("retrieval.chunkOverlap");
    }
}
