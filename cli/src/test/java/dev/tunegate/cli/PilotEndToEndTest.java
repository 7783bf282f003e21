package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunegate.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tunegate pilot} and {@code tunegate report} on the shipped examples (copied to a temporary folder). */
class PilotEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void ticketRoutingScalesWithEveryConditionsEvidence() throws IOException {
        Path ws = AssessEndToEndTest.copyExample("ticket-routing", tmp);
        CliRun run = CliRun.of("pilot", ws.toString(), "--format", "json", "--no-write", "--as-of", "2026-03-01");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = Json.mapper().readTree(run.out());
        assertThat(j.path("verdict").textValue()).isEqualTo("SCALE");
        assertThat(j.path("kind").textValue()).isEqualTo("pilot");
        assertThat(j.path("conditions")).isNotEmpty().allSatisfy(c -> {
            assertThat(c.has("id")).isTrue();
            assertThat(c.has("met")).isTrue();
            assertThat(c.has("measured")).isTrue();
            assertThat(c.has("target")).isTrue();
        });
        assertThat(j.at("/quality/verdict").textValue()).isEqualTo("PASS");
        assertThat(Files.exists(ws.resolve("decisions"))).as("--no-write").isFalse();
    }

    @Test
    void policyQaStopsWithExitOneBecauseItsCandidateRegressed() throws IOException {
        Path ws = AssessEndToEndTest.copyExample("policy-qa", tmp);
        CliRun run = CliRun.of("pilot", ws.toString(), "--as-of", "2026-04-01");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(TunegateCommand.GATE);
        assertThat(run.out())
                .startsWith("policy-qa pilot: STOP")
                .contains("[MISSED] quality-not-worse (STOP)")
                .contains("pilot/checkpoints.csv:7: field \"latencyP95Ms\"");
        Path decisions = ws.resolve("decisions");
        assertThat(decisions.resolve("0001-policy-qa-stop-pilot.md")).exists();
        assertThat(decisions.resolve("0001-policy-qa-stop-pilot.json")).exists();
        assertThat(decisions.resolve("0001-policy-qa-stop-pilot.html")).exists();
        List<String> log = Files.readAllLines(decisions.resolve("log.jsonl"));
        assertThat(log).singleElement().satisfies(l -> assertThat(l)
                .startsWith("{\"kind\":\"pilot\",\"id\":\"0001\"")
                .contains("\"verdict\":\"STOP\""));
        CliRun assess = CliRun.of("assess", ws.toString(), "--as-of", "2026-04-01");
        assertThat(assess.exitCode()).as(assess.err()).isZero();
        assertThat(assess.out()).contains("Page:   ").contains("decisions/0002-policy-qa-");
        assertThat(Files.readAllLines(decisions.resolve("log.jsonl")))
                .hasSize(2)
                .last()
                .asString()
                .startsWith("{\"kind\":\"decision\",\"id\":\"0002\"");
    }

    @Test
    void theSameInputsGiveTheSamePilotRecordByteForByte() throws IOException {
        Path ws = AssessEndToEndTest.copyExample("ticket-routing", tmp);
        String a = CliRun.of("pilot", ws.toString(), "--format", "json", "--no-write", "--as-of", "2026-03-01")
                .out();
        String b = CliRun.of("pilot", ws.toString(), "--format", "json", "--no-write", "--as-of", "2026-03-01")
                .out();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void reportWritesOneSelfContainedPageWhereItIsTold() throws IOException {
        Path ws = AssessEndToEndTest.copyExample("ticket-routing", tmp);
        Path out = tmp.resolve("out/page.html");
        CliRun run = CliRun.of("report", ws.toString(), "-o", out.toString(), "--as-of", "2026-03-01");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String html = Files.readString(out);
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("The pilot: SCALE")
                .contains("Chart.js v4.4.7");
        CliRun def = CliRun.of("report", ws.toString(), "--as-of", "2026-03-01");
        assertThat(def.exitCode()).as(def.err()).isZero();
        try (var files = Files.list(ws.resolve("reports"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .singleElement()
                    .asString()
                    .matches("0001-ticket-routing-[a-z-]+\\.html");
        }
    }

    @Test
    void reportShowsTheStoredRecordsNumberOrSaysItIsNotRecorded() throws IOException {
        Path ws = AssessEndToEndTest.copyExample("ticket-routing", tmp);
        Path out = tmp.resolve("out/page.html");
        // nothing recorded yet: the page names no number (it showed "Decision record 0001", a record that did not
        // exist)
        assertThat(CliRun.of("report", ws.toString(), "-o", out.toString()).exitCode())
                .isZero();
        assertThat(Files.readString(out))
                .contains("Not recorded: assessed on")
                .contains("Not recorded: judged on")
                .doesNotContain("Decision record 0");
        // recorded, inputs unchanged: the page is the stored record, under its number (it showed the next one, 0002)
        assertThat(CliRun.of("assess", ws.toString()).exitCode()).isZero();
        assertThat(CliRun.of("report", ws.toString(), "-o", out.toString()).exitCode())
                .isZero();
        assertThat(Files.readString(out)).contains("Decision record 0001 of ").doesNotContain("Decision record 0002");
        CliRun def = CliRun.of("report", ws.toString());
        assertThat(def.exitCode()).as(def.err()).isZero();
        assertThat(ws.resolve("reports/0001-ticket-routing-fine-tune.html")).exists();
        // an input changed since: not recorded again
        String yaml = Files.readString(ws.resolve("tunegate.yaml"));
        Files.writeString(
                ws.resolve("tunegate.yaml"), yaml.replaceFirst("(?m)^  name: .*$", "  name: ticket-routing-2"));
        assertThat(CliRun.of("report", ws.toString(), "-o", out.toString()).exitCode())
                .isZero();
        assertThat(Files.readString(out)).contains("Not recorded: assessed on").doesNotContain("Decision record 0");
    }
}
