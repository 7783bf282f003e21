package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code tunegate assess} on the shipped examples (copied to a temporary folder, so the checkout is
 * not written to), compared with reviewed golden files. Regenerate them after a reviewed change with
 * {@code ./scripts/test -Dtunegate.updateGolden=true} and read the diff.
 */
class AssessEndToEndTest {
    @TempDir
    Path tmp;

    static Path copyExample(String name, Path tmp) throws IOException {
        return dev.tunegate.server.ShippedExamples.copy(Path.of("examples", name), tmp.resolve(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticket-routing", "policy-qa", "support-kb"})
    void theDecisionJsonOfEachExampleMatchesItsReviewedGoldenFile(String name) throws IOException {
        Path ws = copyExample(name, tmp);
        CliRun run = CliRun.of("assess", ws.toString(), "--format", "json", "--as-of", "2026-01-15", "--no-write");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path golden = Path.of("cli/src/test/resources/golden", name + ".assess.json");
        if (Boolean.getBoolean("tunegate.updateGolden")) Files.writeString(golden, run.out());
        assertThat(run.out()).isEqualTo(Files.readString(golden));
    }

    @Test
    void theRetrievalAlternativeFollowsTheVerdictsItCites() throws IOException {
        // support-kb: NO-CITE fired, the decision is FIX_ACCESS_CONTROL; the reason read "citations are not required"
        CliRun run = CliRun.of("assess", copyExample("support-kb", tmp).toString(), "--format", "json", "--no-write");
        assertThat(run.exitCode()).as(run.err()).isZero();
        var record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        String whyNot = null;
        for (var a : record.get("alternatives"))
            if (a.get("option").asText().equals("Retrieval (RAG) for the facts"))
                whyNot = a.get("whyNot").asText();
        assertThat(whyNot)
                .startsWith(
                        "answers must cite sources, so retrieval is called for, but \"Fix access control\" comes first: ")
                .contains("NO-CITE fired")
                .doesNotContain("not required");
    }

    @Test
    void theExamplesDecideDifferently() throws IOException {
        String a = CliRun.of("assess", copyExample("ticket-routing", tmp).toString(), "--format", "json", "--no-write")
                .out();
        String b = CliRun.of("assess", copyExample("policy-qa", tmp).toString(), "--format", "json", "--no-write")
                .out();
        assertThat(field(a, "decision")).isNotEqualTo(field(b, "decision"));
        assertThat(field(b, "decision")).isEqualTo("USE_RAG");
    }

    @Test
    void assessWritesTheRecordItsJsonTwinAndAppendsTheLog() throws IOException {
        Path ws = copyExample("policy-qa", tmp);
        CliRun first = CliRun.of("assess", ws.toString());
        CliRun second = CliRun.of("assess", ws.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).isZero();
        assertThat(first.out()).contains("policy-qa: USE_RAG").contains("Why:").contains("Record: ");
        Path decisions = ws.resolve("decisions");
        assertThat(decisions.resolve("0001-policy-qa-use-rag.md")).exists();
        assertThat(decisions.resolve("0001-policy-qa-use-rag.json")).exists();
        // the same inputs again: one record per distinct decision, nothing written
        assertThat(second.out()).startsWith("unchanged since 0001 — same inputs");
        assertThat(second.err()).contains("unchanged since 0001 — same inputs");
        assertThat(decisions.resolve("0002-policy-qa-use-rag.md")).doesNotExist();
        assertThat(Files.readAllLines(decisions.resolve("log.jsonl"))).hasSize(1);
        // JSON prints the stored record; --force writes a new one; a changed input writes a new one too
        CliRun json = CliRun.of("assess", ws.toString(), "--format", "json");
        assertThat(json.out()).isEqualTo(Files.readString(decisions.resolve("0001-policy-qa-use-rag.json")));
        assertThat(CliRun.of("assess", ws.toString(), "--force").exitCode()).isZero();
        assertThat(decisions.resolve("0002-policy-qa-use-rag.md")).exists();
        Files.writeString(
                ws.resolve("tunegate.yaml"),
                Files.readString(ws.resolve("tunegate.yaml")) + "\n# a comment changes the config's digest\n");
        assertThat(CliRun.of("assess", ws.toString()).out()).doesNotContain("unchanged since");
        assertThat(decisions.resolve("0003-policy-qa-use-rag.md")).exists();
        assertThat(Files.readAllLines(decisions.resolve("log.jsonl"))).hasSize(3);
        String md = Files.readString(decisions.resolve("0001-policy-qa-use-rag.md"));
        assertThat(md)
                .contains(
                        "## Context",
                        "## Decision",
                        "## Rules",
                        "## Alternatives considered",
                        "## Consequences",
                        "## Pilot plan",
                        "Next review",
                        "## Provenance",
                        "People Operations policy office",
                        "tunegate.yaml");
    }

    @Test
    void theJsonContractHasDecisionMethodRulesAndCounterfactuals() throws IOException {
        String json = CliRun.of(
                        "assess", copyExample("ticket-routing", tmp).toString(), "--format", "json", "--no-write")
                .out();
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(node.has("decision")).isTrue();
        assertThat(node.has("method")).isTrue();
        assertThat(node.get("rules")).hasSize(14);
        assertThat(node.get("rules").get(0).has("id")).isTrue();
        // each rule's verdict is the one the reviewed golden record of this example holds (not merely a valid enum
        // value)
        var golden = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(AssessEndToEndTest.class.getResourceAsStream("/golden/ticket-routing.assess.json"));
        java.util.Map<String, String> expected = new java.util.LinkedHashMap<>(),
                actual = new java.util.LinkedHashMap<>();
        golden.get("rules")
                .forEach(
                        r -> expected.put(r.get("id").asText(), r.get("verdict").asText()));
        node.get("rules")
                .forEach(r -> actual.put(r.get("id").asText(), r.get("verdict").asText()));
        assertThat(actual).containsExactlyEntriesOf(expected);
        assertThat(node.get("rules").get(0).get("verdict").asText())
                .isEqualTo(expected.values().iterator().next());
        // the rule table includes FT-CONSISTENT with its measured value; FT-ONPREM has no subject here (n/a)
        var consistent = java.util.stream.StreamSupport.stream(node.get("rules").spliterator(), false)
                .filter(r -> r.get("id").asText().equals("FT-CONSISTENT"))
                .findFirst()
                .orElseThrow();
        assertThat(consistent.get("measured").has("conflictRowShare")).isTrue();
        var onPrem = java.util.stream.StreamSupport.stream(node.get("rules").spliterator(), false)
                .filter(r -> r.get("id").asText().equals("FT-ONPREM"))
                .findFirst()
                .orElseThrow();
        assertThat(onPrem.get("verdict").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(node.get("methods")).hasSize(3);
        assertThat(node.get("rules").get(0).has("threshold")).isTrue();
        assertThat(node.get("rules").get(0).has("measured")).isTrue();
        assertThat(node.get("counterfactuals").isArray()).isTrue();
        assertThat(node.get("schemaVersion").asInt()).isEqualTo(1);
    }

    private static String field(String json, String f) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json)
                .get(f)
                .asText();
    }
}
