package dev.tunegate.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JacksonException;
import org.junit.jupiter.api.Test;

/**
 * A JSON text that does not parse is described as a user reads it: the column where the parser stopped and the
 * places its message refers to, not Jackson's description of its source. The columns are counted by hand from the
 * texts below (1-based, as an editor shows them).
 */
class JsonParseErrorTest {
    private static String error(String text) {
        return Json.parseError(
                catchThrowableOfType(JacksonException.class, () -> Json.mapper().readTree(text)));
    }

    @Test
    void anArrayLeftOpenNamesWhereItStopsAndWhereTheArrayOpened() {
        // {"a": [1, 2  — '[' is the 7th character; the text ends after the 11th, so the parser stops at column 12
        assertThat(error("{\"a\": [1, 2"))
                .isEqualTo(
                        "column 12: Unexpected end-of-input: expected close marker for Array (start marker at column 7)")
                .doesNotContain("Source");
    }

    @Test
    void aPlaceOnAnotherLineKeepsItsLine() {
        // line 2 is `"a": [1,` whose '[' is its 6th character; line 3 is `2`, after which the text ends (column 2)
        assertThat(error("{\n\"a\": [1,\n2"))
                .isEqualTo(
                        "column 2: Unexpected end-of-input: expected close marker for Array (start marker at line 2, column 6)");
    }

    @Test
    void aStrayTokenIsNamedWithItsColumnOnOneLine() {
        // the token that is not JSON starts at the first character
        assertThat(error("not json"))
                .startsWith("column 1: Unrecognized token 'not': was expecting")
                .doesNotContain("\n");
    }
}
