package dev.tunegate.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.analysis.Progress;
import dev.tunegate.testing.Gen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AclFilterProperties {
    private static final List<String> GROUPS = List.of("hr", "it", "sales");

    /** Each int encodes a document's groups as a bit set over GROUPS (0: no groups). */
    static Stream<Long> seeds() {
        return Gen.seeds(25);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aFilteredSearchNeverReturnsADocumentThePrincipalMayNotRead(long seed) throws IOException {
        Gen g = new Gen(seed);
        List<Integer> docGroups = g.ints(1, 12, 0, 7);
        int principalBits = g.intIn(0, 7);
        boolean publicDocuments = g.bool();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < docGroups.size(); i++) {
            docs.add(new Document(
                    "d" + i,
                    "policy " + i,
                    "the shared policy text number " + i,
                    groups(docGroups.get(i)),
                    List.of(),
                    "",
                    "f",
                    1));
        }
        List<Chunk> chunks = new ArrayList<>();
        HeadingChunker chunker = new HeadingChunker(64, 8);
        docs.forEach(d -> chunks.addAll(chunker.chunk(d)));
        Map<String, Document> byId = new HashMap<>();
        docs.forEach(d -> byId.put(d.id(), d));
        Principal principal = Principal.of(groups(principalBits));
        Path dir = Files.createTempDirectory("acl-prop");
        try (ChunkIndex index =
                ChunkIndex.openOrBuild(dir, "p", docs, () -> chunks, publicDocuments, Progress.SILENT)) {
            List<ChunkHit> hits = index.search("shared policy", principal, 100);
            long readable = docs.stream()
                    .filter(d -> principal.mayRead(d.groups(), publicDocuments))
                    .count();
            // every hit is readable, and every readable document (all contain "shared policy") is found
            assertThat(hits).allSatisfy(h -> assertThat(
                            principal.mayRead(byId.get(h.documentId()).groups(), publicDocuments))
                    .isTrue());
            assertThat(hits).hasSize((int) readable);
            // unfiltered, every document comes back
            assertThat(index.search("shared policy", Principal.UNRESTRICTED, 100))
                    .hasSize(docs.size());
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static List<String> groups(int bits) {
        List<String> out = new ArrayList<>();
        for (int b = 0; b < GROUPS.size(); b++) if ((bits & (1 << b)) != 0) out.add(GROUPS.get(b));
        return out;
    }
}
