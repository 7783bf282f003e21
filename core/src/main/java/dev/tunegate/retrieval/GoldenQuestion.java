package dev.tunegate.retrieval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A golden question.
 *
 * @param id its id (runs and qrels refer to it)
 * @param question its text ("" when only judgments are known, e.g. from qrels)
 * @param relevance judged ids (documents, or chunks {@code docid#n}) → grade; grade ≥ 1 is relevant
 * @param principalGroups the groups of the principal asking, or null when the question has no principal
 * @param line the line it was read from (0 when it comes from qrels only)
 */
public record GoldenQuestion(
        String id, String question, Map<String, Integer> relevance, List<String> principalGroups, long line) {
    public GoldenQuestion {
        Objects.requireNonNull(id, "id");
        question = question == null ? "" : question;
        relevance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(relevance));
        principalGroups = principalGroups == null ? null : List.copyOf(principalGroups);
    }

    /** Whether the question is asked by a principal (its groups were given). */
    public boolean hasPrincipal() {
        return principalGroups != null;
    }

    /** Whether at least one judged id has a grade ≥ 1. */
    public boolean hasRelevant() {
        return relevance.values().stream().anyMatch(g -> g >= 1);
    }

    public GoldenQuestion withRelevance(Map<String, Integer> r) {
        return new GoldenQuestion(id, question, r, principalGroups, line);
    }
}
