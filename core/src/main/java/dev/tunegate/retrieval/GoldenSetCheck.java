package dev.tunegate.retrieval;

import dev.tunegate.retrieval.RetrievalReport.GoldenSetProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the golden-set problems that make recall look like zero for the wrong reason: judged ids
 * that are not in the corpus — and whether they look shifted by a constant, prefixed, suffixed or
 * differently cased relative to the corpus ids — questions without judgments, and judgments whose
 * ids are consistently off by a constant from what the retriever ranks first.
 */
public final class GoldenSetCheck {
    private static final Pattern NUMBERED = Pattern.compile("^(.*?)(\\d+)(\\D*)$");
    private static final int MAX_SHIFT = 10;
    /** Ids a constant shift must explain before it is named. */
    private static final int MIN_SHIFTED = 3;

    private static final int EXAMPLES = 10;

    private GoldenSetCheck() {}

    /** How a set of unknown ids relates to the corpus ids, when it does. */
    record Diagnosis(String kind, int count, String message, String suggestion, List<String> examples) {}

    /**
     * Diagnoses ids that are not corpus ids: a constant numeric shift, a prefix or suffix added or
     * missing, or a case difference. Returns the explanation covering most of them (at least half),
     * or null.
     */
    static Diagnosis diagnose(Set<String> unknown, Set<String> corpusIds, String what) {
        if (unknown.isEmpty() || corpusIds.isEmpty()) return null;
        List<Diagnosis> candidates = new ArrayList<>();

        Map<String, String> lower = new HashMap<>();
        for (String c : corpusIds) lower.putIfAbsent(c.toLowerCase(Locale.ROOT), c);
        List<String> cased = new ArrayList<>();
        for (String u : unknown) {
            String c = lower.get(u.toLowerCase(Locale.ROOT));
            if (c != null) cased.add(u + " → " + c);
        }
        candidates.add(new Diagnosis(
                "IDS_CASE",
                cased.size(),
                what + " ids differ from corpus ids only in letter case",
                "compare ids exactly: fix the case in the " + what + " file",
                cased));

        // prefix added to the unknown ids, or missing from them
        Map<String, List<String>> extraPrefix = new LinkedHashMap<>();
        Map<String, List<String>> missingPrefix = new LinkedHashMap<>();
        Map<String, String> corpusBySuffix = new HashMap<>();
        Map<String, String> corpusByPrefix = new HashMap<>();
        for (String c : corpusIds) {
            for (int p = 1; p < c.length(); p++) {
                if (boundary(c, p)) {
                    corpusBySuffix.putIfAbsent(c.substring(p), c);
                    corpusByPrefix.putIfAbsent(c.substring(0, p), c);
                }
            }
        }
        Map<String, List<String>> extraSuffix = new LinkedHashMap<>();
        Map<String, List<String>> missingSuffix = new LinkedHashMap<>();
        for (String u : unknown) {
            for (int p = 1; p < u.length(); p++) {
                if (!boundary(u, p)) continue;
                if (corpusIds.contains(u.substring(p)))
                    extraPrefix
                            .computeIfAbsent(u.substring(0, p), k -> new ArrayList<>())
                            .add(u + " → " + u.substring(p));
                if (corpusIds.contains(u.substring(0, p)) && !Character.isLetterOrDigit(u.charAt(p))) {
                    extraSuffix
                            .computeIfAbsent(u.substring(p), k -> new ArrayList<>())
                            .add(u + " → " + u.substring(0, p));
                }
            }
            String c = corpusBySuffix.get(u);
            if (c != null)
                missingPrefix
                        .computeIfAbsent(c.substring(0, c.length() - u.length()), k -> new ArrayList<>())
                        .add(u + " → " + c);
            String c2 = corpusByPrefix.get(u);
            if (c2 != null && !Character.isLetterOrDigit(c2.charAt(u.length()))) {
                missingSuffix
                        .computeIfAbsent(c2.substring(u.length()), k -> new ArrayList<>())
                        .add(u + " → " + c2);
            }
        }
        best(extraPrefix)
                .ifPresent(e -> candidates.add(new Diagnosis(
                        "IDS_PREFIXED",
                        e.getValue().size(),
                        what + " ids carry the prefix \"" + e.getKey() + "\" that corpus ids do not",
                        "strip \"" + e.getKey() + "\" from the ids in the " + what + " file",
                        e.getValue())));
        best(missingPrefix)
                .ifPresent(e -> candidates.add(new Diagnosis(
                        "IDS_PREFIXED",
                        e.getValue().size(),
                        "corpus ids carry the prefix \"" + e.getKey() + "\" that " + what + " ids lack",
                        "add \"" + e.getKey() + "\" to the ids in the " + what
                                + " file (or drop it from the corpus ids)",
                        e.getValue())));
        best(extraSuffix)
                .ifPresent(e -> candidates.add(new Diagnosis(
                        "IDS_SUFFIXED",
                        e.getValue().size(),
                        what + " ids carry the suffix \"" + e.getKey() + "\" that corpus ids do not",
                        "strip \"" + e.getKey() + "\" from the ids in the " + what + " file",
                        e.getValue())));
        best(missingSuffix)
                .ifPresent(e -> candidates.add(new Diagnosis(
                        "IDS_SUFFIXED",
                        e.getValue().size(),
                        "corpus ids carry the suffix \"" + e.getKey() + "\" that " + what + " ids lack",
                        "add \"" + e.getKey() + "\" to the ids in the " + what + " file",
                        e.getValue())));

        // a constant numeric shift
        Map<String, Set<Long>> numbers = new HashMap<>();
        for (String c : corpusIds) {
            Matcher m = NUMBERED.matcher(c);
            if (m.matches() && m.group(2).length() < 18)
                numbers.computeIfAbsent(m.group(1) + "\u0000" + m.group(3), k -> new java.util.HashSet<>())
                        .add(Long.parseLong(m.group(2)));
        }
        int bestShift = 0;
        List<String> bestShifted = List.of();
        for (int d = -MAX_SHIFT; d <= MAX_SHIFT; d++) {
            if (d == 0) continue;
            List<String> shifted = new ArrayList<>();
            for (String u : new TreeSet<>(unknown)) {
                Matcher m = NUMBERED.matcher(u);
                if (!m.matches() || m.group(2).length() >= 18) continue;
                Set<Long> ns = numbers.get(m.group(1) + "\u0000" + m.group(3));
                long n = Long.parseLong(m.group(2)) + d;
                if (ns != null && ns.contains(n)) shifted.add(u + " → " + m.group(1) + n + m.group(3));
            }
            if (shifted.size() > bestShifted.size()
                    || (shifted.size() == bestShifted.size() && Math.abs(d) < Math.abs(bestShift))) {
                bestShift = d;
                bestShifted = shifted;
            }
        }
        // in a corpus of consecutive numbers any id lies within a few of another: a shift is a pattern only when
        // several ids follow it
        if (bestShifted.size() >= MIN_SHIFTED) {
            candidates.add(new Diagnosis(
                    "IDS_SHIFTED",
                    bestShifted.size(),
                    what + " ids look shifted by " + signed(bestShift) + " relative to corpus ids",
                    "the " + what + " ids were probably exported with an off-by-" + Math.abs(bestShift)
                            + " error (e.g. 0- vs 1-based numbering): regenerate them from the corpus ids",
                    bestShifted));
        }
        Diagnosis best = null;
        for (Diagnosis d : candidates) if (d.count() > 0 && (best == null || d.count() > best.count())) best = d;
        if (best == null || best.count() * 2 < unknown.size()) return null;
        return best;
    }

