package dev.tunegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * {@code tunegate audit} on the shipped ticket-routing example. The expected numbers follow from
 * how {@code examples-gen}'s DatasetGenerator plants the defects (see the comments); the
 * near-duplicate figures depend on the MinHash engine and are checked for consistency only.
 */
class AuditExamplesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theTicketRoutingDatasetShowsEveryPlantedDefect() throws IOException {
        CliRun run = CliRun.of(
                "audit",
                "examples/ticket-routing/data/train.jsonl",
                "--golden",
                "examples/ticket-routing/data/golden.jsonl",
                "--schema",
                "examples/ticket-routing/schemas/route.schema.json",
                "--current-eras",
                "2025,2026",
                "--retired-eras",
                "2023-legacy-queues",
                "--format",
                "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = MAPPER.readTree(run.out());
        // 80 gold + 720 expert + 200 imported + 150 + 260 + 40 drafts + 150 legacy + 40 exact + 20 cosmetic
        // + 60 near + 5 conflicting + 12 drifting + 3 malformed = 1,740 rows
        assertThat(j.get("rows").asInt()).isEqualTo(1740);
        // the row without an assistant turn and the row with an empty output are invalid
        assertThat(j.get("validRows").asInt()).isEqualTo(1738);
        assertThat(j.at("/findingsByKind/no_assistant_turn").asInt()).isEqualTo(1);
        assertThat(j.at("/findingsByKind/empty_output").asInt()).isEqualTo(1);
        assertThat(j.at("/findingsByKind/unfilled_placeholder").asInt()).isEqualTo(1);
        assertThat(j.get("goldRows").asInt()).isEqualTo(80);
        assertThat(j.get("retiredEraRows").asInt()).isEqualTo(150);
        // 260 pending + 40 rejected drafts + the pending placeholder row
        assertThat(j.get("llmDraftedNotApprovedRows").asInt()).isEqualTo(301);
        assertThat(j.get("llmDraftedApprovedRows").asInt()).isEqualTo(150);
        // the 5 planted conflicting labels (same ticket, another queue)
        assertThat(j.get("conflictGroups").asInt()).isGreaterThanOrEqualTo(5);
        // 40 exact + 20 cosmetic copies (some copies of the same source join one group)
        assertThat(j.get("exactDuplicateGroups").asInt()).isBetween(40, 60);
        assertThat(j.get("rowsInNearDuplicateClusters").asInt())
                .isGreaterThanOrEqualTo(2 * j.get("nearDuplicateClusters").asInt());
        // four golden tickets were copied from training
        assertThat(j.get("leakedGoldenRows").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(j.at("/leakage/exactLeaks").asInt()).isEqualTo(4);
        // the 150 legacy-era rows route to queues the schema no longer has; 6 outputs are not JSON, 6 use "team"
        assertThat(j.at("/outputs/schema/conformingRows").asInt()).isEqualTo(1738 - 150 - 12);
        assertThat(j.at("/outputs/structured").asBoolean()).isTrue();
        assertThat(j.at("/pii/rowsWithPii").asInt()).isPositive();
        assertThat(j.at("/tokens/total").asLong()).isPositive();
    }
}
