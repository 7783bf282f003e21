package dev.tunegate.audit.semantic;

import dev.tunegate.audit.read.ColumnMapping;
import dev.tunegate.audit.read.DatasetFormat;
import dev.tunegate.io.InvalidInputException;
import java.nio.file.Path;

/**
 * What the semantic audit compares and how.
 *
 * @param train the training file
 * @param golden the golden file, or null (no leakage check)
 * @param format the format of both files
 * @param columns the CSV/TSV column mapping
 * @param model {@value SentenceEncoder#MINILM_Q} (default), {@value SentenceEncoder#MINILM}, or an .onnx file with
 *        its tokenizer.json beside it
 * @param leakThreshold cosine of a golden input to its nearest training input at or above which the golden row leaks
 * @param duplicateThreshold cosine at or above which two training rows are semantic near-duplicates
 * @param cacheDir where vectors are cached (null: no cache)
 */
public record SemanticRequest(
        Path train,
        Path golden,
        DatasetFormat format,
        ColumnMapping columns,
        String model,
        double leakThreshold,
        double duplicateThreshold,
        Path cacheDir) {
    /**
     * Default leakage threshold, chosen on the MRPC test set (docs/formats/audit-report.md): at 0.65 the
     * quantized MiniLM finds 91 % of the human-labelled paraphrases (precision 0.73 against MRPC's hard,
     * same-story negatives), while 1 of 1,725 random cross pairs reaches it.
     */
    public static final double DEFAULT_LEAK_THRESHOLD = 0.65;
    /** Default near-duplicate threshold: stricter (precision 0.88 on MRPC), since a cluster of rows is collapsed or reviewed. */
    public static final double DEFAULT_DUPLICATE_THRESHOLD = 0.90;

    public SemanticRequest {
        if (train == null) throw new IllegalArgumentException("train file is required");
        format = format == null ? DatasetFormat.AUTO : format;
        columns = columns == null ? ColumnMapping.none() : columns;
        model = model == null || model.isBlank() ? SentenceEncoder.MINILM_Q : model;
        check("--semantic-threshold", leakThreshold);
        check("--semantic-duplicate-threshold", duplicateThreshold);
    }

    private static void check(String option, double v) {
        if (!(v > 0 && v <= 1)) throw new InvalidInputException(option + ": expected a cosine in (0, 1], found " + v);
    }

    /** Defaults for everything but the files; the cache beside the training file ({@code .tunegate/embeddings}). */
    public static SemanticRequest of(Path train, Path golden) {
        return new SemanticRequest(
                train,
                golden,
                DatasetFormat.AUTO,
                ColumnMapping.none(),
                null,
                DEFAULT_LEAK_THRESHOLD,
                DEFAULT_DUPLICATE_THRESHOLD,
                defaultCacheDir(train));
    }

    /** {@code .tunegate/embeddings} beside the training file. */
    public static Path defaultCacheDir(Path train) {
        Path parent = train.toAbsolutePath().getParent();
        return parent.resolve(".tunegate").resolve("embeddings");
    }

    public SemanticRequest withFormat(DatasetFormat f, ColumnMapping c) {
        return new SemanticRequest(train, golden, f, c, model, leakThreshold, duplicateThreshold, cacheDir);
    }

    public SemanticRequest withModel(String m) {
        return new SemanticRequest(train, golden, format, columns, m, leakThreshold, duplicateThreshold, cacheDir);
    }

    public SemanticRequest withThresholds(double leak, double duplicate) {
        return new SemanticRequest(train, golden, format, columns, model, leak, duplicate, cacheDir);
    }

    public SemanticRequest withCacheDir(Path dir) {
        return new SemanticRequest(train, golden, format, columns, model, leakThreshold, duplicateThreshold, dir);
    }
}
