package dev.tunegate.evals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.dataops.Fixtures;
import dev.tunegate.workspace.Workspace;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegressionLogTest {
    @Test
    void aLogLineThatIsNotUtf8IsSkippedWithItsFirstBadByteAndTheOtherChecksCount(@TempDir Path ws) throws Exception {
        Workspace w = Fixtures.workspace(
                ws, List.of(Fixtures.row("ticket", "billing", "expert", "approved", "2026")), null, null);
        Path log = ws.resolve(RegressionLog.FILE);
        Files.createDirectories(log.getParent());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("{\"date\":\"2026-03-01\"}\n{\"date\":\"2026-04-".getBytes(StandardCharsets.UTF_8));
        b.write(0xFF); // byte 18 of line 2: 17 ASCII bytes before it
        b.writeBytes("\"}\n{\"date\":\"2026-03-15\"}\n".getBytes(StandardCharsets.UTF_8));
        Files.write(log, b.toByteArray());
        List<String> problems = new ArrayList<>();
        assertThat(RegressionLog.latest(w, "regress-log.jsonl", problems)).isEqualTo(LocalDate.parse("2026-03-15"));
        assertThat(problems)
                .containsExactly(
                        "regress-log.jsonl:2: the line is not valid UTF-8: byte 18 of the line is 0xFF; line skipped");
    }
}
