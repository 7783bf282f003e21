package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fine-tune break-even judges the payback of a fine-tune pilot only. */
class PilotPaybackTest {
    @TempDir
    Path tmp;

    private static JsonNode payback(String json) throws IOException {
        for (JsonNode c : new ObjectMapper().readTree(json).get("conditions")) {
            if (c.get("id").asText().equals("payback")) return c;
        }
        throw new AssertionError("no payback condition");
    }

    @Test
    void aRagPilotsPaybackIsNotJudgedByTheFineTuneBreakEven() throws IOException {
        Path ws = AssessEndToEndTest.copyExample("policy-qa", tmp);
        CliRun run = CliRun.of("pilot", ws.toString(), "--format", "json", "--no-write", "--as-of", "2026-03-01");
        JsonNode p = payback(run.out());
        assertThat(p.get("met").isNull()).isTrue();
        assertThat(p.get("source").asText()).contains("not applicable").contains("USE_RAG");
        assertThat(p.get("measuredText").asText()).isEqualTo("n/a");
    }

    @Test
    void theTerminalSaysARagPilotsPaybackIsNotApplicableAndWhy() throws IOException {
        // it printed "[unknown] payback (STOP): unknown — needed: break-even within 8 weeks" while the page said n/a
        Path ws = AssessEndToEndTest.copyExample("policy-qa", tmp);
        CliRun run = CliRun.of("pilot", ws.toString(), "--no-write", "--as-of", "2026-03-01");
        assertThat(run.out())
                .contains("  [n/a] payback (STOP): not applicable: the decision is USE_RAG, not a fine-tune")
                .doesNotContain("[unknown] payback");
    }

    @Test
    void aFineTunePilotsPaybackIsTheBreakEven() throws IOException {
        Path ws = AssessEndToEndTest.copyExample("ticket-routing", tmp);
        CliRun run = CliRun.of("pilot", ws.toString(), "--format", "json", "--no-write", "--as-of", "2026-03-01");
        assertThat(payback(run.out()).get("met").asBoolean()).isTrue();
    }
}
