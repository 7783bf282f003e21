package dev.tunegate.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code data} section of tunegate.yaml, typed (with the output schema of {@code requirements}, which the
 * dataset is checked against): what the audit, the review log and the data operations read, built in one place
 * ({@link Workspace#data()}) instead of by string keys in each of them. Defaults come from the schema.
 *
 * @param train the training file, resolved against the workspace; null when not configured
 * @param golden the golden set, resolved; null when not configured
 * @param outputSchema {@code requirements.outputSchema}, resolved; null when not configured
 * @param format {@code data.format} ({@code auto} unless given)
 * @param columns {@code data.columns}: role → column name
 * @param currentEras {@code data.currentEras}
 * @param retiredEras {@code data.retiredEras}
 * @param labelingPipeline {@code data.labelingPipeline}
 * @param reviewQueue {@code data.reviewQueue}, resolved
 * @param semantic {@code data.semantic}: whether {@code assess} runs the semantic audit
 */
public record DataSettings(
        Path train,
        Path golden,
        Path outputSchema,
        String format,
        Map<String, Object> columns,
        List<String> currentEras,
        List<String> retiredEras,
        boolean labelingPipeline,
        Path reviewQueue,
        boolean semantic) {
    public DataSettings {
        columns = Map.copyOf(columns);
        currentEras = List.copyOf(currentEras);
        retiredEras = List.copyOf(retiredEras);
    }

    static DataSettings of(Workspace ws) {
        return new DataSettings(
                Settings.path(ws, "data.train"),
                Settings.path(ws, "data.golden"),
                Settings.path(ws, "requirements.outputSchema"),
                Settings.str(ws, "data.format"),
                ws.map("data.columns"),
                ws.strings("data.currentEras"),
                ws.strings("data.retiredEras"),
                Settings.flag(ws, "data.labelingPipeline"),
                Settings.path(ws, "data.reviewQueue"),
                Settings.flag(ws, "data.semantic"));
    }

    /** The training file, when configured. */
    public Optional<Path> trainFile() {
        return Optional.ofNullable(train);
    }
}
