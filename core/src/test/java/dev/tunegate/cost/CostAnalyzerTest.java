package dev.tunegate.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunegate.analysis.AnalysisContext;
import dev.tunegate.analysis.AnalyzerResult;
import dev.tunegate.analysis.Progress;
import dev.tunegate.evidence.Evidence;
import dev.tunegate.evidence.EvidenceSet;
import dev.tunegate.evidence.Measure;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.io.Json;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostAnalyzerTest {
    static final Policy POLICY = Policy.standard();

    static final CostAnalyzer COST = new CostAnalyzer(PriceCatalog.shipped());

    /** A context dated {@code date} (the injected clock of the stale-entry check). */
    static AnalysisContext context(String date, List<Evidence> earlier) {
        return new AnalysisContext(
                EvidenceSet.of(earlier), POLICY.thresholds(Map.of()), Progress.SILENT, 1, LocalDate.parse(date));
    }

    static Workspace workspace(Path dir, String extra) throws IOException {
        Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(dir.resolve("prompts/system.md"), "You route support tickets. ".repeat(100));
        Files.writeString(
                dir.resolve("prompts/few-shot.md"), "Ticket: my invoice is wrong\nQueue: billing\n".repeat(50));
        Files.writeString(dir.resolve("prompts/tuned.md"), "Route the ticket.");
        Files.writeString(dir.resolve("tunegate.yaml"), """
                useCase:
                  name: t
                  taskType: routing
                requirements:
                  dataMayLeavePerimeter: true
                traffic:
                  callsPerDay: 20000
                prompts:
                  system: prompts/system.md
                  fewShot: [prompts/few-shot.md]
                  tuned: prompts/tuned.md
                  inputTokensPerCall: 150
                  outputTokensPerCall: 10
                model:
                  current: gpt-4o-mini
                  candidate:
                    name: llama-3.1-8b
                    contextWindow: 8192
                """ + extra);
        return Workspace.open(dir, POLICY.thresholdDefinitions().keySet());
    }

    @Test
    void promptFilesAreCountedWithTheTokenizerAndTheMeasuresEmitted(@TempDir Path dir) throws IOException {
        Workspace ws = workspace(dir, "");
        List<Evidence> audit = List.of(
                Evidence.measured(Measure.TRAINING_TOKENS, 400_000, "audit: data/train.jsonl", ""),
                Evidence.measured(Measure.DATASET_ROWS, 2000, "audit: data/train.jsonl", ""));
        AnalyzerResult r = COST.analyze(ws, context("2025-01-01", audit));
        CostReport report = (CostReport) r.report();
        long system = PromptTokenCounter.count("You route support tickets. ".repeat(100));
        long fewShot = PromptTokenCounter.count("Ticket: my invoice is wrong\nQueue: billing\n".repeat(50));
        assertThat(report.tokens().todayPromptTokens()).isEqualTo(system + fewShot);
        assertThat(report.tokens().tunedPromptTokens()).isEqualTo(PromptTokenCounter.count("Route the ticket."));
        assertThat(report.tokens().ragContextTokens()).isZero(); // no retrieval configured
        assertThat(report.tokens().requiredContextTokens()).isEqualTo(system + fewShot + 150 + 10);
        assertThat(report.inputs()).anySatisfy(i -> {
            assertThat(i.name()).isEqualTo("trainingTokensPerEpoch");
            assertThat(i.source()).isEqualTo("measured: audit: data/train.jsonl");
        });
        EvidenceSet ev = EvidenceSet.of(r.evidence());
        assertThat(ev.get(Measure.BREAK_EVEN_WEEKS)).isPresent();
        assertThat(ev.get(Measure.REQUIRED_CONTEXT_TOKENS).orElseThrow().asDouble())
                .isEqualTo(system + fewShot + 160);
        assertThat(ev.get(Measure.PROVIDER_FINE_TUNING_OFFERED).orElseThrow().asBoolean())
                .isTrue();
        assertThat(ev.get(Measure.CANDIDATE_PARAMS_B).orElseThrow().asDouble()).isEqualTo(8.03); // from the catalog
        assertThat(r.inputs())
                .extracting(AnalyzerResult.InputFile::path)
                .containsExactly("prompts/system.md", "prompts/tuned.md", "prompts/few-shot.md");
    }

    @Test
    void eachPromptFileIsReadOnceForItsTokensAndItsDigest(@TempDir Path dir) throws IOException {
        Workspace ws = workspace(dir, "");
        AnalysisContext ctx = context("2025-01-01", List.of());
        AnalyzerResult r = COST.analyze(ws, ctx);
        // the digests the record names come from the bytes read to count tokens: nothing was hashed from disk again
        assertThat(ctx.digests().filesHashed()).isZero();
        // and they are the files' real SHA-256 (Digests reads the file itself)
        assertThat(r.inputs())
                .extracting(AnalyzerResult.InputFile::sha256)
                .containsExactly(
                        dev.tunegate.io.Digests.sha256(dir.resolve("prompts/system.md")),
                        dev.tunegate.io.Digests.sha256(dir.resolve("prompts/tuned.md")),
                        dev.tunegate.io.Digests.sha256(dir.resolve("prompts/few-shot.md")));
    }

    @Test
    void theJsonCarriesTheContractFields(@TempDir Path dir) throws IOException {
        Workspace ws = workspace(dir, "");
        List<Evidence> audit = List.of(Evidence.measured(Measure.TRAINING_TOKENS, 400_000, "audit", ""));
        CostReport report = COST.report(ws, context("2025-01-01", audit));
        JsonNode json = Json.mapper().readTree(Json.pretty(report));
        assertThat(json.get("methods")).hasSize(4);
        for (JsonNode m : json.get("methods")) {
            assertThat(m.has("method") && m.has("trainingCostUsd") && m.has("gpuHours") && m.has("withinSeedBand"))
                    .isTrue();
        }
        assertThat(json.at("/inference/beforeUsdPerWeek").isNumber()).isTrue();
        assertThat(json.at("/inference/afterUsdPerWeek").isNumber()).isTrue();
        assertThat(json.get("breakEvenWeeks").isNumber()
                        || json.get("breakEvenWeeks").isNull())
                .isTrue();
        assertThat(json.get("contextFits").isBoolean()).isTrue();
        assertThat(json.get("sensitivity").isArray()).isTrue();
        assertThat(json.at("/series/lines").size()).isGreaterThanOrEqualTo(2);
        assertThat(json.at("/catalogEntries/0/asOf").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void anEntryOlderThan180DaysOnTheRunDateIsWarnedAbout(@TempDir Path dir) throws IOException {
        Workspace ws = workspace(dir, "");
        // gpt-4o-mini is dated 2024-11-20 in the shipped catalog: 42 days old on 2025-01-01, 193 on 2025-06-01
        CostReport fresh = COST.report(ws, context("2025-01-01", List.of()));
        CostReport old = COST.report(ws, context("2025-06-01", List.of()));
        assertThat(fresh.warnings()).noneMatch(w -> w.contains("gpt-4o-mini"));
        assertThat(old.warnings())
                .anyMatch(w -> w.startsWith("price catalog entry gpt-4o-mini is 193 days old (asOf 2024-11-20"));
        assertThat(old.catalogEntries()).anySatisfy(e -> {
            assertThat(e.id()).isEqualTo("gpt-4o-mini");
            assertThat(e.stale()).isTrue();
            assertThat(e.ageDays()).isEqualTo(193);
        });
    }

    @Test
    void aDatedOverrideReplacesTheStaleEntry(@TempDir Path dir) throws IOException {
        Workspace ws = workspace(dir, """
                prices:
                  gpt-4o-mini: {inputPerMTok: 0.15, outputPerMTok: 0.6, asOf: 2025-05-20, source: "checked on the pricing page"}
                """);
        CostReport r = COST.report(ws, context("2025-06-01", List.of()));
        assertThat(r.warnings()).noneMatch(w -> w.contains("gpt-4o-mini"));
        assertThat(r.catalogEntries()).anySatisfy(e -> {
            assertThat(e.id()).isEqualTo("gpt-4o-mini");
            assertThat(e.origin()).startsWith("tunegate.yaml:");
        });
    }

    @Test
    void aModelThatIsNotInTheCatalogIsAnErrorWithItsLine(@TempDir Path dir) throws IOException {
        Workspace ws = workspace(dir, "");
        String yaml =
                Files.readString(dir.resolve("tunegate.yaml")).replace("current: gpt-4o-mini", "current: gpt-5-turbo");
        Files.writeString(dir.resolve("tunegate.yaml"), yaml);
        Workspace bad = Workspace.open(dir, POLICY.thresholdDefinitions().keySet());
        assertThatThrownBy(() -> COST.report(bad, context("2025-01-01", List.of())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(
                        "tunegate.yaml:15: field \"model.current\": expected an id of the price catalog (gpt-4o, ")
                .hasMessageEndingWith("found \"gpt-5-turbo\"");
    }

    @Test
    void aMissingPromptFileIsAnErrorNamingTheKey(@TempDir Path dir) throws IOException {
        Workspace ws = workspace(dir, "");
        Files.delete(dir.resolve("prompts/tuned.md"));
        assertThatThrownBy(() -> COST.report(ws, context("2025-01-01", List.of())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "tunegate.yaml:11: field \"prompts.tuned\": expected a readable file, found \"prompts/tuned.md\" (no such file)");
    }

    @Test
    void withoutTrainingTokensTheTrainingCostIsUnknownNotZero(@TempDir Path dir) throws IOException {
        Workspace ws = workspace(dir, "");
        CostReport r = COST.report(ws, context("2025-01-01", List.of()));
        assertThat(r.methods()).allSatisfy(m -> assertThat(m.trainingCostUsd()).isNull());
        assertThat(r.breakEvenStatus()).isEqualTo("unknown");
        assertThat(r.unknowns()).anySatisfy(u -> assertThat(u.settledBy()).contains("data.train"));
    }
}
