package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up cache's training run takes the formats it claims: the chat rows rewritten as Alpaca and prompt/completion. */
class StartupTrainingTest {
    @Test
    void rewritesEveryChatRowInTheTwoOtherShapesTheAuditDetects(@TempDir Path dir) throws Exception {
        Path chat = dir.resolve("chat.jsonl");
        Files.writeString(chat, """
                {"messages":[{"role":"system","content":"Route."},{"role":"user","content":"Refund please"},{"role":"assistant","content":"billing"}]}

                {"messages":[{"role":"user","content":"Where is my parcel?"},{"role":"assistant","content":"shipping"}]}
                """);
        Path alpaca = dir.resolve("a.jsonl");
        Path pc = dir.resolve("p.jsonl");
        StartupTraining.rewrite(chat, alpaca, pc);
        assertThat(Files.readAllLines(alpaca))
                .containsExactly(
                        "{\"instruction\":\"Route.\",\"input\":\"Refund please\",\"output\":\"billing\"}",
                        "{\"instruction\":\"\",\"input\":\"Where is my parcel?\",\"output\":\"shipping\"}");
        assertThat(Files.readAllLines(pc))
                .containsExactly(
                        "{\"prompt\":\"Refund please\",\"completion\":\"billing\"}",
                        "{\"prompt\":\"Where is my parcel?\",\"completion\":\"shipping\"}");
        CliRun a = CliRun.of("audit", alpaca.toString(), "--only", "counts", "--format", "json");
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.out()).contains("\"format\" : \"alpaca\"").contains("\"rows\" : 2");
        CliRun p = CliRun.of("audit", pc.toString(), "--only", "counts", "--format", "json");
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(p.out()).contains("\"format\" : \"prompt-completion\"").contains("\"rows\" : 2");
    }
}