    private static Optional<Map.Entry<String, List<String>>> best(Map<String, List<String>> m) {
        Map.Entry<String, List<String>> best = null;
        for (Map.Entry<String, List<String>> e : m.entrySet())
            if (best == null || e.getValue().size() > best.getValue().size()) best = e;
        return Optional.ofNullable(best);
    }

    private static boolean boundary(String s, int p) {
        char a = s.charAt(p - 1), b = s.charAt(p);
        return !Character.isLetterOrDigit(a)
                || !Character.isLetterOrDigit(b)
                || (Character.isLetter(a) && Character.isDigit(b))
                || (Character.isDigit(a) && Character.isLetter(b));
    }

    private static String signed(int d) {
        return d > 0 ? "+" + d : Integer.toString(d);
    }

    /**
     * Checks the golden set against the corpus and the rankings.
     *
     * @param questions the golden questions, judgments already mapped from chunk ids to documents
     * @param corpusIds the corpus document ids, or null without a corpus
     * @param rankings question id → ranked document ids (built-in or run), for the shift check
     * @param run the external run, or null
     * @param needsText whether questions are searched by text (the built-in index)
     */
    static List<GoldenSetProblem> check(
            List<GoldenQuestion> questions,
            Set<String> corpusIds,
            Map<String, List<String>> rankings,
            ExternalRun run,
            boolean needsText) {
        List<GoldenSetProblem> out = new ArrayList<>();
        List<String> unjudged = questions.stream()
                .filter(q -> !q.hasRelevant())
                .map(GoldenQuestion::id)
                .toList();
        if (!unjudged.isEmpty()) {
            out.add(new GoldenSetProblem(
                    "QUESTIONS_WITHOUT_JUDGMENTS",
                    unjudged.size() + " of " + questions.size() + " questions " + have(unjudged.size())
                            + " no relevant document judged; " + (unjudged.size() == 1 ? "it is" : "they are")
                            + " left out of every metric",
                    "add the relevant document ids to \"relevant\" (or to the qrels) for these questions",
                    unjudged.size(),
                    head(unjudged)));
        }
        if (needsText) {
            List<String> textless = questions.stream()
                    .filter(q -> q.question().isBlank())
                    .map(GoldenQuestion::id)
                    .toList();
            if (!textless.isEmpty()) {
                out.add(new GoldenSetProblem(
                        "QUESTIONS_WITHOUT_TEXT",
                        count(textless.size(), "question", "questions") + " " + have(textless.size())
                                + " judgments but no question text, so the built-in index cannot search "
                                + (textless.size() == 1 ? "it; it counts" : "them; they count")
                                + " as retrieving nothing",
                        "add them to the golden questions JSONL with a \"question\", or evaluate an external run with --run",
                        textless.size(),
                        head(textless)));
            }
        }
        List<String> noPrincipal = questions.stream()
                .filter(q -> !q.hasPrincipal())
                .map(GoldenQuestion::id)
                .toList();
        if (!noPrincipal.isEmpty() && corpusIds != null) {
            out.add(new GoldenSetProblem(
                    "QUESTIONS_WITHOUT_PRINCIPAL",
                    noPrincipal.size() + " of " + questions.size() + " questions " + have(noPrincipal.size())
                            + " no \"groups\": " + (noPrincipal.size() == 1 ? "it ran" : "they ran")
                            + " unfiltered and no leak check covers " + (noPrincipal.size() == 1 ? "it" : "them"),
                    "give every golden question the groups of a real user who would ask it",
                    noPrincipal.size(),
                    head(noPrincipal)));
        }
        if (corpusIds != null) {
            Set<String> judged = new LinkedHashSet<>();
            for (GoldenQuestion q : questions)
                q.relevance().forEach((id, g) -> {
                    if (g >= 1) judged.add(id);
                });
            Set<String> unknown = new LinkedHashSet<>();
            for (String id : judged) if (!corpusIds.contains(id)) unknown.add(id);
            if (!unknown.isEmpty()) {
                Diagnosis d = diagnose(unknown, corpusIds, "judged");
                out.add(new GoldenSetProblem(
                        "JUDGED_NOT_IN_CORPUS",
                        GoldenSetProblem.LOUD + unknown.size() + " of " + judged.size() + " judged relevant documents "
                                + (unknown.size() == 1 ? "is" : "are")
                                + " not in the corpus — recall on their questions is zero whatever the retriever does"
                                + (d == null ? "" : "; " + d.message()),
                        d == null
                                ? "check that the golden set was written against this corpus (ids are compared exactly)"
                                : d.suggestion(),
                        unknown.size(),
                        d == null ? head(List.copyOf(unknown)) : head(d.examples())));
                if (d != null)
                    out.add(new GoldenSetProblem(
                            d.kind(),
                            GoldenSetProblem.LOUD + d.message() + " (" + d.count() + " of "
                                    + count(unknown.size(), "unknown id", "unknown ids") + ")",
                            d.suggestion(),
                            d.count(),
                            head(d.examples())));
            }
            if (run != null) {
                Set<String> runUnknown = new TreeSet<>();
                run.rankings()
                        .values()
                        .forEach(list -> list.forEach(r -> {
                            if (!corpusIds.contains(r.id())) runUnknown.add(r.id());
                        }));
                if (!runUnknown.isEmpty()) {
                    Diagnosis d = diagnose(runUnknown, corpusIds, "run");
                    out.add(new GoldenSetProblem(
                            "RUN_NOT_IN_CORPUS",
                            (runUnknown.size() == 1
                                            ? "1 document in the run is not in the corpus: its access groups are unknown,"
                                                    + " so the leak check cannot judge it"
                                            : runUnknown.size() + " documents in the run are not in the corpus: their"
                                                    + " access groups are unknown, so the leak check cannot judge them")
                                    + (d == null ? "" : "; " + d.message()),
                            d == null ? "evaluate the run against the corpus it was produced from" : d.suggestion(),
                            runUnknown.size(),
                            d == null ? head(List.copyOf(runUnknown)) : head(d.examples())));
                }
            }
        }
        if (run != null) {
            List<String> missing = questions.stream()
                    .filter(GoldenQuestion::hasRelevant)
                    .map(GoldenQuestion::id)
                    .filter(id -> !run.rankings().containsKey(id))
                    .toList();
            if (!missing.isEmpty()) {
                out.add(new GoldenSetProblem(
                        "QUESTIONS_NOT_IN_RUN",
                        count(missing.size(), "judged question", "judged questions") + " " + have(missing.size())
                                + " no results in the run; " + (missing.size() == 1 ? "it counts" : "they count")
                                + " as retrieving nothing (trec_eval -c)",
                        "check the question ids of the run against the golden set",
                        missing.size(),
                        head(missing)));
            }
        }
        GoldenSetProblem shifted = shiftedJudgments(questions, rankings);
        if (shifted != null) out.add(shifted);
        return out;
    }

