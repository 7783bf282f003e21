package dev.tunegate.dataops.adapter;

import static dev.tunegate.dataops.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tunegate.dataops.Fixtures;
import dev.tunegate.evals.Verdict;
import dev.tunegate.io.InvalidInputException;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterRegistryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-01T12:00:00Z"), ZoneOffset.UTC);

    /** A native golden run of {@code n} items of which the first {@code passed} pass. */
    private static void run(Path file, String name, int n, int passed) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++)
            b.append("{\"run\":\"")
                    .append(name)
                    .append("\",\"item\":\"g")
                    .append(i)
                    .append("\",\"passed\":")
                    .append(i < passed)
                    .append("}\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, b.toString());
    }

    private static Workspace workspace(Path dir) throws Exception {
        Fixtures.workspace(
                dir,
                List.of(row("a b c d e", "A", "gold", "approved", "2026")),
                null,
                "evals:\n  baseline: runs/base.jsonl\n");
        run(dir.resolve("runs/base.jsonl"), "base", 200, 160); // 80 %
        run(
                dir.resolve("runs/r-1.0.0.jsonl"),
                "r@1.0.0",
                200,
                180); // 90 %: +10 points, every discordant pair favours it
        run(dir.resolve("runs/r-1.1.0.jsonl"), "r@1.1.0", 200, 140); // 70 %: −20 points against 1.0.0
        Files.writeString(dir.resolve("train.yaml"), "lr: 0.0001\nepochs: 3\n");
        return Fixtures.open(dir);
    }

    private static AdapterRegistry.Addition add(Workspace ws, String version) {
        return new AdapterRegistry.Addition(
                "r",
                version,
                "llama-3.1-8b",
                null,
                ws.root().resolve("train.yaml"),
                ws.root().resolve("runs/r-" + version + ".jsonl"));
    }

    @Test
    void promotionPassesAgainstTheBaseModelAndIsRefusedOnARegressionAgainstTheCurrentAdapter(@TempDir Path dir)
            throws Exception {
        Workspace ws = workspace(dir);
        AdapterRegistry reg = new AdapterRegistry(ws);
        reg.add(add(ws, "1.0.0"), CLOCK);
        reg.add(add(ws, "1.1.0"), CLOCK);
        // 1.0.0 vs the base model: 180 vs 160 passes of 200, discordant pairs b = 0, c = 20 → difference +10 points,
        // non-inferior
        AdapterRegistry.Promotion first = reg.promote("r@1.0.0", "prod", 0.01, CLOCK);
        assertThat(first.allowed()).isTrue();
        assertThat(first.regression().verdict()).isEqualTo(Verdict.PASS);
        assertThat(reg.lock().environments().get("prod").adapter()).isEqualTo("r@1.0.0");
        byte[] lock = Files.readAllBytes(reg.lockFile());
        // 1.1.0 vs 1.0.0: 140 vs 180 passes, b = 40, c = 0 → −20 points, significantly worse
        AdapterRegistry.Promotion second = reg.promote("r@1.1.0", "prod", 0.01, CLOCK);
        assertThat(second.allowed()).isFalse();
        assertThat(second.regression().verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(second.reason()).startsWith("refused: r@1.1.0").contains("against r@1.0.0");
        assertThat(Files.readAllBytes(reg.lockFile())).isEqualTo(lock); // a refusal writes nothing
        assertThat(reg.verifyLock()).isEmpty();
    }

    @Test
    void theRegistryRefusesDuplicatesBadVersionsAndUnknownAdapters(@TempDir Path dir) throws Exception {
        Workspace ws = workspace(dir);
        AdapterRegistry reg = new AdapterRegistry(ws);
        AdapterEntry e = reg.add(add(ws, "1.0.0"), CLOCK);
        assertThat(e.trainingConfigSha256()).hasSize(64);
        assertThat(e.goldenRun()).isEqualTo("runs/r-1.0.0.jsonl");
        assertThatThrownBy(() -> reg.add(add(ws, "1.0.0"), CLOCK))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("registered already");
        assertThatThrownBy(() -> reg.add(add(ws, "1.0"), CLOCK))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("semantic version");
        assertThatThrownBy(() -> reg.promote("r@9.9.9", "prod", 0.01, CLOCK))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown adapter r@9.9.9")
                .hasMessageContaining("r@1.0.0");
        assertThatThrownBy(() -> reg.add(
                        new AdapterRegistry.Addition(
                                "r",
                                "2.0.0",
                                "m",
                                "nope",
                                ws.root().resolve("train.yaml"),
                                ws.root().resolve("runs/base.jsonl")),
                        CLOCK))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown dataset version");
    }

    @Test
    void semanticVersionsOrderAsSemverSays() {
        assertThat(SemVer.parse("1.0.0-alpha").compareTo(SemVer.parse("1.0.0"))).isNegative();
        assertThat(SemVer.parse("1.0.0-alpha.2").compareTo(SemVer.parse("1.0.0-alpha.10")))
                .isNegative();
        assertThat(SemVer.parse("1.10.0").compareTo(SemVer.parse("1.9.9"))).isPositive();
        assertThat(SemVer.parse("1.0.0+build.5").compareTo(SemVer.parse("1.0.0")))
                .isZero();
    }
}
