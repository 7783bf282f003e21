package dev.tunegate.dataops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static final ObjectMapper M = new ObjectMapper();

    @Test
    void keyOrderWhitespaceAndUnicodeCompositionDoNotChangeTheCanonicalText() throws Exception {
        // "é" precomposed (U+00E9) and decomposed (e + U+0301) are the same text in NFC
        String a = "{\"b\": 1, \"a\": {\"y\": [true, null], \"x\": \"caf\u00e9\"}}";
        String b = "{\n  \"a\" : { \"x\" : \"cafe\u0301\", \"y\" : [ true , null ] },\n  \"b\" : 1.0\n}";
        assertThat(CanonicalJson.of(M.readTree(a)))
                .isEqualTo(CanonicalJson.of(M.readTree(b)))
                .isEqualTo("{\"a\":{\"x\":\"caf\u00e9\",\"y\":[true,null]},\"b\":1}");
    }

    @Test
    void theSameRowReadFromDifferentFormatsHasTheSameDigests() throws Exception {
        var chat = new dev.tunegate.audit.read.ChatRowParser(M)
                .parse(new dev.tunegate.audit.read.RawRow.JsonLine(
                        0,
                        1,
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"yo\"}]}"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var pc = new dev.tunegate.audit.read.PromptCompletionRowParser(M)
                .parse(new dev.tunegate.audit.read.RawRow.JsonLine(
                        0,
                        1,
                        "{\"completion\":\"yo\",  \"prompt\":\"hi\"}"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(RowDigests.row(chat.example())).isEqualTo(RowDigests.row(pc.example()));
        assertThat(RowDigests.input(chat.example())).isEqualTo(RowDigests.input(pc.example()));
    }
}
