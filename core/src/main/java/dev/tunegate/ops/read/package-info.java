/**
 * Readers of production call logs: tunegate's own JSONL, OpenTelemetry GenAI spans as OTLP JSON, and CSV
 * with a column mapping; plain, gzip or zstd. Every log becomes a stream of {@link dev.tunegate.ops.read.Call}s
 * in file order and a {@link dev.tunegate.ops.read.LogProblem} for each line that cannot be used
 * (docs/formats/call-log.md).
 *
 * <p>May import {@code audit.read} (shared decompression), analysis, io; must not import the rest of ops' layer
 * (assess, pilot, policy, record, report). Checked by {@code ArchitectureTest}.
 */
package dev.tunegate.ops.read;
