package dev.tunegate.spark;

import dev.tunegate.audit.AuditCheck;
import dev.tunegate.audit.AuditRequest;
import dev.tunegate.audit.read.ColumnMapping;
import dev.tunegate.audit.read.DatasetFormat;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An {@link AuditRequest} as executors receive it: plain strings and numbers (a {@link Path} is not
 * serializable, and a path here may be an {@code hdfs://} or {@code s3a://} URI that only Hadoop opens).
 *
 * @param train the training file as given (a local path or any URI Hadoop reads)
 * @param golden the golden file, or null
 * @param outputSchema the output schema, or null (read where the task runs: ship it with {@code --files})
 * @param format the dataset format id ({@code auto} detects it on the driver)
 * @param columns CSV/TSV column mapping, {@code role=name}
 */
record AuditSpec(
        String train,
        String golden,
        String outputSchema,
        String format,
        List<String> columns,
        List<String> currentEras,
        List<String> retiredEras,
        List<String> checks,
        String tokenizer,
        int contextLimit,
        long seed,
        double threshold,
        long maxErrors,
        int maxLineBytes)
        implements Serializable {

    AuditSpec {
        columns = new ArrayList<>(columns == null ? List.of() : columns);
        currentEras = new ArrayList<>(currentEras == null ? List.of() : currentEras);
        retiredEras = new ArrayList<>(retiredEras == null ? List.of() : retiredEras);
        checks = new ArrayList<>(checks == null ? List.of() : checks);
    }

    /** The same spec with another dataset format (the golden file's is detected on its own). */
    AuditSpec withFormat(String format) {
        return new AuditSpec(
                train,
                golden,
                outputSchema,
                format,
                columns,
                currentEras,
                retiredEras,
                checks,
                tokenizer,
                contextLimit,
                seed,
                threshold,
                maxErrors,
                maxLineBytes);
    }

    /** The spec of a request whose files are named as given. */
    static AuditSpec of(AuditRequest r, String train, String golden) {
        return new AuditSpec(
                train,
                golden,
                r.outputSchema() == null ? null : r.outputSchema().toString(),
                r.format().id(),
                r.columns().columns().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toList(),
                r.currentEras(),
                r.retiredEras(),
                r.checks().stream().map(AuditCheck::id).toList(),
                r.tokenizer(),
                r.contextLimit(),
                r.seed(),
                r.threshold(),
                r.maxErrors(),
                r.maxLineBytes());
    }

    /** The request again (its train and golden paths only name the files). */
    AuditRequest request() {
        Set<AuditCheck> c = EnumSet.noneOf(AuditCheck.class);
        for (String id : checks) c.addAll(AuditCheck.parse(id));
        return AuditRequest.of(Path.of(train))
                .withGolden(golden == null ? null : Path.of(golden))
                .withOutputSchema(outputSchema == null ? null : Path.of(outputSchema))
                .withFormat(DatasetFormat.of(format), ColumnMapping.parse(columns))
                .withEras(currentEras, retiredEras)
                .withChecks(c)
                .withMaxErrors(maxErrors)
                .withTokenizer(tokenizer)
                .withNearDuplicates(seed, threshold)
                .withContextLimit(contextLimit)
                .withMaxLineBytes(maxLineBytes);
    }

    boolean runs(AuditCheck check) {
        return checks.contains(check.id());
    }
}
