package dev.tunegate.cli;

import dev.tunegate.evals.EvalSettings;
import dev.tunegate.evals.LabelSet;
import dev.tunegate.evals.read.EvalFormat;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** How eval files are read when no workspace config says it (a mixin of {@code evals} and {@code regress}). */
public final class EvalInputOptions {
    @Option(
            names = "--input-format",
            paramLabel = "auto|native|promptfoo|csv",
            defaultValue = "auto",
            description = "Format of the eval files (default: ${DEFAULT-VALUE}: by extension and content).")
    String inputFormat = "auto";

    @Option(
            names = "--columns",
            paramLabel = "FIELD=COLUMN",
            split = ",",
            description =
                    "CSV column mapping, e.g. expected=gold_label,output=prediction|predicted_label,passed=match,item=user_query.")
    Map<String, String> columns = new LinkedHashMap<>();

    @Option(names = "--labels", paramLabel = "FILE", description = "The label set: a JSON array or one label per line.")
    Path labels;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the randomized statistics (default: 42).")
    Long seed;

    /** The settings these options give on top of {@code base}. */
    EvalSettings apply(EvalSettings base) {
        EvalSettings s = base;
        if (!"auto".equalsIgnoreCase(inputFormat)) s = s.withFormat(EvalFormat.of(inputFormat));
        if (columns != null && !columns.isEmpty()) s = s.withColumns(columns);
        if (labels != null) s = s.withLabels(LabelSet.readFile(labels));
        if (seed != null) s = s.withSeed(seed);
        return s;
    }

    boolean any() {
        return !"auto".equalsIgnoreCase(inputFormat)
                || (columns != null && !columns.isEmpty())
                || labels != null
                || seed != null;
    }
}
