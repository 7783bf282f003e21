package dev.tunegate.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GoldenSetCheckTest {
    private static final Set<String> CORPUS =
            IntStream.rangeClosed(1, 20).mapToObj(i -> "doc-" + i).collect(Collectors.toCollection(TreeSet::new));

    @Test
    void idsOffByAConstantAreDiagnosedAsShifted() {
        // judged doc-21, doc-22, doc-23 do not exist; shifted by −3 they are doc-18..doc-20 (−1 and −2 match fewer)
        GoldenSetCheck.Diagnosis d =
                GoldenSetCheck.diagnose(new TreeSet<>(Set.of("doc-21", "doc-22", "doc-23")), CORPUS, "judged");
        assertThat(d.kind()).isEqualTo("IDS_SHIFTED");
        assertThat(d.message()).contains("shifted by -3");
        assertThat(d.count()).isEqualTo(3);
    }

    @Test
    void oneOrTwoUnknownIdsNearCorpusIdsAreNotCalledAShift() {
        // doc-21 is within 10 of doc-11..doc-20 whatever the cause (a typo, a deleted document): one id is no pattern
        assertThat(GoldenSetCheck.diagnose(Set.of("doc-21"), CORPUS, "judged")).isNull();
        assertThat(GoldenSetCheck.diagnose(Set.of("doc-21", "doc-22"), CORPUS, "judged"))
                .isNull();
    }

    @Test
    void prefixesSuffixesAndCaseAreDiagnosed() {
        assertThat(GoldenSetCheck.diagnose(Set.of("corpus/doc-1", "corpus/doc-2"), CORPUS, "judged")
                        .kind())
                .isEqualTo("IDS_PREFIXED");
        assertThat(GoldenSetCheck.diagnose(Set.of("doc-1.md", "doc-2.md"), CORPUS, "judged")
                        .message())
                .contains("suffix \".md\"");
        assertThat(GoldenSetCheck.diagnose(Set.of("1", "2", "3"), CORPUS, "judged")
                        .message())
                .contains("corpus ids carry the prefix \"doc-\"");
        assertThat(GoldenSetCheck.diagnose(Set.of("DOC-1", "Doc-2"), CORPUS, "judged")
                        .kind())
                .isEqualTo("IDS_CASE");
        assertThat(GoldenSetCheck.diagnose(Set.of("unrelated", "other"), CORPUS, "judged"))
                .isNull();
    }

    @Test
    void judgmentsConsistentlyOneOffFromWhatRanksFirstAreReported() {
        // every judged id is doc-n but the retriever ranks doc-(n+1) first, for 4 questions
        List<GoldenQuestion> qs = IntStream.rangeClosed(1, 4)
                .mapToObj(i -> new GoldenQuestion("q" + i, "text", Map.of("doc-" + i, 1), List.of("g"), i))
                .toList();
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        for (int i = 1; i <= 4; i++) rankings.put("q" + i, List.of("doc-" + (i + 1), "doc-15"));
        List<RetrievalReport.GoldenSetProblem> problems = GoldenSetCheck.check(qs, CORPUS, rankings, null, true);
        assertThat(problems).extracting(RetrievalReport.GoldenSetProblem::kind).containsExactly("JUDGMENTS_SHIFTED");
        assertThat(problems.get(0).message()).contains("shifted by +1").contains("4 of 4");
    }
}
