package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-operation commands end to end: contracts of their JSON and exit codes. */
class DataOpsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path workspace(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            b.append("{\"messages\":[{\"role\":\"user\",\"content\":\"ticket ")
                    .append(i)
                    .append(" about thing ")
                    .append(i * 7)
                    .append(" and item ")
                    .append(i * 13)
                    .append(" in store ")
                    .append(i * 17)
                    .append("\"},{\"role\":\"assistant\",\"content\":\"")
                    .append(i % 3 == 0 ? "A" : "B")
                    .append("\"}],\"metadata\":{\"provenance\":\"expert\",\"status\":\"")
                    .append(i == 29 ? "pending" : "approved")
                    .append("\",\"era\":\"2026\"}}\n");
        }
        Files.writeString(dir.resolve("data/train.jsonl"), b.toString());
        Files.writeString(
                dir.resolve("tunegate.yaml"),
                "useCase:\n  name: t\n  taskType: classification\ndata:\n  train: data/train.jsonl\n  currentEras: [\"2026\"]\nevals:\n  baseline: runs/base.jsonl\n");
        Files.createDirectories(dir.resolve("runs"));
        StringBuilder base = new StringBuilder(), bad = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            base.append("{\"run\":\"base\",\"item\":\"g")
                    .append(i)
                    .append("\",\"passed\":")
                    .append(i < 80)
                    .append("}\n");
            bad.append("{\"run\":\"x@1.0.0\",\"item\":\"g")
                    .append(i)
                    .append("\",\"passed\":")
                    .append(i < 50)
                    .append("}\n");
        }
        Files.writeString(dir.resolve("runs/base.jsonl"), base.toString());
        Files.writeString(dir.resolve("runs/x-1.0.0.jsonl"), bad.toString());
        Files.writeString(dir.resolve("train.yaml"), "lr: 1\n");
        return dir;
    }

    /** The text's rows add up: exported + every removal = the rows it says the export started from. */
    @Test
    void exportTextCountsAddUp(@TempDir Path tmp) throws Exception {
        Path ws = workspace(tmp.resolve("ws"));
        // a row without an assistant turn: removed as invalid, and not one of the reviewed rows
        Files.writeString(
                ws.resolve("data/train.jsonl"),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"no answer\"}]}\n",
                java.nio.file.StandardOpenOption.APPEND);
        CliRun run = CliRun.of(
                "export",
                ws.toString(),
                "--format",
                "alpaca",
                "-o",
                tmp.resolve("out").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        java.util.regex.Matcher head = java.util.regex.Pattern.compile(
                        "exported (\\d+) of (\\d+) rows \\((\\d+) of the training file, (\\d+) approved from the review queue\\)")
                .matcher(run.out());
        assertThat(head.find()).as(run.out()).isTrue();
        java.util.regex.Matcher removed =
                java.util.regex.Pattern.compile("removed: (.*)").matcher(run.out());
        assertThat(removed.find()).as(run.out()).isTrue();
        long sum = 0;
        for (String part : removed.group(1).split(", "))
            if (!part.equals("nothing")) sum += Long.parseLong(part.substring(part.lastIndexOf(' ') + 1));
        JsonNode m = JSON.readTree(tmp.resolve("out/manifest.json").toFile());
        long removedInManifest = 0;
        for (JsonNode v : m.get("removed")) removedInManifest += v.asLong();
        assertThat(sum).isEqualTo(removedInManifest);
        long exported = Long.parseLong(head.group(1)), of = Long.parseLong(head.group(2));
        assertThat(exported + sum).isEqualTo(of);
        assertThat(of).isEqualTo(Long.parseLong(head.group(3)) + Long.parseLong(head.group(4)));
        assertThat(Long.parseLong(head.group(3))).isEqualTo(m.at("/rows/source").asLong());
        assertThat(m.at("/removed/invalid").asLong())
                .as("the case this checks: an invalid row")
                .isPositive();
    }

    @Test
    void exportWritesAManifestThatVerifiesUntilAFileIsEdited(@TempDir Path tmp) throws Exception {
        Path ws = workspace(tmp.resolve("ws"));
        Path out = tmp.resolve("out");
        // without the trainer's format, or the folder: a usage error naming the option (exit 2), nothing written
        CliRun noFormat = CliRun.of("export", ws.toString(), "-o", out.toString());
        assertThat(noFormat.exitCode()).isEqualTo(2);
        assertThat(noFormat.err()).contains("--format: expected openai-chat, alpaca, sharegpt or prompt-completion");
        assertThat(out).doesNotExist();
        // a bad value is a usage error too (exit 2), one line naming the option, what it expects and what it found
        CliRun badFormat = CliRun.of("export", ws.toString(), "--format", "jsonl", "-o", out.toString());
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err())
                .contains("--format: expected one of openai-chat,")
                .contains("found \"jsonl\"");
        CliRun badShare =
                CliRun.of("export", ws.toString(), "--format", "alpaca", "-o", out.toString(), "--validation", "1.5");
        assertThat(badShare.exitCode()).isEqualTo(2);
        assertThat(badShare.err()).contains("--validation: expected a fraction between 0 and 0.5, found 1.5");
        assertThat(out).doesNotExist();
        CliRun run = CliRun.of("export", ws.toString(), "--format", "alpaca", "-o", out.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode m = JSON.readTree(run.out());
        assertThat(m.get("files").get(0).has("sha256")).isTrue();
        assertThat(m.get("removed").get("notApproved").asLong()).isEqualTo(1);
        assertThat(m.has("sourceDigests")).isTrue();
        assertThat(CliRun.of("export", out.toString(), "--verify").exitCode()).isZero();
        Files.writeString(out.resolve("train.jsonl"), "{}\n");
        CliRun bad = CliRun.of("export", out.toString(), "--verify");
        assertThat(bad.exitCode()).isEqualTo(TunegateCommand.INVALID_INPUT);
        assertThat(bad.err()).contains("train.jsonl").contains("does not match the manifest");
    }

    @Test
    void dataDiffPrintsAddedRemovedAndChangedAndAnUnknownVersionIsExit3(@TempDir Path tmp) throws Exception {
        Path ws = workspace(tmp.resolve("ws"));
        assertThat(CliRun.of("data", "snapshot", ws.toString()).exitCode()).isZero();
        Files.writeString(
                ws.resolve("data/train.jsonl"),
                Files.readString(ws.resolve("data/train.jsonl")).replace("\"content\":\"A\"", "\"content\":\"C\""));
        assertThat(CliRun.of("data", "snapshot", ws.toString()).exitCode()).isZero();
        JsonNode list = JSON.readTree(CliRun.of("data", "snapshot", ws.toString(), "--list", "--format", "json")
                .out());
        String a = list.get(0).get("id").asText(), b = list.get(1).get("id").asText();
        CliRun diff = CliRun.of("data", "diff", "-w", ws.toString(), a, b, "--format", "json");
        assertThat(diff.exitCode()).as(diff.err()).isZero();
        JsonNode d = JSON.readTree(diff.out());
        assertThat(d.get("added").get("rows").asLong()).isZero();
        assertThat(d.get("removed").get("rows").asLong()).isZero();
        assertThat(d.get("changed").get("rows").asLong()).isEqualTo(10);
        CliRun unknown = CliRun.of("data", "diff", ws.toString(), a, "0000000");
        assertThat(unknown.exitCode()).isEqualTo(TunegateCommand.INVALID_INPUT);
        assertThat(unknown.err()).contains("unknown dataset version \"0000000\"");
    }

    @Test
    void promoteIsRefusedWithExit1OnARegression(@TempDir Path tmp) throws Exception {
        Path ws = workspace(tmp.resolve("ws"));
        assertThat(CliRun.of(
                                "adapter",
                                "add",
                                ws.toString(),
                                "--name",
                                "x",
                                "--version",
                                "1.0.0",
                                "--base",
                                "m",
                                "--config",
                                "train.yaml",
                                "--golden-run",
                                "runs/x-1.0.0.jsonl")
                        .exitCode())
                .isZero();
        CliRun p = CliRun.of("adapter", "promote", ws.toString(), "x@1.0.0", "--env", "prod");
        assertThat(p.exitCode()).isEqualTo(TunegateCommand.GATE);
        assertThat(p.out()).contains("refused").contains("REGRESSION");
        assertThat(Files.exists(ws.resolve("adapters.lock"))).isFalse();
    }

    @Test
    void reviewReadsCommandsFromStdin(@TempDir Path tmp) throws Exception {
        Path ws = workspace(tmp.resolve("ws"));
        ReviewCommand.input = new BufferedReader(new StringReader("a\n"));
        try {
            CliRun r = CliRun.of("review", ws.toString(), "--reviewer", "ana");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("1 rows pending review").contains("1 approved");
        } finally {
            ReviewCommand.input = null;
        }
        assertThat(Files.readString(ws.resolve("data/review-log.jsonl")))
                .contains("\"action\":\"approve\"")
                .contains("\"reviewer\":\"ana\"");
    }
}
