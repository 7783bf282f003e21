package dev.tunegate.dataops.adapter;

/**
 * One adapter in the registry.
 *
 * @param name the adapter's name
 * @param version its semantic version ({@code MAJOR.MINOR.PATCH[-pre][+build]})
 * @param baseModel the base model it was trained from
 * @param datasetVersion the dataset version it was trained on (an id under {@code .tunegate/datasets/}), or null
 * @param trainingConfig the training config file, relative to the workspace
 * @param trainingConfigSha256 the training config's SHA-256
 * @param goldenRun its golden-set eval run (native eval JSONL, CSV or promptfoo), relative to the workspace
 * @param goldenRunSha256 the golden run's SHA-256 when it was added
 * @param addedAt when it was registered (ISO-8601 UTC)
 */
public record AdapterEntry(
        String name,
        String version,
        String baseModel,
        String datasetVersion,
        String trainingConfig,
        String trainingConfigSha256,
        String goldenRun,
        String goldenRunSha256,
        String addedAt) {

    /** {@code name@version}. */
    public String ref() {
        return name + "@" + version;
    }
}
