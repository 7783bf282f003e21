package dev.tunegate.ops;

import dev.tunegate.audit.neardup.Cluster;
import dev.tunegate.audit.neardup.MinHasher;
import dev.tunegate.audit.neardup.NearDuplicateIndex;
import dev.tunegate.audit.neardup.NearDuplicateParams;
import dev.tunegate.audit.neardup.ShingleMode;
import dev.tunegate.io.Digests;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Groups queries into topics with the dataset audit's near-duplicate engine ({@code audit.neardup}):
 * each distinct normalised query is signed with MinHash over its content words (word 1-shingles, stop
 * words dropped, a trailing plural s dropped), LSH banding proposes pairs, pairs whose estimated Jaccard reaches the similarity are
 * joined, and the connected components are the topics. A topic is named by its representative — its
 * most frequent normalised query (ties: the alphabetically first) — and its id is a digest of it, so the
 * same topic next week has the same id.
 */
public final class TopicClustering {
    private static final Set<String> STOP = Set.of(
            "a", "an", "the", "is", "are", "do", "does", "i", "my", "me", "we", "our", "to", "of", "for", "in", "on",
            "at", "can", "how", "what", "when", "which", "who", "it", "be", "and", "or", "with", "there", "this",
            "that", "you", "your", "am", "was", "if", "as", "by", "from", "will", "should", "any", "get");

    private final NearDuplicateParams params;

    /** @param similarity Jaccard at or above which two queries share a topic */
    public TopicClustering(double similarity, long seed) {
        this.params = NearDuplicateParams.forThreshold(similarity, seed, ShingleMode.WORDS, 1);
    }

    public NearDuplicateParams params() {
        return params;
    }

    /** A topic: the indexes of its queries (ascending) and its representative. */
    public record Group(String id, String representative, List<Integer> members) {}

    /** The topics of {@code queries}, largest first (ties by representative). Every query is in exactly one. */
    public List<Group> cluster(List<String> queries) {
        Map<String, List<Integer>> byText = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++)
            byText.computeIfAbsent(normalise(queries.get(i)), k -> new ArrayList<>())
                    .add(i);
        List<String> texts = new ArrayList<>(byText.keySet());
        MinHasher hasher = new MinHasher(params);
        NearDuplicateIndex index = new NearDuplicateIndex(params);
        for (int t = 0; t < texts.size(); t++) index.add(t, hasher.sign(contentWords(texts.get(t))));
        int[] topicOf = new int[texts.size()];
        java.util.Arrays.fill(topicOf, -1);
        List<List<Integer>> comps = new ArrayList<>();
        for (Cluster c : index.clusters()) {
            for (int t : c.rows()) topicOf[t] = comps.size();
            comps.add(c.rows());
        }
        for (int t = 0; t < texts.size(); t++) if (topicOf[t] < 0) comps.add(List.of(t));
        List<Group> out = new ArrayList<>();
        for (List<Integer> comp : comps) {
            List<Integer> members = new ArrayList<>();
            String rep = null;
            int repCount = -1;
            for (int t : comp) {
                List<Integer> idx = byText.get(texts.get(t));
                members.addAll(idx);
                if (idx.size() > repCount
                        || (idx.size() == repCount && texts.get(t).compareTo(rep) < 0)) {
                    rep = texts.get(t);
                    repCount = idx.size();
                }
            }
            members.sort(null);
            out.add(new Group(idOf(rep), rep, members));
        }
        out.sort(Comparator.<Group>comparingInt(g -> -g.members().size()).thenComparing(Group::representative));
        return out;
    }

    /** Lower case, every run of non-letters and non-digits one space, trimmed. */
    public static String normalise(String q) {
        StringBuilder b = new StringBuilder(q.length());
        boolean space = false;
        for (int i = 0; i < q.length(); ) {
            int cp = q.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (space && !b.isEmpty()) b.append(' ');
                space = false;
                b.appendCodePoint(Character.toLowerCase(cp));
            } else {
                space = true;
            }
        }
        return b.toString();
    }

    /** The normalised text without stop words (the text itself when nothing else is left). */
    static String contentWords(String normalised) {
        StringBuilder b = new StringBuilder();
        for (String w : normalised.split(" ")) {
            if (STOP.contains(w)) continue;
            if (!b.isEmpty()) b.append(' ');
            // a plural and its singular are one word ("bands", "band")
            b.append(w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.substring(0, w.length() - 1) : w);
        }
        return b.isEmpty() ? normalised : b.toString();
    }

    /** The stable id of a topic: {@code T-} and the first 12 hex digits of the SHA-256 of its representative. */
    public static String idOf(String representative) {
        return "T-" + Digests.sha256(representative.toLowerCase(Locale.ROOT)).substring(0, 12);
    }

    /** The exact Jaccard of two queries' content-word sets (for matching a topic to an earlier week's). */
    public static double similarity(String a, String b) {
        Set<String> x =
                new java.util.HashSet<>(List.of(contentWords(normalise(a)).split(" ")));
        Set<String> y =
                new java.util.HashSet<>(List.of(contentWords(normalise(b)).split(" ")));
        Set<String> union = new java.util.HashSet<>(x);
        union.addAll(y);
        x.retainAll(y);
        return union.isEmpty() ? 0 : (double) x.size() / union.size();
    }
}
