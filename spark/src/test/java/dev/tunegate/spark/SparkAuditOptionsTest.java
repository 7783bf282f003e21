package dev.tunegate.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The Spark engine's command line: the local audit's options it does not have are named, with the way round. */
class SparkAuditOptionsTest {
    private static String[] run(String... args) {
        CommandLine cl = SparkAuditCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), err.toString()};
    }

    @Test
    void aLocalOnlyOptionIsOneLineThatSaysWhyAndWhatToDoInstead() {
        String[] r = run("train.jsonl", "--engine", "spark", "--allow-partial");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1].strip())
                .isEqualTo("error: --allow-partial is not available with --engine spark: the Spark job reads every"
                        + " file whole or stops at damaged input; to audit a damaged file up to the damage, run"
                        + " without --engine spark.")
                .doesNotContain("Usage:");
        String[] semantic = run("train.jsonl", "--semantic-threshold=0.9");
        assertThat(semantic[0]).isEqualTo("2");
        assertThat(semantic[1]).startsWith("error: --semantic-threshold is not available with --engine spark: ");
    }

    @Test
    void aBadOptionValueIsAUsageErrorAsInTheLocalAudit() {
        // checked before a Spark session starts or the file is opened
        String[] r = run("train.jsonl", "--threshold", "1.5");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("--threshold").doesNotContain("Exception");
        assertThat(run("train.jsonl", "--only", "bogus")[0]).isEqualTo("2");
    }

    @Test
    void theGoldenSetAndTheLeakageCheckGoTogetherAsInTheLocalAudit() {
        String[] leakage = run("train.jsonl", "--only", "leakage");
        assertThat(leakage[0]).isEqualTo("2");
        assertThat(leakage[1])
                .contains("--only leakage: the leakage check expected --golden FILE (the held-out set), found no"
                        + " --golden");
        String[] unread = run("train.jsonl", "--only", "counts", "--golden", "golden.jsonl");
        assertThat(unread[0]).isEqualTo("2");
        assertThat(unread[1]).contains("--only counts: --golden golden.jsonl is read by the leakage check only");
    }

    @Test
    void anyOtherUnknownOptionIsPicocliUsageError() {
        String[] r = run("train.jsonl", "--no-such-option");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("Unknown option: '--no-such-option'").contains("Usage:");
    }
}
