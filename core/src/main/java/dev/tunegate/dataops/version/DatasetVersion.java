package dev.tunegate.dataops.version;

import java.util.Map;

/**
 * A dataset version's manifest ({@code DIR/.tunegate/datasets/ID.json}, docs/formats/dataset-version.md).
 *
 * @param schemaVersion 1
 * @param id {@code <first 12 hex digits of digest>-<yyyyMMdd'T'HHmmss'Z'>}
 * @param digest SHA-256 over the sorted row digests (independent of row order and of JSON formatting)
 * @param createdAt when the snapshot was taken (ISO-8601 UTC)
 * @param file the training file, relative to the workspace
 * @param fileSha256 the training file's bytes' SHA-256 (tells whether a decision used this version)
 * @param format the format the file was read in
 * @param rows rows in the file
 * @param validRows rows that can be used
 * @param invalidRows rows that cannot (format errors, empty output); not part of the digest
 * @param byProvenance valid rows by {@code metadata.provenance} ({@code (none)} when absent)
 * @param byStatus valid rows by review status
 * @param byEra valid rows by policy era
 * @param rowsFile the sidecar with one line per valid row ({@code ID.rows.jsonl}), for diffs
 */
public record DatasetVersion(
        int schemaVersion,
        String id,
        String digest,
        String createdAt,
        String file,
        String fileSha256,
        String format,
        long rows,
        long validRows,
        long invalidRows,
        Map<String, Long> byProvenance,
        Map<String, Long> byStatus,
        Map<String, Long> byEra,
        String rowsFile) {
    public static final int SCHEMA_VERSION = 1;

    public DatasetVersion {
        byProvenance = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byProvenance));
        byStatus = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byStatus));
        byEra = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byEra));
    }

    /**
     * One valid row in the sidecar.
     *
     * @param row SHA-256 of the canonical row (messages and metadata)
     * @param content SHA-256 of the canonical messages alone (equal when only the metadata changed)
     * @param input SHA-256 of the canonical input (the messages before the last assistant turn)
     * @param provenance its provenance or null
     * @param status its review status or null
     * @param era its era or null
     */
    public record RowEntry(String row, String content, String input, String provenance, String status, String era) {}
}
