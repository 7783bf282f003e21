package dev.tunegate.evals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.dataops.Fixtures;
import dev.tunegate.evals.read.EvalFormat;
import dev.tunegate.evals.read.EvalReaders;
import dev.tunegate.io.Digests;
import dev.tunegate.io.FileDigests;
import dev.tunegate.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An eval file is hashed while it is parsed: the digest handed to the run's {@link FileDigests} is the file's own
 * (checked against {@link Digests#sha256(Path)}, a separate read), and nothing reads the file again for it — in every
 * format, also when the parser stops before the end of the file (a promptfoo document's {@code config} after its
 * results); {@code regress --workspace} logs the runs' digests without reading them a second time.
 */
class EvalFilesReadOnceTest {
    @TempDir
    Path dir;

    private static final String PROMPTFOO =
            """
            {"evalId": "e", "results": {"version": 3, "results": [
              {"promptIdx": 0, "testIdx": 0, "prompt": {"raw": "Route: {{t}}", "label": "v1"},
               "provider": {"id": "p"}, "vars": {"t": "refund", "expected": "billing"},
               "response": {"output": "billing"}, "success": true, "score": 1}
            ]}, "config": {"description": "%s"}}
            """.formatted("a long tail the parser does not read, past its buffers ".repeat(1000));

    private void readOnce(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        FileDigests digests = new FileDigests();
        List<EvalRecord> records = EvalReaders.read(f, name, EvalFormat.AUTO, Map.of(), new Findings(), digests);
        assertThat(records).isNotEmpty();
        assertThat(digests.sha256(f)).isEqualTo(Digests.sha256(f));
        assertThat(digests.filesHashed()).as("files read again to hash them").isZero();
    }

    @Test
    void eachFormatIsHashedWhileParsed() throws Exception {
        readOnce(
                "runs.jsonl",
                "{\"run\":\"v1\",\"item\":\"a\",\"passed\":true}\n{\"run\":\"v1\",\"item\":\"b\",\"passed\":false}\n");
        readOnce("runs.csv", "prompt,input,expected,output,passed\nClassify.,hi,a,a,TRUE\nClassify.,yo,b,a,FALSE\n");
        readOnce("results.json", PROMPTFOO);
    }

    @Test
    void regressWithAWorkspaceLogsTheDigestsOfTheFilesItRead(@TempDir Path ws) throws Exception {
        Workspace w = Fixtures.workspace(
                ws, List.of(Fixtures.row("ticket", "billing", "expert", "approved", "2026")), null, null);
        Path base = ws.resolve("base.jsonl"), cand = ws.resolve("cand.jsonl"), golden = ws.resolve("golden.jsonl");
        StringBuilder b = new StringBuilder(), c = new StringBuilder(), g = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            b.append("{\"run\":\"v1\",\"item\":\"i")
                    .append(i)
                    .append("\",\"passed\":")
                    .append(i % 4 != 0)
                    .append("}\n");
            c.append("{\"run\":\"v2\",\"item\":\"i")
                    .append(i)
                    .append("\",\"passed\":")
                    .append(i % 5 != 0)
                    .append("}\n");
            g.append("{\"item\":\"i").append(i).append("\"}\n");
        }
        Files.writeString(base, b);
        Files.writeString(cand, c);
        Files.writeString(golden, g);
        FileDigests digests = new FileDigests();
        RegressionReport r = Regression.compareFiles(base, cand, golden, 0.01, EvalSettings.defaults(), null, digests);
        RegressionLog.Entry e = RegressionLog.entry(
                w,
                r,
                base,
                cand,
                golden,
                Instant.parse("2026-03-01T00:00:00Z"),
                LocalDate.parse("2026-03-01"),
                digests);
        assertThat(digests.filesHashed()).as("files read again to hash them").isZero();
        assertThat(List.of(e.baselineSha256(), e.candidateSha256(), e.goldenSha256()))
                .containsExactly(Digests.sha256(base), Digests.sha256(cand), Digests.sha256(golden));
        // the same line as the check that hashes the files on their own
        assertThat(e)
                .isEqualTo(RegressionLog.entry(
                        w,
                        r,
                        base,
                        cand,
                        golden,
                        Instant.parse("2026-03-01T00:00:00Z"),
                        LocalDate.parse("2026-03-01")));
    }
}
