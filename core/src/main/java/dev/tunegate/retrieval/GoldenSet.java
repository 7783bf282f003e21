package dev.tunegate.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import dev.tunegate.io.JsonlLines;
import dev.tunegate.io.TextLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Golden questions with their judgments.
 *
 * <p>The JSONL has one object per line: {@code id}, {@code question}, {@code relevant} (a list of
 * document or chunk ids, each grade 1, or an object of id → integer grade) and {@code groups} (the
 * principal's groups; absent when the question has no principal). TREC qrels ({@code qid 0 docid rel})
 * replace the judgments of the questions they cover and add questions known only by id.
 *
 * @param questions the questions, in file order
 * @param findings bad lines that were skipped
 */
public record GoldenSet(List<GoldenQuestion> questions, List<Finding> findings) {

    public GoldenSet {
        questions = List.copyOf(questions);
        findings = List.copyOf(findings);
    }

    public static final GoldenSet EMPTY = new GoldenSet(List.of(), List.of());

    /**
     * Reads golden questions: JSONL, or TREC qrels when the first non-blank line is not a JSON object
     * (questions then have judgments but no text).
     */
    public static GoldenSet read(Path file) {
        if (!Files.isRegularFile(file))
            throw new InvalidInputException(file + ": no such file; expected golden questions JSONL or TREC qrels");
        String first;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            first = r.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        } catch (IOException | UncheckedIOException e) {
            first = "{";
        }
        return first.startsWith("{") || first.isEmpty() ? readJsonl(file) : EMPTY.withQrels(file);
    }

    /** Reads golden questions JSONL; bad lines are findings. */
    public static GoldenSet readJsonl(Path file) {
        if (!Files.isRegularFile(file))
            throw new InvalidInputException(file + ": no such file; expected golden questions JSONL");
        String label = file.getFileName().toString();
        List<GoldenQuestion> out = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Map<String, Long> seen = new LinkedHashMap<>();
        try {
            JsonlLines.read(file, new JsonlLines.Visitor() {
                @Override
                public void object(long n, ObjectNode node) {
                    question(label, node, n, seen, out, findings);
                }

                @Override
                public void notAnObject(long n, String text, JsonNode parsed, String parseError) {
                    if (parseError != null) {
                        findings.add(Finding.error(
                                label,
                                n,
                                "INVALID_JSON",
                                "not valid JSON: " + parseError + "; this question is skipped"));
                    } else {
                        findings.add(Finding.error(
                                label, n, "INVALID_QUESTION", "expected a JSON object; this question is skipped"));
                    }
                }

                @Override
                public void notUtf8(long n, String text, String firstBadByte) {
                    findings.add(Finding.error(
                            label,
                            n,
                            "INVALID_UTF8",
                            "the line is not valid UTF-8: " + firstBadByte + "; this question is skipped"));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new GoldenSet(out, findings);
    }

    /**
     * Applies TREC qrels ({@code qid iter docid rel}, whitespace-separated): they replace the
     * judgments of the questions they name, and questions known only from the qrels are added
     * without text.
     */
    public GoldenSet withQrels(Path qrels) {
        if (!Files.isRegularFile(qrels))
            throw new InvalidInputException(qrels + ": no such file; expected TREC qrels (qid 0 docid rel)");
        String label = qrels.getFileName().toString();
        Map<String, Map<String, Integer>> judged = new LinkedHashMap<>();
        List<Finding> found = new ArrayList<>(findings);
        try {
            TextLines.read(
                    qrels,
                    (n, decoded) -> {
                        if (!decoded.valid()) {
                            found.add(Finding.error(
                                    label,
                                    n,
                                    "INVALID_UTF8",
                                    "the line is not valid UTF-8: " + decoded.firstBadByte() + "; skipped"));
                            return;
                        }
                        String line = decoded.text();
                        if (line.isBlank()) return;
                        String[] f = line.strip().split("\\s+");
                        if (n == 1
                                && f.length >= 3
                                && f[0].toLowerCase(Locale.ROOT).contains("query")) return; // BEIR's TSV header
                        Integer grade = f.length == 4 ? parseInt(f[3]) : f.length == 3 ? parseInt(f[2]) : null;
                        if (grade == null) {
                            found.add(Finding.error(
                                    label,
                                    n,
                                    "INVALID_QREL",
                                    "expected \"qid 0 docid rel\" with an integer rel, found \"" + abbreviate(line)
                                            + "\"; skipped"));
                            return;
                        }
                        String doc = f.length == 4 ? f[2] : f[1];
                        judged.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(doc, grade);
                    },
                    null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + qrels + ": " + e.getMessage(), e);
        }
        List<GoldenQuestion> out = new ArrayList<>();
        for (GoldenQuestion q : questions) {
            Map<String, Integer> j = judged.remove(q.id());
            out.add(j == null ? q : q.withRelevance(j));
        }
        judged.forEach((qid, j) -> out.add(new GoldenQuestion(qid, "", j, null, 0)));
        return new GoldenSet(out, found);
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String kind(JsonNode n) {
        return n == null ? "nothing" : n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(Object o) {
        String s = o.toString();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private static void question(
            String label,
            JsonNode node,
            long n,
            Map<String, Long> seen,
            List<GoldenQuestion> out,
            List<Finding> findings) {
        String problem = null;
        JsonNode id = node.get("id");
        if (!node.isObject()) problem = "expected a JSON object";
        else if (id == null
                || !(id.isTextual() || id.isIntegralNumber())
                || id.asText().isBlank())
            problem = "field \"id\": expected a string, found " + kind(id)
                    + (id == null ? " (the row's fields: " + Json.fieldNames(node) + ")" : "");
        if (problem != null) {
            findings.add(Finding.error(label, n, "INVALID_QUESTION", problem + "; this question is skipped"));
            return;
        }
        String qid = id.asText().strip();
        Long first = seen.putIfAbsent(qid, n);
        if (first != null) {
            findings.add(Finding.error(
                    label,
                    n,
                    "DUPLICATE_ID",
                    "duplicate question id \"" + qid + "\" (first at line " + first + "); skipped"));
            return;
        }
        JsonNode q = node.get("question");
        if (q != null && !q.isTextual()) {
            findings.add(Finding.error(
                    label,
                    n,
                    "INVALID_QUESTION",
                    "field \"question\": expected a string, found " + kind(q) + "; skipped"));
            return;
        }
        Map<String, Integer> rel = new LinkedHashMap<>();
        JsonNode relevant = node.get("relevant");
        if (relevant != null && relevant.isArray()) {
            boolean ok = true;
            for (JsonNode e : relevant) {
                if (!(e.isTextual() || e.isIntegralNumber())) {
                    ok = false;
                    break;
                }
                rel.put(e.asText().strip(), 1);
            }
            if (!ok) {
                findings.add(Finding.error(
                        label,
                        n,
                        "INVALID_QUESTION",
                        "field \"relevant\": expected a list of ids, found " + abbreviate(relevant) + "; skipped"));
                return;
            }
        } else if (relevant != null && relevant.isObject()) {
            boolean ok = true;
            for (Map.Entry<String, JsonNode> e : relevant.properties()) {
                if (!e.getValue().isIntegralNumber()) {
                    ok = false;
                    break;
                }
                rel.put(e.getKey().strip(), e.getValue().asInt());
            }
            if (!ok) {
                findings.add(Finding.error(
                        label,
                        n,
                        "INVALID_QUESTION",
                        "field \"relevant\": expected an object of id → integer grade, found " + abbreviate(relevant)
                                + "; skipped"));
                return;
            }
        } else if (relevant != null && !relevant.isNull()) {
            findings.add(Finding.error(
                    label,
                    n,
                    "INVALID_QUESTION",
                    "field \"relevant\": expected a list of ids or an object of id → grade, found " + kind(relevant)
                            + "; skipped"));
            return;
        }
        List<String> groups = null;
        JsonNode g = node.get("groups");
        if (g != null && g.isArray()) {
            groups = new ArrayList<>();
            for (JsonNode e : g)
                if (e.isTextual() && !e.asText().isBlank())
                    groups.add(e.asText().strip());
            if (groups.size() != g.size()) {
                findings.add(Finding.error(
                        label,
                        n,
                        "INVALID_QUESTION",
                        "field \"groups\": expected a list of group names, found " + abbreviate(g) + "; skipped"));
                return;
            }
        } else if (g != null && !g.isNull()) {
            findings.add(Finding.error(
                    label,
                    n,
                    "INVALID_QUESTION",
                    "field \"groups\": expected a list of group names, found " + kind(g) + "; skipped"));
            return;
        }
        out.add(new GoldenQuestion(qid, q == null ? "" : q.asText(), rel, groups, n));
    }
}
