package dev.tunegate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import dev.tunegate.audit.neardup.MinHasher;
import dev.tunegate.audit.read.Example;
import dev.tunegate.audit.read.JsonRowParser;
import dev.tunegate.audit.read.Message;
import dev.tunegate.audit.read.ParsedRow;
import dev.tunegate.audit.read.RawRow;
import dev.tunegate.audit.read.RowParser;
import dev.tunegate.audit.read.RowProblem;
import dev.tunegate.audit.read.ShallowRow;
import dev.tunegate.evidence.Finding;
import dev.tunegate.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The per-row work of the audit, run on the worker threads: parse, normalise, fingerprint, sign,
 * tokenize, scan for PII, check the output. Pure: the same row always gives the same result.
 */
final class RowAnalysis {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*[\\w.\\- ]{1,64}\\s*}}");
    /** Tokens the fine-tuning API adds per message and per example (OpenAI's data-prep notebook). */
    static final int TOKENS_PER_MESSAGE = 3;

    static final int TOKENS_PER_EXAMPLE = 3;

    private final String file;
    private final RowParser parser;
    private final Set<AuditCheck> checks;
    private final MinHasher hasher;
    private final TokenCounter encoding;
    private final int[] roleNameTokens;
    private final int contextLimit;
    private final ObjectMapper mapper;
    private final JsonSchema schema;
    private final PiiScanner pii = new PiiScanner();
    /** Whether any check reads the rows' fingerprints (exact duplicates, conflicts, leakage); {@code --only counts} needs none. */
    private final boolean fingerprints;
    /**
     * Whether no check reads the rows' texts ({@code --only counts}): clean rows are then read for
     * their shape and metadata only ({@link JsonRowParser#shallow}), their strings never decoded.
     */
    private final boolean textFree;

    RowAnalysis(
            String file,
            RowParser parser,
            Set<AuditCheck> checks,
            MinHasher hasher,
            TokenCounter encoding,
            int contextLimit,
            ObjectMapper mapper,
            JsonSchema schema) {
        this.file = file;
        this.parser = parser;
        this.checks = checks;
        this.fingerprints = checks.contains(AuditCheck.EXACT_DUPLICATES)
                || checks.contains(AuditCheck.CONFLICTS)
                || checks.contains(AuditCheck.LEAKAGE);
        this.textFree = checks.stream().allMatch(c -> c == AuditCheck.COUNTS);
        this.hasher = hasher;
        this.encoding = encoding;
        this.contextLimit = contextLimit;
        this.mapper = mapper;
        this.schema = schema;
        this.roleNameTokens = new int[4];
        if (encoding != null) {
            for (var r : dev.tunegate.audit.read.Role.values()) roleNameTokens[r.ordinal()] = encoding.count(r.key());
        }
    }

    /**
     * {@link #analyze} of the JSONL row {@code b[from, to)} (a line without its newline, BOM or
     * {@code \r}), read in place when no check reads texts and the line has its format's clean shape
     * ({@link JsonRowParser#shallow(byte[], int, int)}); otherwise analysed from a copy of the line.
     */
    RowResult analyzeLine(byte[] b, int from, int to, int index, long line) {
        if (textFree && parser instanceof JsonRowParser json) {
            ShallowRow shallow = json.shallow(b, from, to);
            if (shallow != null) return counted(index, line, to - from + 1L, shallow);
        }
        return analyze(new RawRow.JsonLine(index, line, java.util.Arrays.copyOfRange(b, from, to)));
    }

    RowResult analyze(RawRow raw) {
        return analyzeKeeping(raw).result();
    }

    /**
     * A row's result and the example it was read as (null when the row was not read whole: unreadable, or read for
     * its shape only under {@code --only counts}); an overlay ({@link OverlayPass}) starts from the example.
     */
    record Analyzed(RowResult result, Example example) {}

    Analyzed analyzeKeeping(RawRow raw) {
        if (textFree && parser instanceof JsonRowParser json) {
            ShallowRow shallow = json.shallow(raw);
            if (shallow != null) return new Analyzed(counted(raw, shallow), null);
        }
        ParsedRow parsed = parser.parse(raw);
        List<Finding> findings = new ArrayList<>(0);
        boolean formatError = problems(raw, parsed.problems(), findings);
        Example ex = parsed.example();
        boolean valid = parsed.valid();
        if (valid && ex.output().isBlank()) {
            findings.add(AuditFindings.row(
                    FindingKind.EMPTY_OUTPUT,
                    file,
                    raw.line(),
                    raw.index(),
                    "the output (last assistant turn) is empty"));
            formatError = true;
            valid = false;
        }
        if (ex == null) {
            return new Analyzed(
                    new RowResult(
                            raw.index(),
                            raw.line(),
                            raw.bytes(),
                            false,
                            formatError,
                            findings,
                            dev.tunegate.audit.read.RowMetadata.NONE,
                            0,
                            0,
                            0,
                            null,
                            null,
                            null,
                            0,
                            null,
                            List.of(),
                            false),
                    null);
        }
        boolean placeholder = false;
        for (Message m : ex.messages()) {
            if (m.content().indexOf("{{") < 0) continue; // no regex for the rows that cannot match
            var mt = PLACEHOLDER.matcher(m.content());
            if (mt.find()) {
                placeholder = true;
                findings.add(AuditFindings.row(
                        FindingKind.UNFILLED_PLACEHOLDER,
                        file,
                        raw.line(),
                        raw.index(),
                        m.role().key() + " message contains the unfilled placeholder " + mt.group()));
                break;
            }
        }
        long inputHash = 0, outputHash = 0, pairHash = 0;
        String input = ex.input();
        String output = ex.output();
        if (valid && fingerprints) {
            // the fingerprints of the normal forms (TextNormalizer), folded while hashing for ASCII text
            long in = Fingerprint.normalizedState(input);
            inputHash = Fingerprint.finishState(in);
            outputHash = Fingerprint.ofNormalized(output);
            pairHash = Fingerprint.ofNormalizedPair(in, output);
        }
        var whole = valid && checks.contains(AuditCheck.NEAR_DUPLICATES) ? hasher.sign(ex.wholeText()) : null;
        var inSig = valid && (checks.contains(AuditCheck.CONFLICTS) || checks.contains(AuditCheck.LEAKAGE))
                ? hasher.sign(input)
                : null;
        int[] roleTokens = null;
        int rowTokens = 0;
        if (valid && encoding != null) {
            roleTokens = new int[4];
            rowTokens = TOKENS_PER_EXAMPLE;
            for (Message m : ex.messages()) {
                int t = encoding.count(m.content());
                roleTokens[m.role().ordinal()] += t;
                rowTokens += TOKENS_PER_MESSAGE + roleNameTokens[m.role().ordinal()] + t;
            }
            if (rowTokens > contextLimit) {
                findings.add(AuditFindings.row(
                        FindingKind.OVER_CONTEXT_LIMIT,
                        file,
                        raw.line(),
                        raw.index(),
                        "the example has " + rowTokens + " tokens, over the limit of " + contextLimit
                                + " (truncated in training)"));
            }
        }
        RowResult.OutputFacts facts = valid && checks.contains(AuditCheck.SCHEMA) ? outputFacts(output) : null;
        if (facts != null && !facts.violations().isEmpty()) {
            findings.add(AuditFindings.row(
                    FindingKind.SCHEMA_VIOLATION,
                    file,
                    raw.line(),
                    raw.index(),
                    String.join("; ", facts.violations())));
        }
        List<PiiHit> hits = List.of();
        if (checks.contains(AuditCheck.PII)) {
            hits = pii.scan(ex.wholeText());
            if (!hits.isEmpty()) {
                Map<String, List<String>> byKind = new TreeMap<>();
                for (PiiHit h : hits)
                    byKind.computeIfAbsent(h.kind().key(), k -> new ArrayList<>())
                            .add(h.masked());
                StringBuilder b = new StringBuilder();
                byKind.forEach((k, v) -> b.append(b.isEmpty() ? "" : "; ")
                        .append(k)
                        .append(": ")
                        .append(String.join(", ", v.subList(0, Math.min(3, v.size())))));
                findings.add(AuditFindings.row(FindingKind.PII, file, raw.line(), raw.index(), b.toString()));
            }
        }
        return new Analyzed(
                new RowResult(
                        raw.index(),
                        raw.line(),
                        raw.bytes(),
                        valid,
                        formatError,
                        findings,
                        ex.metadata(),
                        inputHash,
                        outputHash,
                        pairHash,
                        whole,
                        inSig,
                        roleTokens,
                        rowTokens,
                        facts,
                        hits,
                        placeholder),
                ex);
    }

    /** Adds a finding per problem; whether one is an error-severity format problem. */
    private boolean problems(RawRow raw, List<RowProblem> problems, List<Finding> findings) {
        boolean formatError = false;
        for (RowProblem p : problems) {
            findings.add(AuditFindings.row(p.kind(), file, raw.line(), raw.index(), p.message()));
            if (p.kind().format() && p.kind().severity() == FindingKind.Severity.ERROR) formatError = true;
        }
        return formatError;
    }

    /**
     * The result of a row read without its texts: what {@link #analyze} gives for the same row when
     * no check reads texts (its output is not blank and it holds no placeholder, see {@link ShallowRow}).
     */
    private RowResult counted(RawRow raw, ShallowRow row) {
        return counted(raw.index(), raw.line(), raw.bytes(), row);
    }

    /** The parser whose one-pass read gives rows' results without their texts, or null when a check reads texts. */
    JsonRowParser shallowParser() {
        return textFree && parser instanceof JsonRowParser json ? json : null;
    }

    /** The result of a row read without its texts ({@link #analyzeLine}'s, for a row read in one pass). */
    RowResult counted(int index, long line, long bytes, ShallowRow row) {
        List<Finding> findings = row.problems().isEmpty()
                ? List.of()
                : new ArrayList<>(row.problems().size());
        boolean formatError = false, valid = true;
        for (RowProblem p : row.problems()) {
            findings.add(AuditFindings.row(p.kind(), file, line, index, p.message()));
            if (p.kind().format() && p.kind().severity() == FindingKind.Severity.ERROR) formatError = true;
            if (p.kind().severity() == FindingKind.Severity.ERROR) valid = false;
        }
        return new RowResult(
                index,
                line,
                bytes,
                valid,
                formatError,
                findings,
                row.metadata(),
                0,
                0,
                0,
                null,
                null,
                null,
                0,
                null,
                List.of(),
                false);
    }

    private RowResult.OutputFacts outputFacts(String output) {
        String t = output.strip();
        String label = t.length() <= 100 ? t : null;
        JsonNode node = null;
        if (!t.isEmpty() && (t.charAt(0) == '{' || t.charAt(0) == '[')) {
            try {
                node = mapper.readTree(t);
            } catch (java.io.IOException e) {
                node = null;
            }
        }
        if (node == null) {
            List<String> v = schema == null ? List.of() : List.of("$: expected JSON, found text");
            return new RowResult.OutputFacts(false, null, v, schema != null, label);
        }
        String fields = node.isObject() ? fieldSignature(node) : null;
        List<String> violations = List.of();
        if (schema != null) {
            Set<ValidationMessage> msgs = schema.validate(node);
            if (!msgs.isEmpty()) {
                violations = msgs.stream()
                        .map(ValidationMessage::getMessage)
                        .sorted()
                        .limit(5)
                        .toList();
            }
        }
        return new RowResult.OutputFacts(true, fields, violations, schema != null, null);
    }

    /** {@code name:type} of each top-level field, sorted by name, comma-joined. */
    static String fieldSignature(JsonNode obj) {
        TreeMap<String, String> m = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
        while (it.hasNext()) {
            var e = it.next();
            m.put(
                    e.getKey(),
                    switch (e.getValue().getNodeType()) {
                        case STRING -> "string";
                        case NUMBER -> "number";
                        case BOOLEAN -> "boolean";
                        case ARRAY -> "array";
                        case OBJECT -> "object";
                        case NULL -> "null";
                        default -> "other";
                    });
        }
        StringBuilder b = new StringBuilder();
        m.forEach(
                (k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append(':').append(v));
        return b.toString();
    }
}
