package dev.tunegate.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads the JSON Schema every output must conform to ({@code requirements.outputSchema}); the dataset
 * audit checks training outputs against it and the eval history classifies FORMAT errors with it.
 * Draft 2020-12 unless the schema's {@code $schema} says otherwise.
 */
public final class OutputSchemaFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutputSchemaFile() {}

    /**
     * @param file the schema file
     * @param display how messages name it
     * @throws InvalidInputException when it is missing, not JSON, not an object, or not a usable schema
     */
    public static JsonSchema load(Path file, String display) {
        JsonNode node;
        try {
            node = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(display, 0, "no such file (the output schema)");
        } catch (IOException e) {
            String m = e.getMessage() == null
                    ? ""
                    : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidInputException(display, 0, "the output schema is not valid JSON: " + m);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(
                    display,
                    1,
                    "the output schema: expected a JSON object, found "
                            + (node == null
                                    ? "nothing"
                                    : node.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        try {
            SpecVersion.VersionFlag version =
                    SpecVersionDetector.detectOptionalVersion(node, false).orElse(SpecVersion.VersionFlag.V202012);
            JsonSchema schema = JsonSchemaFactory.getInstance(version).getSchema(node);
            schema.initializeValidators();
            return schema;
        } catch (RuntimeException e) {
            throw new InvalidInputException(display, 0, "the output schema cannot be used: " + e.getMessage());
        }
    }
}
