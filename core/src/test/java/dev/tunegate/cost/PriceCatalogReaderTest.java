package dev.tunegate.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tunegate.io.InvalidInputException;
import dev.tunegate.policy.Policy;
import dev.tunegate.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceCatalogReaderTest {

    static final String GOOD = """
            models:
              m:
                hosting: provider
                provider: acme
                inputPerMTok: 1.00
                outputPerMTok: 2.00
                fineTuning: {status: offered, trainingPerMTok: 3, tunedInputPerMTok: 1.5, tunedOutputPerMTok: 3}
                asOf: 2025-01-01
                source: "test"
            gpus:
              g:
                memoryGb: 80
                bf16Tflops: 312
                usdPerHour: 1.79
                asOf: 2025-01-01
                source: "test"
            """;

    @Test
    void theShippedCatalogLoadsAndEveryEntryIsDatedAndSourced() {
        PriceCatalog c = PriceCatalog.shipped();
        assertThat(c.models())
                .containsKeys(
                        "gpt-4o",
                        "gpt-4o-mini",
                        "gpt-4.1-mini",
                        "claude-sonnet-4",
                        "llama-3.1-8b",
                        "mistral-7b",
                        "llama-3.1-70b");
        assertThat(c.gpus()).containsKeys("a10g-24gb", "l4-24gb", "a100-40gb", "a100-80gb", "h100-80gb");
        for (String id : c.ids()) {
            CatalogEntry e = c.model(id).<CatalogEntry>map(m -> m).orElseGet(() -> c.gpu(id)
                    .orElseThrow());
            assertThat(e.asOf()).as(id).isNotNull();
            assertThat(e.source()).as(id).isNotBlank();
            assertThat(e.origin()).as(id).startsWith("price-catalog.yaml:");
        }
        assertThat(c.model("gemini-1.5-flash").orElseThrow().fineTuning().status())
                .isEqualTo(FineTuningStatus.WITHDRAWN);
        assertThat(c.model("gemini-1.5-flash").orElseThrow().fineTuningOffered())
                .isFalse();
    }

    @Test
    void aPriceThatIsNotANumberIsReportedWithFileAndLine() {
        String bad = GOOD.replace("inputPerMTok: 1.00", "inputPerMTok: cheap");
        assertThatThrownBy(() -> PriceCatalogReader.read("price-catalog.yaml", bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "price-catalog.yaml:5: field \"models.m.inputPerMTok\": expected a number ≥ 0 (USD), found \"cheap\"");
    }

    @Test
    void aMissingAsOfIsReportedAtTheEntry() {
        String bad = GOOD.replace("    asOf: 2025-01-01\n    source: \"test\"\ngpus:", "    source: \"test\"\ngpus:");
        assertThatThrownBy(() -> PriceCatalogReader.read("price-catalog.yaml", bad))
                .hasMessage(
                        "price-catalog.yaml:3: field \"models.m.asOf\": expected the date the figures were read (YYYY-MM-DD), found nothing");
    }

    @Test
    void anUnknownFieldIsReportedAtItsLine() {
        String bad = GOOD.replace("    memoryGb: 80", "    memoryGB: 80");
        assertThatThrownBy(() -> PriceCatalogReader.read("price-catalog.yaml", bad))
                .hasMessageStartingWith("price-catalog.yaml:12: field \"gpus.g.memoryGB\": expected one of ");
    }

    @Test
    void anOfferedFineTuningNeedsItsPrices() {
        String bad = GOOD.replace("{status: offered, trainingPerMTok: 3, ", "{status: offered, ");
        assertThatThrownBy(() -> PriceCatalogReader.read("price-catalog.yaml", bad))
                .hasMessage(
                        "price-catalog.yaml:7: field \"models.m.fineTuning.trainingPerMTok\": expected USD per million training tokens when fine-tuning is offered, found nothing");
    }

    @Test
    void aDuplicateIdAcrossModelsAndGpusIsRejected() {
        String bad = GOOD.replace("  g:\n", "  m:\n");
        assertThatThrownBy(() -> PriceCatalogReader.read("price-catalog.yaml", bad))
                .hasMessageStartingWith("price-catalog.yaml:11: field \"m\": expected an id used once");
    }

    @Test
    void invalidYamlIsReportedWithItsLine() {
        assertThatThrownBy(() -> PriceCatalogReader.read("price-catalog.yaml", "models:\n  m: [\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("price-catalog.yaml:3: invalid YAML");
    }

    @Test
    void overridesInTunegateYamlReplaceFieldsAndAreReportedAtTheirLine(@TempDir Path dir) throws IOException {
        PriceCatalog base = PriceCatalogReader.read("price-catalog.yaml", GOOD);
        Workspace ok = workspace(dir.resolve("ok"), """
                prices:
                  m: {inputPerMTok: 0.5, asOf: 2026-01-02, source: "our invoice"}
                  g: {usdPerHour: 1.2}
                """);
        PriceCatalog c = PriceCatalogReader.withOverrides(base, ok);
        assertThat(c.model("m").orElseThrow().inputPerMTok()).isEqualByComparingTo("0.5");
        assertThat(c.model("m").orElseThrow().outputPerMTok()).isEqualByComparingTo("2.00");
        assertThat(c.model("m").orElseThrow().source()).isEqualTo("our invoice");
        assertThat(c.model("m").orElseThrow().origin()).isEqualTo("tunegate.yaml:5");
        assertThat(c.gpu("g").orElseThrow().usdPerHour()).isEqualByComparingTo("1.2");
        assertThat(c.gpu("g").orElseThrow().asOf()).isNull(); // the user's figure, undated

        Workspace bad = workspace(dir.resolve("bad"), """
                prices:
                  m:
                    inputPerMTok: -1
                """);
        assertThatThrownBy(() -> PriceCatalogReader.withOverrides(base, bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "tunegate.yaml:6: field \"prices.m.inputPerMTok\": expected a number ≥ 0 (USD), found the number -1");

        Workspace incomplete = workspace(dir.resolve("new"), """
                prices:
                  my-gpu: {usdPerHour: 3}
                """);
        assertThatThrownBy(() -> PriceCatalogReader.withOverrides(base, incomplete))
                .hasMessage(
                        "tunegate.yaml:5: field \"prices.my-gpu.memoryGb\": expected the memory of one GPU in GB, found nothing");
    }

    @Test
    void withoutAConfigFileOnDiskOverridesAreReportedAtThePricesKey(@TempDir Path dir) {
        PriceCatalog base = PriceCatalogReader.read("price-catalog.yaml", GOOD);
        Workspace ws = Workspace.of(
                dir,
                java.util.Map.of(
                        "prices",
                        new dev.tunegate.workspace.ConfigLoader.ConfigValue(
                                java.util.Map.of("g", java.util.Map.of("usdPerHour", "free")), 42)));
        assertThatThrownBy(() -> PriceCatalogReader.withOverrides(base, ws))
                .hasMessage(
                        "tunegate.yaml:42: field \"prices.g.usdPerHour\": expected a number ≥ 0 (USD), found \"free\"");
    }

    static Workspace workspace(Path dir, String prices) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tunegate.yaml"), """
                useCase:
                  name: t
                  taskType: routing
                """ + prices);
        return Workspace.open(dir, Policy.standard().thresholdDefinitions().keySet());
    }
}