    /**
     * Judgments that are consistently off by a constant from what ranks in the top 3: for each
     * question, the numeric distance between a judged id and a top-3 id of the same pattern.
     */
    private static GoldenSetProblem shiftedJudgments(
            List<GoldenQuestion> questions, Map<String, List<String>> rankings) {
        int[] hits = new int[2 * MAX_SHIFT + 1];
        int eligible = 0;
        Map<Integer, List<String>> examples = new HashMap<>();
        for (GoldenQuestion q : questions) {
            List<String> ranked = rankings.get(q.id());
            if (ranked == null || ranked.isEmpty() || !q.hasRelevant()) continue;
            boolean any = false;
            boolean[] seen = new boolean[hits.length];
            for (Map.Entry<String, Integer> j : q.relevance().entrySet()) {
                if (j.getValue() < 1) continue;
                Matcher mj = NUMBERED.matcher(j.getKey());
                if (!mj.matches() || mj.group(2).length() >= 18) continue;
                any = true;
                for (String r : ranked.subList(0, Math.min(3, ranked.size()))) {
                    Matcher mr = NUMBERED.matcher(r);
                    if (!mr.matches()
                            || mr.group(2).length() >= 18
                            || !mr.group(1).equals(mj.group(1))
                            || !mr.group(3).equals(mj.group(3))) continue;
                    long d = Long.parseLong(mr.group(2)) - Long.parseLong(mj.group(2));
                    if (Math.abs(d) <= MAX_SHIFT && !seen[(int) d + MAX_SHIFT]) {
                        seen[(int) d + MAX_SHIFT] = true;
                        hits[(int) d + MAX_SHIFT]++;
                        examples.computeIfAbsent((int) d, k -> new ArrayList<>())
                                .add(q.id() + ": judged " + j.getKey() + ", ranked " + r);
                    }
                }
            }
            if (any) eligible++;
        }
        int bestD = 0;
        for (int d = -MAX_SHIFT; d <= MAX_SHIFT; d++) {
            if (d != 0 && hits[d + MAX_SHIFT] > (bestD == 0 ? 0 : hits[bestD + MAX_SHIFT])) bestD = d;
        }
        if (bestD == 0) return null;
        int h = hits[bestD + MAX_SHIFT];
        int atZero = hits[MAX_SHIFT];
        if (h < 3 || h < 2 * atZero || h * 5 < eligible) return null;
        return new GoldenSetProblem(
                "JUDGMENTS_SHIFTED",
                GoldenSetProblem.LOUD + "for " + h + " of " + eligible + " questions the document " + signed(bestD)
                        + " away from a judged id ranks in the top 3 (the judged id itself: " + atZero
                        + "); the judgments look shifted by " + signed(bestD),
                "check the judgments' ids against the corpus: they were probably exported off by " + Math.abs(bestD),
                h,
                head(examples.get(bestD)));
    }

    /** "1 question", "2 questions". */
    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String have(int n) {
        return n == 1 ? "has" : "have";
    }

    private static List<String> head(List<String> l) {
        return l.size() <= EXAMPLES ? l : l.subList(0, EXAMPLES);
    }
}
