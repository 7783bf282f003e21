package dev.tunegate.pilot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tunegate.evidence.Finding;
import dev.tunegate.io.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointReaderTest {
    @TempDir
    Path tmp;

    private Path file(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void jsonlRowsAreReadSortedByDateWithTheNamedProcessKpi() throws IOException {
        Path f = file("cp.jsonl", """
                {"date":"2026-01-18","calls":1200,"adoption":0.4,"latencyP95Ms":640,"unitCostUsd":0.0012,"handleTime":5.5}
                {"date":"2026-01-11","calls":1000,"adoption":0.3,"handleTime":6.0,"note":"ignored"}
                """);
        Checkpoints cps = new CheckpointReader("handleTime").read(f, "cp.jsonl", null);
        assertThat(cps.findings()).isEmpty();
        assertThat(cps.rows()).extracting(Checkpoint::date).containsExactly("2026-01-11", "2026-01-18");
        assertThat(cps.rows().get(0).latencyP95Ms()).isNull();
        assertThat(cps.rows().get(0).processKpi()).isEqualTo(6.0);
        assertThat(cps.rows().get(1).line()).isEqualTo(1);
        assertThat(cps.totalCalls()).isEqualTo(2200);
        assertThat(cps.latest().date()).isEqualTo("2026-01-18");
    }

    @Test
    void aBadRowIsAFindingWithItsLineAndTheRunGoesOn() throws IOException {
        Path f = file("cp.jsonl", """
                {"date":"2026-01-04","calls":100}
                not json
                {"date":"2026-13-01","calls":100}
                {"date":"2026-01-11","calls":-5}
                {"date":"2026-01-18","calls":100,"adoption":1.5}

                {"date":"2026-01-25","calls":100.5}
                {"date":"2026-01-04","calls":7}
                """);
        Checkpoints cps = new CheckpointReader(null).read(f, "pilot/cp.jsonl", null);
        assertThat(cps.rows()).extracting(Checkpoint::date).containsExactly("2026-01-04");
        assertThat(cps.findings())
                .extracting(Finding::display)
                .containsExactly(
                        "pilot/cp.jsonl:2: expected a JSON object, found not json",
                        "pilot/cp.jsonl:3: field \"date\": expected an ISO date (YYYY-MM-DD), found \"2026-13-01\"; row not used",
                        "pilot/cp.jsonl:4: field \"calls\": expected a whole number of calls ≥ 0, found -5; row not used",
                        "pilot/cp.jsonl:5: field \"adoption\": expected a share between 0 and 1, found 1.5; row not used",
                        "pilot/cp.jsonl:7: field \"calls\": expected a whole number of calls ≥ 0, found 100.5; row not used",
                        "pilot/cp.jsonl:8: field \"date\": expected one checkpoint per date, found 2026-01-04 again; row not used");
    }

    @Test
    void csvHeaderNamesTheColumnsAndBlankCellsAreAbsent() throws IOException {
        Path f = file(
                "cp.csv",
                "\uFEFFdate,calls,adoption,latencyP95Ms,unitCostUsd,tickets\n"
                        + "2026-02-01,500,0.2,,0.01,150\n"
                        + "2026-02-08,600,0.25,timeout,0.01,140\n"
                        + "2026-02-15,700,0.3,4100,0.01,\n");
        Checkpoints cps = new CheckpointReader("tickets").read(f, "cp.csv", null);
        assertThat(cps.rows()).hasSize(2);
        assertThat(cps.rows().get(0).latencyP95Ms()).isNull();
        assertThat(cps.rows().get(1).processKpi()).isNull();
        assertThat(cps.rows().get(1).line()).isEqualTo(4);
        assertThat(cps.findings())
                .singleElement()
                .extracting(Finding::display)
                .isEqualTo(
                        "cp.csv:3: field \"latencyP95Ms\": expected milliseconds ≥ 0, found \"timeout\"; row not used");
    }

    @Test
    void theFileIsHashedWhileItIsReadToTheSameDigestAsASeparateRead() throws IOException {
        // one read: the digest the pilot record names comes from the parse; checked against Digests, which reads the
        // file on its own — JSONL and CSV, with a trailing blank line and a BOM that the parse skips
        Path jsonl = file(
                "cp.jsonl", "\uFEFF{\"date\":\"2026-01-04\",\"calls\":1}\n\n{\"date\":\"2026-01-11\",\"calls\":2}\n\n");
        Path csv = file("cp.csv", "date,calls\n2026-01-04,1\n2026-01-11,2\n\n\n");
        for (Path f : java.util.List.of(jsonl, csv)) {
            Checkpoints cps = new CheckpointReader(null).read(f, f.getFileName().toString(), null);
            assertThat(cps.rows()).hasSize(2);
            assertThat(cps.sha256()).isEqualTo(dev.tunegate.io.Digests.sha256(f));
        }
    }

    @Test
    void checkpointsAfterTheAsOfDateAreNotUsed() throws IOException {
        Path f = file("cp.jsonl", "{\"date\":\"2026-01-04\",\"calls\":1}\n{\"date\":\"2026-03-01\",\"calls\":1}\n");
        Checkpoints cps = new CheckpointReader(null).read(f, "cp.jsonl", LocalDate.of(2026, 2, 1));
        assertThat(cps.rows()).hasSize(1);
        assertThat(cps.findings()).singleElement().extracting(Finding::line).isEqualTo(2L);
    }

    @Test
    void aFileThatCannotBeUsedAtAllIsInvalidInputNamingFileAndLine() throws IOException {
        Path csv = file("cp.csv", "day,calls\n2026-01-01,4\n");
        assertThatThrownBy(() -> new CheckpointReader(null).read(csv, "cp.csv", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(":1:")
                .hasMessageContaining("\"date\"");
        Path jsonl = file("cp.jsonl", "a,b\n1,2\n");
        assertThatThrownBy(() -> new CheckpointReader(null).read(jsonl, "cp.jsonl", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cp.jsonl:1:");
        assertThatThrownBy(() -> new CheckpointReader(null).read(tmp.resolve("none.jsonl"), "none.jsonl", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("none.jsonl: not a file");
    }
}
