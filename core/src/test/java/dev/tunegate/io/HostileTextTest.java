package dev.tunegate.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.record.MarkdownSafety;
import org.junit.jupiter.api.Test;

/** Issue #19 rows 4 and 5: text from data reaching a terminal or a Markdown viewer. */
class HostileTextTest {
    @Test
    void terminalControlSequencesAndBidiOverridesBecomeVisible() {
        String row =
                "{\"queue\": \"sales\"}\u001b[2J\u001b[1A\u001b[2K{\"queue\": \"security\"}\r\u202eabc\u0007\u009b";
        String shown = TerminalText.visible(row);
        assertThat(shown)
                .doesNotContain("\u001b")
                .doesNotContain("\r")
                .doesNotContain("\u202e")
                .doesNotContain("\u0007")
                .doesNotContain("\u009b");
        assertThat(shown)
                .isEqualTo("{\"queue\": \"sales\"}\\e[2J\\e[1A\\e[2K{\"queue\": \"security\"}\\r\\u202eabc\\x07\\x9b");
        assertThat(TerminalText.visible("plain ünïcode ⏎ text")).isEqualTo("plain ünïcode ⏎ text");
    }

    @Test
    void markdownLosesRawHtmlAndUnsafeLinksButKeepsHttpLinks() {
        String md =
                "- title: <svg onload=alert(1)>\n- [click](javascript:alert(1)) [c2]( JaVaScRiPt:x) [c3](javascript&#58;x)\n"
                        + "- [ok](https://example.org/a) [mail](mailto:a@b.c)\n[ref]: javascript:alert(1)\n[good]: https://example.org\n";
        String safe = MarkdownSafety.neutralise(md);
        assertThat(safe)
                .doesNotContain("<")
                .doesNotContain("](javascript")
                .doesNotContain("]( JaVaScRiPt")
                .doesNotContain("](javascript&#58;")
                .doesNotContain("[ref]: javascript");
        assertThat(safe)
                .contains(
                        "&lt;svg onload=alert(1)&gt;",
                        "[click]\\(javascript:alert(1))",
                        "[ok](https://example.org/a)",
                        "[mail](mailto:a@b.c)",
                        "[ref\\]: javascript:alert(1)",
                        "[good]: https://example.org");
    }
}
