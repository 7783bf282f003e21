package dev.tunegate.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tunegate.policy.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RulesDocumentTest {
    @Test
    void docsRulesMdIsGeneratedFromThePolicy() throws IOException {
        Path doc = Path.of("..", "docs", "RULES.md");
        String expected = RulesDocument.render(Policy.standard());
        if (Boolean.getBoolean("tunegate.updateGolden")) Files.writeString(doc, expected);
        assertThat(Files.readString(doc))
                .as("docs/RULES.md is stale: run the tests with -Dtunegate.updateGolden=true")
                .isEqualTo(expected);
    }
}
