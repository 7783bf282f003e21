package dev.tunegate.retrieval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunegate.evidence.Finding;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import dev.tunegate.io.TextLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ranked results of a retriever the user already has, per question.
 *
 * <p>Two formats, told apart by the first non-blank line: TREC run lines
 * ({@code qid Q0 docid rank score tag}), ranked as trec_eval ranks them — by score descending, ties
 * by docid descending, the rank column ignored — or JSONL objects
 * {@code {"id": "q1", "results": ["d3", "d1"]}} (also {@code qid}/{@code ranked}; elements may be
 * {@code {"id": "d3", "score": 7.1}}) whose list order is the ranking.
 *
 * @param path the file
 * @param rankings question id → ranked ids with scores (a repeated id keeps its first, best rank)
 * @param findings bad lines that were skipped
 */
public record ExternalRun(Path path, Map<String, List<Ranked>> rankings, List<Finding> findings) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ExternalRun {
        Map<String, List<Ranked>> copy = new LinkedHashMap<>();
        rankings.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        rankings = java.util.Collections.unmodifiableMap(copy);
        findings = List.copyOf(findings);
    }

    /** One ranked id; {@code score} is NaN when the run gives none. */
    public record Ranked(String id, double score) {}

    /** Reads a run in TREC or JSONL format. */
    public static ExternalRun read(Path file) {
        if (!Files.isRegularFile(file))
            throw new InvalidInputException(file + ": no such file; expected a TREC run or a JSONL run");
        String label = file.getFileName().toString();
        // a line that is not valid UTF-8 is its finding and stays in the list as null, so the others keep their numbers
        List<String> lines = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        try {
            TextLines.read(
                    file,
                    (n, decoded) -> {
                        if (!decoded.valid())
                            findings.add(Finding.error(
                                    label,
                                    n,
                                    "INVALID_UTF8",
                                    "the line is not valid UTF-8: " + decoded.firstBadByte() + "; skipped"));
                        lines.add(decoded.text());
                    },
                    null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String first = lines.stream()
                .filter(l -> l != null && !l.isBlank())
                .findFirst()
                .orElse("")
                .strip();
        return first.startsWith("{") ? jsonl(file, lines, findings) : trec(file, lines, findings);
    }

    private static ExternalRun trec(Path file, List<String> lines, List<Finding> findings) {
        String label = file.getFileName().toString();
        record Row(String doc, double score) {}
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line == null || line.isBlank()) continue;
            String[] f = line.strip().split("\\s+");
            double score;
            try {
                if (f.length != 6) throw new NumberFormatException();
                score = Double.parseDouble(f[4]);
                if (Double.isNaN(score)) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                findings.add(Finding.error(
                        label,
                        i + 1,
                        "INVALID_RUN_LINE",
                        "expected \"qid Q0 docid rank score tag\" with a numeric score, found \""
                                + (line.length() > 60 ? line.substring(0, 60) + "…" : line) + "\"; skipped"));
                continue;
            }
            rows.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Row(f[2], score));
        }
        Map<String, List<Ranked>> rankings = new LinkedHashMap<>();
        rows.forEach((qid, list) -> {
            // trec_eval: sort by score descending, then by docno descending
            list.sort(Comparator.comparingDouble(Row::score)
                    .reversed()
                    .thenComparing(Row::doc, Comparator.reverseOrder()));
            Set<String> seen = new HashSet<>();
            List<Ranked> ranked = new ArrayList<>();
            for (Row r : list) if (seen.add(r.doc())) ranked.add(new Ranked(r.doc(), r.score()));
            if (ranked.size() < list.size()) {
                findings.add(Finding.warning(
                        label,
                        0,
                        "DUPLICATE_RESULT",
                        "question " + qid + " lists " + (list.size() - ranked.size())
                                + " document(s) twice; the best-scored entry is kept"));
            }
            rankings.put(qid, ranked);
        });
        return new ExternalRun(file, rankings, findings);
    }

    private static ExternalRun jsonl(Path file, List<String> lines, List<Finding> findings) {
        String label = file.getFileName().toString();
        Map<String, List<Ranked>> rankings = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line == null || line.isBlank()) continue;
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                findings.add(Finding.error(
                        label, i + 1, "INVALID_JSON", "not valid JSON: " + Json.parseError(e) + "; skipped"));
                continue;
            }
            JsonNode id = node.isObject() ? (node.has("id") ? node.get("id") : node.get("qid")) : null;
            JsonNode results =
                    node.isObject() ? (node.has("results") ? node.get("results") : node.get("ranked")) : null;
            if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
                findings.add(Finding.error(
                        label,
                        i + 1,
                        "INVALID_RUN_LINE",
                        "field \"id\": expected a question id, found " + (id == null ? "nothing" : id.toString())
                                + "; skipped"));
                continue;
            }
            if (results == null || !results.isArray()) {
                findings.add(Finding.error(
                        label,
                        i + 1,
                        "INVALID_RUN_LINE",
                        "field \"results\": expected a list of document ids, found "
                                + (results == null
                                        ? "nothing"
                                        : results.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                                + "; skipped"));
                continue;
            }
            List<Ranked> ranked = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            boolean ok = true;
            for (JsonNode e : results) {
                String doc;
                double score = Double.NaN;
                if (e.isTextual() || e.isIntegralNumber()) {
                    doc = e.asText();
                } else if (e.isObject() && e.has("id")) {
                    doc = e.get("id").asText();
                    if (e.has("score") && e.get("score").isNumber())
                        score = e.get("score").asDouble();
                } else {
                    ok = false;
                    break;
                }
                if (seen.add(doc)) ranked.add(new Ranked(doc, score));
            }
            if (!ok) {
                findings.add(Finding.error(
                        label,
                        i + 1,
                        "INVALID_RUN_LINE",
                        "field \"results\": expected ids or {\"id\", \"score\"} objects; skipped"));
                continue;
            }
            if (rankings.putIfAbsent(id.asText(), ranked) != null) {
                findings.add(Finding.error(
                        label,
                        i + 1,
                        "DUPLICATE_ID",
                        "question " + id.asText() + " appears twice; the first line is kept"));
            }
        }
        return new ExternalRun(file, rankings, findings);
    }
}
